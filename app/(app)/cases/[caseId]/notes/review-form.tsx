"use client";

import { FieldError } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
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
      <div className="grid gap-2">
        <Label htmlFor="review-comment">Comment for the counsellor (optional)</Label>
        <Textarea
          id="review-comment"
          name="comment"
          rows={3}
          maxLength={2000}
          aria-invalid={fieldErrors(state, "comment") ? true : undefined}
          aria-describedby={fieldErrors(state, "comment") ? "review-comment-error" : undefined}
        />
        <FieldError id="review-comment-error" errors={fieldErrors(state, "comment")} />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Mark as reviewed"}
        </Button>
      </div>
    </form>
  );
}
