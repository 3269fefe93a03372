"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { fieldErrors } from "@/lib/action-result";
import { closureOutcomeLabels, options, statusLabels } from "@/lib/cases/labels";
import type { CaseDetail } from "@/lib/cases/queries";
import { isReopening, transitions } from "@/lib/cases/status";
import { today } from "@/lib/dates";
import { formatDateTime } from "@/lib/format";
import { changeStatusAction } from "../actions";
import { ClosureSummary, type Progress } from "./closure-summary";

export function StatusControl({ detail, progress }: { detail: Pick<CaseDetail, "id" | "version" | "status" | "statusHistory">; progress: Progress }) {
  const [state, onSubmit, pending] = useFormAction(changeStatusAction);
  const next = transitions[detail.status];
  const [target, setTarget] = useState<string>(next[0] ?? "");
  // After a change the case has new next steps: start again from the first of them.
  const [shownFor, setShownFor] = useState(detail.version);
  if (shownFor !== detail.version) {
    setShownFor(detail.version);
    setTarget(next[0] ?? "");
  }
  const closing = target === "closed";
  const reopening = target !== "" && isReopening(detail.status, target as CaseDetail["status"]);
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Status</h2>
        </CardTitle>
        <CardDescription>
          Now {statusLabels[detail.status].toLowerCase()}. Only the next steps of the case&apos;s path are offered.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form onSubmit={onSubmit} className="grid gap-3" noValidate key={detail.version}>
          <FormMessage state={state} />
          <input type="hidden" name="caseId" value={detail.id} />
          <input type="hidden" name="version" value={detail.version} />
          <SelectField
            label={detail.status === "closed" ? "Reopen as" : "Move to"}
            name="status"
            options={next.map((status) => ({ value: status, label: statusLabels[status] }))}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            errors={fieldErrors(state, "status")}
          />
          {closing ? (
            <>
              <ClosureSummary progress={progress} />
              <SelectField
                label="Closure outcome"
                name="closureOutcome"
                options={[{ value: "", label: "Choose…" }, ...options(closureOutcomeLabels)]}
                defaultValue=""
                required
                errors={fieldErrors(state, "closureOutcome")}
              />
              <Field label="Closed on" name="closedOn" type="date" max={today()} defaultValue={today()} errors={fieldErrors(state, "closedOn")} />
            </>
          ) : null}
          {reopening ? (
            <Field label="Why is the case reopened?" name="reason" required maxLength={500} errors={fieldErrors(state, "reason")} />
          ) : null}
          <div>
            <Button type="submit" disabled={pending} variant={closing ? "destructive" : "default"}>
              {pending ? "Saving…" : closing ? "Close case" : reopening ? "Reopen case" : `Move to ${statusLabels[target as CaseDetail["status"]]?.toLowerCase() ?? ""}`}
            </Button>
          </div>
        </form>
        {detail.statusHistory.length ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-primary">Status history</summary>
            <ol className="mt-2 grid gap-2">
              {detail.statusHistory.map((entry, index) => (
                <li key={index} className="border-l-2 pl-3">
                  <span className="font-medium">{statusLabels[entry.toStatus]}</span>
                  {entry.fromStatus ? <span className="text-muted-foreground"> from {statusLabels[entry.fromStatus].toLowerCase()}</span> : null}
                  <div className="text-xs text-muted-foreground">
                    {formatDateTime(new Date(entry.changedAt))} · {entry.changedBy}
                    {entry.reason ? ` · ${entry.reason}` : ""}
                  </div>
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
