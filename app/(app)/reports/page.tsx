import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/actor";
import { closureOutcomeLabels, statusLabels } from "@/lib/cases/labels";
import { today } from "@/lib/dates";
import { formatDay, percentOf } from "@/lib/format";
import { milestoneLabels } from "@/lib/milestones/labels";
import { reportColumns } from "@/lib/reports/columns";
import { resolvePeriod } from "@/lib/reports/period";
import { requestedScope, serviceScopeOffered } from "@/lib/reports/scope";
import { serviceReport, teamReport } from "@/lib/reports/team-report";
import { requestContext } from "@/lib/request";
import { ReportBarChart } from "./bar-chart";
import { PeriodForm, ScopeSwitch } from "./period-form";
import { ReportSection, ReportTableView } from "./report-section";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("reports.view", "/reports");
  const params = await searchParams;
  const period = resolvePeriod(params, today());
  // The whole service only while an administrator allows it; otherwise the URL's scope is ignored.
  const offered = await serviceScopeOffered(actor);
  const scope = offered ? requestedScope(params.scope) : "team";
  const team = scope === "team";
  const report = await (team ? teamReport : serviceReport)(actor, period, await requestContext());
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const totals: [string, number | string, string?][] = [
    ["Cases open in the period", report.population],
    ["New referrals", sum(report.caseload.map((r) => r.referrals))],
    ["Closed", sum(report.closures.map((r) => r.count))],
    ["Sessions held", sum(report.caseload.map((r) => r.sessions))],
    // The review queue and a counsellor's cases are the supervisor's own team's.
    ["Notes waiting for review", report.reviewQueue, team ? "/reviews" : undefined],
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="grid gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{team ? "Team reports" : "Service reports"}</h1>
          <p className="text-sm text-muted-foreground">
            {team ? "Your team" : "Every team of the service"}, {formatDay(period.from)} – {formatDay(period.to)} (both days included). Figures
            are computed from the live records; downloads carry counsellor names but never a client&apos;s.
          </p>
        </div>
        {offered ? <ScopeSwitch scope={scope} period={period} /> : null}
        <PeriodForm period={period} scope={scope} />
      </div>

      <section aria-label="Totals" className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {totals.map(([label, value, href]) => (
          <Card key={label} className="gap-2 py-4">
            <CardHeader className="px-4">
              <CardDescription>{label}</CardDescription>
              <CardTitle className="text-2xl tabular-nums">
                {href ? (
                  <Link href={href} className="hover:underline">
                    {value}
                  </Link>
                ) : (
                  value
                )}
              </CardTitle>
            </CardHeader>
          </Card>
        ))}
      </section>

      <ReportSection
        title="Caseload per counsellor"
        description={`Open cases now; referrals, closures, sessions and hours in the period.${team ? " A name opens that counsellor's cases." : ""}`}
      >
        <ReportBarChart label="Open cases" data={report.caseload.map((r) => ({ name: r.counsellor, value: r.openCases }))} />
        <ReportTableView
          table="caseload"
          title="Caseload per counsellor"
          columns={reportColumns.caseload}
          rows={report.caseload}
          period={period}
          scope={scope}
          link={team ? (row) => `/cases?counsellor=${row.counsellorId}` : undefined}
        />
      </ReportSection>

      <ReportSection title="Status" description="Where the cases stand today (whatever the period), and the status changes made in the period.">
        <ReportBarChart label="Cases" data={report.status.map((r) => ({ name: statusLabels[r.key as keyof typeof statusLabels] ?? r.key, value: r.count }))} />
        <ReportTableView table="status" title="Cases by status today" columns={reportColumns.status} rows={report.status} period={period} scope={scope} />
        <ReportTableView table="flow" title="Status changes in the period" columns={reportColumns.flow} rows={report.flow} period={period} scope={scope} />
      </ReportSection>

      <ReportSection title="Contributing factors" description="Share of the cases open in the period that carry each factor and category, and the factors that most often come together.">
        <ReportBarChart label="Share of cases" unit="%" data={report.categories.map((r) => ({ name: r.category, value: r.share }))} />
        <ReportTableView table="categories" title="Factor categories" columns={reportColumns.categories} rows={report.categories} period={period} scope={scope} />
        <ReportTableView table="factors" title="Factors" columns={reportColumns.factors} rows={report.factors} period={period} scope={scope} />
        <ReportTableView table="pairs" title="Most common pairs of factors" columns={reportColumns.pairs} rows={report.pairs} period={period} scope={scope} />
      </ReportSection>

      <ReportSection
        title="Outcomes"
        description="Per instrument, cases with at least two results up to the end of the period: median first and latest score, and the share that improved in the instrument's own direction."
      >
        <ReportBarChart
          label="Improved"
          unit="%"
          data={report.outcomes.map((r) => ({ name: r.instrument, value: percentOf(r.improved, r.cases) ?? 0 }))}
        />
        <ReportTableView table="outcomes" title="Change per instrument" columns={reportColumns.outcomes} rows={report.outcomes} period={period} scope={scope} />
      </ReportSection>

      <ReportSection title="Milestones" description="Share of the cases open in the period that reached each step, and the median days from referral to reaching it.">
        <ReportBarChart label="Share of cases" unit="%" data={report.milestones.map((r) => ({ name: milestoneLabels[r.milestone as keyof typeof milestoneLabels], value: r.share }))} />
        <ReportTableView table="milestones" title="Milestones reached" columns={reportColumns.milestones} rows={report.milestones} period={period} scope={scope} />
      </ReportSection>

      <ReportSection title="Closures" description="Cases closed in the period, by closure outcome.">
        <ReportBarChart
          label="Cases"
          data={report.closures.map((r) => ({ name: closureOutcomeLabels[r.key as keyof typeof closureOutcomeLabels] ?? r.key, value: r.count }))}
        />
        <ReportTableView table="closures" title="Closures by outcome" columns={reportColumns.closures} rows={report.closures} period={period} scope={scope} />
      </ReportSection>

    </div>
  );
}
