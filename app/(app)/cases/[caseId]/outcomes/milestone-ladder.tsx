"use client";

import { Check } from "lucide-react";
import { differenceInCalendarDays, parseISO } from "date-fns";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { fieldErrors } from "@/lib/action-result";
import { today } from "@/lib/dates";
import { formatDate, formatDay } from "@/lib/format";
import { milestoneLabels, milestoneLadder } from "@/lib/milestones/labels";
import type { Milestone } from "@/db/schema";
import { recordMilestoneAction, removeMilestoneAction } from "./actions";

export type MilestoneRow = {
  id: string;
  milestone: Milestone;
  reachedOn: string;
  note: string | null;
  recordedBy: string;
  removedAt: Date | null;
  removedBy: string | null;
  removalReason: string | null;
};

/** The ladder in order: steps reached with their day since referral, and the rest to record. */
export function MilestoneLadder({
  caseId,
  referralDate,
  milestones,
  canRecord,
}: {
  caseId: string;
  referralDate: string;
  milestones: MilestoneRow[];
  canRecord: boolean;
}) {
  const [recordState, onRecord, recording] = useFormAction(recordMilestoneAction);
  const [removeState, onRemove, removing] = useFormAction(removeMilestoneAction);
  const reached = new Map(milestones.filter((m) => !m.removedAt).map((m) => [m.milestone, m]));
  const removed = milestones.filter((m) => m.removedAt);
  return (
    <div className="grid gap-4">
      <FormMessage state={recordState} />
      <FormMessage state={removeState} />
      <ol className="grid gap-2">
        {milestoneLadder.map((step, index) => {
          const row = reached.get(step);
          const label = milestoneLabels[step];
          return (
            <li key={step} className="rounded-md border p-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span
                  aria-hidden
                  className={
                    row
                      ? "flex size-6 items-center justify-center rounded-full bg-primary text-primary-foreground"
                      : "flex size-6 items-center justify-center rounded-full border text-xs text-muted-foreground"
                  }
                >
                  {row ? <Check className="size-4" /> : index + 1}
                </span>
                <span className={row ? "font-medium" : "text-muted-foreground"}>{label}</span>
                {row ? (
                  <span className="text-muted-foreground">
                    — reached {formatDay(row.reachedOn)}, day {differenceInCalendarDays(parseISO(row.reachedOn), parseISO(referralDate))} since
                    referral · {row.recordedBy}
                  </span>
                ) : (
                  <span className="sr-only">(not reached)</span>
                )}
              </div>
              {row?.note ? <p className="mt-1 ml-8 text-sm whitespace-pre-wrap">{row.note}</p> : null}
              {canRecord && row ? (
                <details className="mt-2 ml-8 text-sm">
                  <summary className="cursor-pointer text-primary">Remove…</summary>
                  <form onSubmit={onRemove} className="mt-2 grid gap-2 sm:max-w-md" aria-label={`Remove ${label}`}>
                    <input type="hidden" name="caseId" value={caseId} />
                    <input type="hidden" name="milestoneId" value={row.id} />
                    <Field label="Reason for removing it" id={`remove-reason-${step}`} name="reason" maxLength={500} required errors={fieldErrors(removeState, "reason")} />
                    <div>
                      <Button type="submit" size="sm" variant="outline" disabled={removing}>
                        Remove milestone
                      </Button>
                    </div>
                  </form>
                </details>
              ) : null}
              {canRecord && !row ? (
                <details className="mt-2 ml-8 text-sm">
                  <summary className="cursor-pointer text-primary">Record “{label}”…</summary>
                  <form onSubmit={onRecord} noValidate className="mt-2 grid gap-2 sm:max-w-md" aria-label={`Record ${label}`}>
                    <input type="hidden" name="caseId" value={caseId} />
                    <input type="hidden" name="milestone" value={step} />
                    <Field
                      label="Date reached"
                      id={`reached-${step}`}
                      name="reachedOn"
                      type="date"
                      min={referralDate}
                      max={today()}
                      defaultValue={today()}
                      required
                      errors={fieldErrors(recordState, "reachedOn")}
                    />
                    <Field label="Note (optional)" id={`note-${step}`} name="note" maxLength={300} errors={fieldErrors(recordState, "note")} />
                    <div>
                      <Button type="submit" size="sm" disabled={recording}>
                        Record milestone
                      </Button>
                    </div>
                  </form>
                </details>
              ) : null}
            </li>
          );
        })}
      </ol>
      {removed.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-primary">Removed milestones ({removed.length})</summary>
          <ul className="mt-2 grid gap-1 text-muted-foreground">
            {removed.map((m) => (
              <li key={m.id}>
                {milestoneLabels[m.milestone]} (recorded as reached {formatDay(m.reachedOn)}), removed {formatDate(new Date(m.removedAt!))} by{" "}
                {m.removedBy}: {m.removalReason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
