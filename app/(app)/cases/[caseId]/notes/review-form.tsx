"use client";

import { FormMessage } from "@/components/forms/form-message";
import { TextareaField } from "@/components/forms/textarea-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import { reviewNoteAction } from "./actions";

export function ReviewForm({ caseId, noteId, version }: { caseId: string; noteId: string; version: number }) {
  const [state, onSubmit, pending] = useFormAction(reviewNoteAction);
  return (
    <form onSubmit={onSubmit} className="grid gap-3" aria-label="Review this note">
      <FormMessage state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="noteId" value={noteId} />
      <input type="hidden" name="version" value={version} />
      <TextareaField
        label="Comment for the counsellor (optional)"
        id="review-comment"
        name="comment"
        rows={3}
        maxLength={2000}
        errors={fieldErrors(state, "comment")}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Mark as reviewed"}
        </Button>
      </div>
    </form>
  );
}
