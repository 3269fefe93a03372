"use client";

import { useEffect, useRef } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { TextareaField } from "@/components/forms/textarea-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import { addAddendumAction } from "./actions";

export function AddendumForm({ caseId, noteId }: { caseId: string; noteId: string }) {
  const [state, onSubmit, pending] = useFormAction(addAddendumAction);
  const form = useRef<HTMLFormElement>(null);
  // Once added, the addendum shows in the list above; the form empties for the next one.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} onSubmit={onSubmit} className="grid gap-3 border-t pt-4" aria-label="Add an addendum">
      <h3 className="text-sm font-semibold">Add an addendum</h3>
      <FormMessage state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="noteId" value={noteId} />
      <Field label="Reason" name="reason" maxLength={500} required hint="For example: wrong date of the next visit, information received later." errors={fieldErrors(state, "reason")} />
      <TextareaField label="Addendum" id="addendum-body" name="body" rows={4} maxLength={20_000} required errors={fieldErrors(state, "body")} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add addendum"}
        </Button>
      </div>
    </form>
  );
}
