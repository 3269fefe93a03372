"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { fieldErrors } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import { assignCaseAction } from "../actions";

export function AssignmentPanel({
  caseId,
  version,
  currentCounsellorId,
  counsellors,
  history,
}: {
  caseId: string;
  version: number;
  currentCounsellorId: string;
  counsellors: { id: string; name: string }[];
  history: { counsellor: string; assignedBy: string; assignedAt: Date; endedAt: Date | null }[];
}) {
  const [state, onSubmit, pending] = useFormAction(assignCaseAction);
  const others = counsellors.filter((c) => c.id !== currentCounsellorId);
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Assignment</h2>
        </CardTitle>
        <CardDescription>Hand the case to another counsellor of your team. The current counsellor loses access.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {others.length === 0 ? (
          <p className="text-sm text-muted-foreground">No other active counsellor in your team.</p>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-3" key={version}>
            <FormMessage state={state} />
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="version" value={version} />
            <SelectField
              label="New counsellor"
              name="counsellorId"
              options={others.map((c) => ({ value: c.id, label: c.name }))}
              errors={fieldErrors(state, "counsellorId")}
            />
            <div>
              <Button type="submit" disabled={pending}>
                {pending ? "Reassigning…" : "Reassign"}
              </Button>
            </div>
          </form>
        )}
        {history.length ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-primary">Assignment history</summary>
            <ol className="mt-2 grid gap-1 text-muted-foreground">
              {history.map((entry, index) => (
                <li key={index}>
                  <span className="text-foreground">{entry.counsellor}</span> from {formatDateTime(new Date(entry.assignedAt))}
                  {entry.endedAt ? ` to ${formatDateTime(new Date(entry.endedAt))}` : " (current)"}, assigned by {entry.assignedBy}
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
