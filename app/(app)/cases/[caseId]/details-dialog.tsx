"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { CaseDetail } from "@/lib/cases/queries";
import { updateCaseAction } from "../actions";
import { CaseFields } from "../case-fields";

export function DetailsDialog({ detail }: { detail: CaseDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Pencil aria-hidden />
          Edit details
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">{open ? <DetailsForm detail={detail} onDone={() => setOpen(false)} /> : null}</DialogContent>
    </Dialog>
  );
}

function DetailsForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const [state, onSubmit, pending] = useFormAction(updateCaseAction);
  if (state?.ok) {
    onDone();
    return null;
  }
  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Edit details of {detail.reference}</DialogTitle>
        <DialogDescription>Changes are recorded with your name in the audit trail.</DialogDescription>
      </DialogHeader>
      <FormMessage state={state} />
      <input type="hidden" name="caseId" value={detail.id} />
      <input type="hidden" name="version" value={detail.version} />
      <CaseFields state={state} values={detail} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}
