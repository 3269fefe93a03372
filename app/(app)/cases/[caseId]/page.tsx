import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FactList } from "@/components/fact-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/actor";
import { closureOutcomeLabels, livingSituationLabels, referralSourceLabels, statusLabels } from "@/lib/cases/labels";
import { assignableCounsellors, assignmentHistory, getCase } from "@/lib/cases/queries";
import { formatMonths, stageLabels, withdrawalDuration } from "@/lib/cases/withdrawal";
import { isDomainError } from "@/lib/errors";
import { factorCatalogue } from "@/lib/factors/queries";
import { modalityLabels } from "@/lib/notes/labels";
import { caseOutcomes } from "@/lib/measures/queries";
import { noteTimeline } from "@/lib/notes/queries";
import { severityLabels } from "@/lib/notes/severity";
import { today } from "@/lib/dates";
import { formatDay, formatMonth } from "@/lib/format";
import { can } from "@/lib/policy";
import { requestContext } from "@/lib/request";
import { RiskBadge, StatusBadge } from "../case-badges";
import { AssignmentPanel } from "./assignment-panel";
import { DetailsDialog } from "./details-dialog";
import { FactorsPanel } from "./factors-panel";
import { FlagsPanel } from "./flags-panel";
import { IdentityPanel } from "./identity-panel";
import { NotesTimeline } from "./notes-timeline";
import { CaseHeader } from "./case-tabs";
import { StatusControl } from "./status-control";

export const metadata: Metadata = { title: "Case" };

const list = (value: string | string[] | undefined) => [value ?? []].flat().filter(Boolean);

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("cases.read", "/cases/[caseId]");
  const { caseId } = await params;
  const context = await requestContext();
  const detail = await getCase(actor, caseId, context).catch((error) => {
    if (isDomainError(error) && error.kind === "NotFound") notFound();
    throw error;
  });
  const supervising = can(actor, "cases.assign");
  const query = await searchParams;
  const filters = { modality: list(query.modality), template: list(query.template), status: list(query.status) };
  const [catalogue, counsellors, assignments, timeline, outcomes] = await Promise.all([
    factorCatalogue(actor),
    assignableCounsellors(actor),
    supervising ? assignmentHistory(actor, detail.id) : [],
    noteTimeline(actor, detail.id, { ...filters, limit: query.limit }, context),
    // The case view itself is the audited read; this only feeds the closing form's summary.
    caseOutcomes(actor, detail.id, context, { audited: false }),
  ]);
  const progress = {
    scores: outcomes.summaries.map((s) => ({
      code: s.code,
      first: s.first.value,
      firstOn: s.first.date,
      latest: s.latest.value,
      latestOn: s.latest.date,
      change: s.change,
    })),
    milestones: outcomes.milestones.filter((m) => !m.removedAt).map((m) => ({ milestone: m.milestone, reachedOn: m.reachedOn })),
  };
  const observed = timeline.latestObservation;
  const withdrawal = detail.withdrawalOnset ? withdrawalDuration(detail.withdrawalOnset, detail.referralDate) : null;
  const facts: [string, React.ReactNode][] = [
    ["Referral", `${formatDay(detail.referralDate)} · ${referralSourceLabels[detail.referralSource]}`],
    [
      "Withdrawal",
      withdrawal
        ? `${formatMonths(withdrawal.months)} at referral (since ${formatMonth(detail.withdrawalOnset!)}) — ${stageLabels[withdrawal.stage]}`
        : "Onset not known",
    ],
    ["Living situation", detail.livingSituation ? livingSituationLabels[detail.livingSituation] : "Not recorded"],
    ["Counsellor", detail.counsellorName],
    [
      "Days out of home",
      observed
        ? `${observed.daysOut === null ? "Not counted" : `${observed.daysOut} in the week before ${formatDay(observed.sessionDate)}`}${
            observed.severity ? ` — severity ${severityLabels[observed.severity]}` : ""
          }`
        : "Not recorded yet",
    ],
    [
      "HQ-25",
      outcomes.hq25Due
        ? outcomes.hq25Due.overdue
          ? `Due since ${formatDay(outcomes.hq25Due.dueOn)}`
          : `Next due ${formatDay(outcomes.hq25Due.dueOn)}`
        : "Not due (only active cases are measured)",
    ],
    ["Last contact", detail.lastContactOn ? formatDay(detail.lastContactOn) : "None recorded yet"],
    [
      "Next planned contact",
      detail.nextContactOn
        ? `${formatDay(detail.nextContactOn)} · ${modalityLabels[detail.nextContactModality!]}${detail.nextContactOn < today() ? " (overdue)" : ""}`
        : "Not planned",
    ],
  ];
  if (detail.status === "closed" && detail.closureOutcome) {
    facts.push(["Closed", `${formatDay(detail.closedOn!)} · ${closureOutcomeLabels[detail.closureOutcome]}`]);
  }

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <CaseHeader
        caseId={detail.id}
        title={`${detail.reference} · ${detail.clientName}`}
        current="Overview"
        accessLog={can(actor, "cases.access-log")}
        badges={
          <>
            <StatusBadge status={detail.status} />
            <RiskBadge risk={detail.riskLevel} />
            {withdrawal ? <Badge variant="outline">{formatMonths(withdrawalDuration(detail.withdrawalOnset!, new Date()).months)} withdrawn</Badge> : null}
          </>
        }
      >
        <p className="text-sm text-muted-foreground">
          {statusLabels[detail.status]} · counsellor {detail.counsellorName}
        </p>
      </CaseHeader>

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader className="flex flex-row items-center justify-between">
              <CardTitle asChild>
                <h2>Details</h2>
              </CardTitle>
              <DetailsDialog detail={detail} />
            </CardHeader>
            <CardContent>
              <FactList facts={facts} />
            </CardContent>
          </Card>
          <NotesTimeline caseId={detail.id} timeline={timeline} filters={filters} actorId={actor.id} canWrite={can(actor, "notes.write")} />
          <FactorsPanel caseId={detail.id} factors={detail.factors} catalogue={catalogue} />
          <IdentityPanel caseId={detail.id} />
        </div>
        <div className="grid content-start gap-6">
          <StatusControl
            detail={{ id: detail.id, version: detail.version, status: detail.status, statusHistory: detail.statusHistory }}
            progress={progress}
          />
          <FlagsPanel caseId={detail.id} flags={detail.flags} />
          {supervising ? (
            <AssignmentPanel
              caseId={detail.id}
              version={detail.version}
              currentCounsellorId={detail.counsellorId}
              counsellors={counsellors}
              history={assignments}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
