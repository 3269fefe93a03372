import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CalendarClock } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/actor";
import { isDomainError } from "@/lib/errors";
import { formatDay } from "@/lib/format";
import { instrumentFor, instruments } from "@/lib/measures/instruments";
import { caseOutcomes } from "@/lib/measures/queries";
import { can } from "@/lib/policy";
import { requestContext } from "@/lib/request";
import { CaseHeader } from "../case-tabs";
import { InstrumentCard } from "./instrument-card";
import { MeasureForm } from "./measure-form";
import { MilestoneLadder } from "./milestone-ladder";

export const metadata: Metadata = { title: "Outcomes" };

export default async function OutcomesPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("cases.read", "/cases/[caseId]/outcomes");
  const { caseId } = await params;
  const outcomes = await caseOutcomes(actor, caseId, await requestContext()).catch((error) => {
    if (isDomainError(error) && error.kind === "NotFound") notFound();
    throw error;
  });
  const { correct } = await searchParams;
  const kase = outcomes.case;
  const open = kase.status !== "closed";
  const canRecord = can(actor, "outcomes.record") && open;
  const correcting = outcomes.results.find((r) => r.id === correct && !r.supersededAt);
  const due = outcomes.hq25Due;

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <CaseHeader
        caseId={kase.id}
        title={`${kase.reference} · ${kase.clientName}`}
        current="Outcomes"
        accessLog={can(actor, "cases.access-log")}
      />
      {due ? (
        <Alert variant={due.overdue ? "destructive" : "default"} role={due.overdue ? "alert" : undefined}>
          <CalendarClock aria-hidden />
          <AlertDescription>
            {due.overdue ? `An HQ-25 is due (since ${formatDay(due.dueOn)}).` : `The next HQ-25 is due on ${formatDay(due.dueOn)}.`}
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="grid content-start gap-6">
          {outcomes.summaries.length === 0 ? (
            <Card>
              <CardHeader>
                <CardTitle asChild>
                  <h2>Measures</h2>
                </CardTitle>
                <CardDescription>
                  No results yet. {canRecord ? "Record a baseline with the form on this page." : "The counsellor records them."}
                </CardDescription>
              </CardHeader>
            </Card>
          ) : (
            outcomes.summaries.map((summary) => (
              <InstrumentCard
                key={summary.code}
                caseId={kase.id}
                instrument={instrumentFor(summary.code)!}
                summary={summary}
                history={outcomes.results.filter((r) => r.instrument === summary.code)}
                canCorrect={canRecord}
              />
            ))
          )}
        </div>
        <div className="grid content-start gap-6">
          {canRecord ? (
            <Card>
              <CardHeader>
                <CardTitle asChild>
                  <h2>{correcting ? "Correct a result" : "Record a measure"}</h2>
                </CardTitle>
                <CardDescription>
                  {correcting
                    ? `The ${correcting.instrument} result of ${formatDay(correcting.administeredOn)} stays in the history, marked as superseded.`
                    : `Scored and banded as you save it. ${instruments.length} instruments.`}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <MeasureForm
                  key={correcting?.id ?? "new"}
                  caseId={kase.id}
                  referralDate={kase.referralDate}
                  correcting={correcting ? { id: correcting.id, instrument: correcting.instrument, administeredOn: correcting.administeredOn } : undefined}
                />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2>Milestones</h2>
              </CardTitle>
              <CardDescription>The ladder from first contact to sustained participation, with the day each step was reached.</CardDescription>
            </CardHeader>
            <CardContent>
              <MilestoneLadder caseId={kase.id} referralDate={kase.referralDate} milestones={outcomes.milestones} canRecord={canRecord} />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
