import { describe, expect, it } from "vitest";
import { milestoneLadder } from "@/lib/milestones/labels";
import { reportColumns } from "@/lib/reports/columns";
import { reportTables, teamReport, teamReportTable } from "@/lib/reports/team-report";
import { createCaseFor } from "./helpers/cases";
import { sql } from "./helpers/database";
import { auditSince, lastAuditId } from "./helpers/outcomes";
import { context, createPeople, signInAs } from "./helpers/people";
import { buildTeamReportFixture, PERIOD, tag, type TeamReportFixture } from "./helpers/reports";

/**
 * Every figure of North's report for the first half of 2026, worked out by hand from the fixture
 * (helpers/reports.ts). Shares are of the 9 cases in the period: c1 c2 c3 c6 c7 c8 c9 c10 c11.
 */
function expectedNorthReport(f: TeamReportFixture) {
  const zeroMilestone = (milestone: string) => ({ milestone, cases: 0, share: 0, medianDays: null });
  return {
    period: PERIOD,
    // Not c4 (referred the day after), not c5 (closed the day before).
    population: 9,
    caseload: [
      // c6 c7 c8 c9 c10 c11 (+ c5): open c8 c9; referred in the period c7 c8 c10; closed in it c6 c7 c11.
      // Sessions 50 + 90 + 20 + 47 = 207 minutes = 3.45 hours, shown as 3.5. Last contact 30 and 29 days ago.
      {
        counsellorId: f.counsellors.b,
        counsellor: "bea.north",
        openCases: 2,
        referrals: 3,
        closed: 3,
        sessions: 4,
        hours: 3.5,
        medianDaysSinceContact: 29.5,
        noContact30: 1,
      },
      // c1 c2 c3 c4: all open; referred in the period c2 c3; sessions 60 + 50 + 25 + 40 = 175 minutes;
      // last contact 5, 40, never, 10 days ago.
      {
        counsellorId: f.counsellors.a,
        counsellor: "counsellor.north",
        openCases: 4,
        referrals: 2,
        closed: 0,
        sessions: 4,
        hours: 2.9,
        medianDaysSinceContact: 10,
        noContact30: 2,
      },
      { counsellorId: f.counsellors.zed, counsellor: "zed.north", openCases: 0, referrals: 0, closed: 0, sessions: 0, hours: 0, medianDaysSinceContact: null, noContact30: 0 },
    ],
    status: [
      { key: "referred", count: 1 },
      { key: "assessment", count: 1 },
      { key: "active", count: 3 },
      { key: "paused", count: 1 },
      { key: "closed", count: 5 },
    ],
    flow: [
      { from: null, to: "referred", count: 4 },
      { from: "referred", to: "assessment", count: 3 },
      { from: "assessment", to: "active", count: 3 },
      { from: "active", to: "paused", count: 1 },
      { from: "active", to: "closed", count: 2 },
    ],
    factors: [
      { factor: "Depression", category: "Mental health", cases: 4, share: 44.4 },
      { factor: "Social anxiety / phobia", category: "Mental health", cases: 4, share: 44.4 },
      { factor: "Family conflict", category: "Family dynamics", cases: 3, share: 33.3 },
      { factor: "Academic pressure", category: "Social pressures", cases: 2, share: 22.2 },
    ],
    categories: [
      { category: "Mental health", cases: 6, share: 66.7 },
      { category: "Family dynamics", cases: 3, share: 33.3 },
      { category: "Social pressures", cases: 2, share: 22.2 },
    ],
    pairs: [
      { first: "Depression", second: "Family conflict", cases: 2 },
      { first: "Depression", second: "Social anxiety / phobia", cases: 2 },
      { first: "Academic pressure", second: "Family conflict", cases: 1 },
      { first: "Family conflict", second: "Social anxiety / phobia", cases: 1 },
    ],
    outcomes: [
      // c1 1 → 4 (notes, then a measure; the note after the period ignored), c2 2 → 2, c7 5 → 3.
      { instrument: "DAYSOUT", cases: 3, medianFirst: 2, medianLatest: 3, improved: 1, noChange: 1, worse: 1 },
      // c1 61 → 40, c2 50 → 55 (the superseded 70 ignored), c7 48 → 48, c9 70 → 62 (90 after the period ignored).
      { instrument: "HQ25", cases: 4, medianFirst: 55.5, medianLatest: 51.5, improved: 2, noChange: 1, worse: 1 },
      // c1 10 → 14, c6 12 → 8, c8 9 → 15: higher is better.
      { instrument: "LSNS6", cases: 3, medianFirst: 10, medianLatest: 14, improved: 2, noChange: 0, worse: 1 },
    ],
    milestones: [
      // c1 10 days, c2 5, c7 20, c9 30.
      { milestone: "family_engaged", cases: 4, share: 44.4, medianDays: 15 },
      // c1 30, c2 20, c8 30; c9's was removed.
      { milestone: "accepts_contact", cases: 3, share: 33.3, medianDays: 30 },
      zeroMilestone("accepts_home_visit"),
      { milestone: "leaves_room_regularly", cases: 1, share: 11.1, medianDays: 121 },
      ...["out_1_day_week", "out_2_3_days_week", "out_4_days_week", "attends_group", "visits_office", "tries_activity", "sustained_school_work"].map(
        zeroMilestone,
      ),
    ],
    closures: [
      { key: "community_activity", count: 2 },
      { key: "returned_to_education", count: 1 },
    ],
    // Eleven signed notes, two reviewed; the draft does not wait for review.
    reviewQueue: 9,
  };
}

