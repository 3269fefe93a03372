import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/demo-accounts";
import { seedDemoData } from "@/db/seed";
import { today } from "@/lib/dates";
import { presetPeriod } from "@/lib/reports/period";
import { teamReport } from "@/lib/reports/team-report";
import { sql, testDatabase } from "./helpers/database";
import { context, signInAs } from "./helpers/people";

/**
 * The report on the demo service agrees with the same figures counted another way, row by row.
 * (Exact figures on a small hand-made team are in reports.test.ts.)
 */
describe("the team report on the demo service", () => {
  it("adds up: caseload, status, closures and population match direct counts of the team's rows", async () => {
    await seedDemoData(testDatabase());
    const supervisor = await signInAs("supervisor.north@tsunagu.example", DEMO_PASSWORD);
    const period = presetPeriod("12m", today());
    const report = await teamReport(supervisor, period, context);
    const [direct] = await sql<{ open: number; statuses: number; closed: number; sessions: number; population: number; queue: number }>(
      `select
         (select count(*)::int from cases where team_id = $1 and status <> 'closed') as open,
         (select count(*)::int from cases where team_id = $1) as statuses,
         (select count(*)::int from cases where team_id = $1 and closed_on between $2 and $3) as closed,
         (select count(*)::int from session_notes n join cases c on c.id = n.case_id where c.team_id = $1 and n.session_date between $2 and $3) as sessions,
         (select count(*)::int from cases where team_id = $1 and referral_date <= $3 and (closed_on is null or closed_on >= $2)) as population,
         (select count(*)::int from session_notes n join cases c on c.id = n.case_id where c.team_id = $1 and n.status = 'signed' and n.reviewed_at is null) as queue`,
      [supervisor.teamId, period.from, period.to],
    );
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(report.caseload.map((r) => r.openCases))).toBe(direct!.open);
    expect(sum(report.caseload.map((r) => r.sessions))).toBe(direct!.sessions);
    expect(sum(report.status.map((r) => r.count))).toBe(direct!.statuses);
    expect(sum(report.closures.map((r) => r.count))).toBe(direct!.closed);
    expect(report.population).toBe(direct!.population);
    expect(report.reviewQueue).toBe(direct!.queue);
    expect(report.population).toBeGreaterThan(0);
    expect(report.outcomes.map((o) => o.instrument)).toEqual(expect.arrayContaining(["HQ25", "PHQ9", "DAYSOUT"]));
    for (const o of report.outcomes) expect(o.improved + o.noChange + o.worse).toBe(o.cases);
    expect(report.factors.length).toBeGreaterThan(0);
    expect(report.milestones.every((m) => m.share >= 0 && m.share <= 100 && (m.cases > 0) === (m.share > 0))).toBe(true);
  });
});
