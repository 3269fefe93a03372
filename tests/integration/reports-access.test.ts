import { describe, expect, it } from "vitest";
import { reportTables, teamReport, teamReportTable } from "@/lib/reports/team-report";
import { expectDomainError } from "./helpers/cases";
import { auditSince, lastAuditId } from "./helpers/outcomes";
import { context, signInAs } from "./helpers/people";
import { buildTeamReportFixture, PERIOD } from "./helpers/reports";

const zeroMilestone = (milestone: string) => ({ milestone, cases: 0, share: 0, medianDays: null });

describe("a supervisor's report covers their own team only", () => {
  it("South's supervisor sees South's figures exactly, and nothing of North", async () => {
    const f = await buildTeamReportFixture();
    const auditBefore = await lastAuditId();
    const report = await teamReport(f.supervisorSouth, PERIOD, context);
    expect(report).toEqual({
      period: PERIOD,
      // s1 (referred 1 February, closed 1 May) and s2 (referred 1 March).
      population: 2,
      caseload: [
        {
          counsellorId: f.counsellors.south,
          counsellor: "counsellor.south",
          openCases: 1,
          referrals: 2,
          closed: 1,
          sessions: 2,
          hours: 1.5,
          medianDaysSinceContact: 60,
          noContact30: 1,
        },
      ],
      status: [
        { key: "active", count: 1 },
        { key: "closed", count: 1 },
      ],
      flow: [
        { from: null, to: "referred", count: 1 },
        { from: "referred", to: "active", count: 1 },
        { from: "active", to: "closed", count: 1 },
      ],
      factors: [
        { factor: "ADHD", category: "Mental health", cases: 1, share: 50 },
        { factor: "Ageing parents (8050 problem)", category: "Family dynamics", cases: 1, share: 50 },
        { factor: "Depression", category: "Mental health", cases: 1, share: 50 },
      ],
      categories: [
        { category: "Mental health", cases: 2, share: 100 },
        { category: "Family dynamics", cases: 1, share: 50 },
      ],
      pairs: [{ first: "Ageing parents (8050 problem)", second: "Depression", cases: 1 }],
      outcomes: [
        { instrument: "DAYSOUT", cases: 1, medianFirst: 1, medianLatest: 6, improved: 1, noChange: 0, worse: 0 },
        { instrument: "HQ25", cases: 1, medianFirst: 30, medianLatest: 80, improved: 0, noChange: 0, worse: 1 },
        { instrument: "PHQ9", cases: 1, medianFirst: 8, medianLatest: 0, improved: 1, noChange: 0, worse: 0 },
      ],
      milestones: [
        { milestone: "family_engaged", cases: 1, share: 50, medianDays: 10 },
        ...["accepts_contact", "accepts_home_visit", "leaves_room_regularly", "out_1_day_week", "out_2_3_days_week", "out_4_days_week", "attends_group", "visits_office", "tries_activity"].map(
          zeroMilestone,
        ),
        { milestone: "sustained_school_work", cases: 1, share: 50, medianDays: 60 },
      ],
      closures: [{ key: "no_change", count: 1 }],
      reviewQueue: 2,
    });
    const names = JSON.stringify(report);
    for (const name of ["bea.north", "counsellor.north", "zed.north", f.counsellors.a, f.counsellors.b, f.north]) expect(names).not.toContain(name);
    expect(await auditSince(auditBefore)).toEqual([expect.objectContaining({ action: "report.view", actor_id: f.supervisorSouth.id, entity_id: f.southTeam })]);
  });

  it("every downloadable table of South holds only South's rows", async () => {
    const f = await buildTeamReportFixture();
    const south = await teamReport(f.supervisorSouth, PERIOD, context);
    const north = await teamReport(f.supervisor, PERIOD, context);
    for (const table of reportTables) {
      expect(await teamReportTable(f.supervisorSouth, table, PERIOD, context), table).toEqual(south[table]);
    }
    // North's table rows never show up in South's (the milestone ladder's zero rows aside).
    for (const table of reportTables.filter((t) => t !== "milestones")) {
      for (const row of north[table] as object[]) expect(south[table], table).not.toContainEqual(row);
    }
  });
});

describe("only supervisors read team reports", () => {
  it.each(["counsellor.north@test.example", "admin@test.example", "analyst@test.example"])(
    "%s is refused the report and every table, and no report is audited as read",
    async (email) => {
      await buildTeamReportFixture();
      const actor = await signInAs(email);
      const auditBefore = await lastAuditId();
      await expectDomainError(teamReport(actor, PERIOD, context), "Forbidden");
      for (const table of reportTables) await expectDomainError(teamReportTable(actor, table, PERIOD, context), "Forbidden");
      expect((await auditSince(auditBefore)).filter((row) => row.action.startsWith("report."))).toEqual([]);
    },
  );

  it("a counsellor is refused even with a team, where a supervisor of that team is not", async () => {
    const f = await buildTeamReportFixture();
    const counsellor = await signInAs(f.people.counsellorNorth.email);
    expect(counsellor.teamId).toBe(f.north);
    await expectDomainError(teamReport(counsellor, PERIOD, context), "Forbidden");
    expect((await teamReport(f.supervisor, PERIOD, context)).population).toBe(9);
  });
});