describe("the team report on a team with known figures", () => {
  it("gives every figure exactly, and audits the read as report.view with the period", async () => {
    const f = await buildTeamReportFixture();
    const auditBefore = await lastAuditId();
    const report = await teamReport(f.supervisor, PERIOD, context);
    expect(report).toEqual(expectedNorthReport(f));
    expect(report.milestones.map((m) => m.milestone)).toEqual(milestoneLadder);
    expect(report.milestones).toHaveLength(11);
    expect(await auditSince(auditBefore)).toEqual([
      {
        action: "report.view",
        actor_id: f.supervisor.id,
        entity_type: "team",
        entity_id: f.north,
        case_id: null,
        outcome: "success",
        details: { from: PERIOD.from, to: PERIOD.to },
      },
    ]);
  });

  it("each table downloads the same rows as the report shows, each download audited as report.export", async () => {
    const f = await buildTeamReportFixture();
    const report = await teamReport(f.supervisor, PERIOD, context);
    const auditBefore = await lastAuditId();
    const expected = expectedNorthReport(f);
    expect([...reportTables].sort()).toEqual(Object.keys(reportColumns).sort());
    for (const table of reportTables) {
      const rows = await teamReportTable(f.supervisor, table, PERIOD, context);
      expect(rows, table).toEqual(report[table]);
      expect(rows, table).toEqual(expected[table]);
    }
    expect(await auditSince(auditBefore)).toEqual(
      reportTables.map((table) => ({
        action: "report.export",
        actor_id: f.supervisor.id,
        entity_type: "team",
        entity_id: f.north,
        case_id: null,
        outcome: "success",
        details: { table, from: PERIOD.from, to: PERIOD.to, rows: expected[table].length },
      })),
    );
  });
});

describe("co-occurring factor pairs", () => {
  it("are the ten most frequent, ties in name order, whatever order the factors' ids are in", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    const supervisor = await signInAs(people.supervisorNorth.email);
    // Ids in the opposite order to the names for "Aa" and "Zz": a pair must not sort by its ids.
    const ids: Record<string, string> = { Zz: "01", Ma: "02", Mb: "03", Mc: "04", Md: "05", Me: "06", Aa: "09" };
    for (const [name, suffix] of Object.entries(ids)) {
      await sql(
        `insert into factors (id, category_id, code, name) select $1, id, $2, $3 from factor_categories where code = 'mental_health'`,
        [`00000000-0000-4000-8000-0000000000${suffix}`, `custom_pair_${name.toLowerCase()}`, name],
      );
    }
    const { caseId: five } = await createCaseFor(counsellor, { referralDate: "2026-02-01" });
    for (const name of ["Ma", "Mb", "Mc", "Md", "Me"]) await tag(counsellor, five, `custom_pair_${name.toLowerCase()}`);
    const { caseId: two } = await createCaseFor(counsellor, { referralDate: "2026-02-01" });
    for (const name of ["Zz", "Aa"]) await tag(counsellor, two, `custom_pair_${name.toLowerCase()}`);
    // Eleven pairs, one case each: the last in name order (Md with Me) is the one left out.
    const report = await teamReport(supervisor, PERIOD, context);
    expect(report.pairs).toEqual(
      [
        ["Aa", "Zz"],
        ["Ma", "Mb"],
        ["Ma", "Mc"],
        ["Ma", "Md"],
        ["Ma", "Me"],
        ["Mb", "Mc"],
        ["Mb", "Md"],
        ["Mb", "Me"],
        ["Mc", "Md"],
        ["Mc", "Me"],
      ].map(([first, second]) => ({ first, second, cases: 1 })),
    );
  });
});
