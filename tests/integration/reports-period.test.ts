import { describe, expect, it } from "vitest";
import { teamReport } from "@/lib/reports/team-report";
import { sql } from "./helpers/database";
import { context } from "./helpers/people";
import { buildTeamReportFixture, period, PERIOD, statusChange } from "./helpers/reports";

/**
 * Both ends of a period are included. The fixture (helpers/reports.ts) puts a case, a session, a
 * closure and a status change on each side of each end of PERIOD (2026-01-01 to 2026-06-30); moving
 * an end by one day must take in, or leave out, exactly those.
 */
describe("the ends of the report period", () => {
  it("moving either end by one day takes in or leaves out exactly the rows on that day", async () => {
    const f = await buildTeamReportFixture();
    const figures = async (from: string, to: string) => {
      const report = await teamReport(f.supervisor, period(from, to), context);
      const of = (id: string) => report.caseload.find((row) => row.counsellorId === id)!;
      const [a, b] = [of(f.counsellors.a), of(f.counsellors.b)];
      return {
        population: report.population,
        a: { referrals: a.referrals, sessions: a.sessions, hours: a.hours },
        b: { referrals: b.referrals, closed: b.closed, sessions: b.sessions, hours: b.hours },
        flow: report.flow,
        closures: report.closures,
      };
    };

    const base = await figures(PERIOD.from, PERIOD.to);
    expect(base).toMatchObject({
      population: 9,
      a: { referrals: 2, sessions: 4, hours: 2.9 },
      b: { referrals: 3, closed: 3, sessions: 4, hours: 3.5 },
    });

    // One day later at the end: c4 (referred 1 July) joins the population and the referrals, A's
    // session of 1 July (45 min) counts, c10 (closed 1 July) is a closure, and so are their status changes.
    expect(await figures(PERIOD.from, "2026-07-01")).toEqual({
      population: 10,
      a: { referrals: 3, sessions: 5, hours: 3.7 },
      b: { referrals: 3, closed: 4, sessions: 4, hours: 3.5 },
      flow: [
        { from: null, to: "referred", count: 5 },
        { from: "referred", to: "assessment", count: 3 },
        { from: "assessment", to: "active", count: 3 },
        { from: "active", to: "paused", count: 1 },
        { from: "active", to: "closed", count: 3 },
      ],
      closures: [
        { key: "community_activity", count: 2 },
        // Ties in the order the outcomes are listed.
        { key: "returned_to_education", count: 1 },
        { key: "lost_contact", count: 1 },
      ],
    });

    // One day earlier at the end: c3 (referred 30 June) leaves; the sessions, closure and status
    // changes of 30 June leave too.
    expect(await figures(PERIOD.from, "2026-06-29")).toEqual({
      population: 8,
      a: { referrals: 1, sessions: 3, hours: 2.3 },
      b: { referrals: 3, closed: 2, sessions: 4, hours: 3.5 },
      flow: [
        { from: null, to: "referred", count: 3 },
        { from: "referred", to: "assessment", count: 3 },
        { from: "assessment", to: "active", count: 3 },
        { from: "active", to: "paused", count: 1 },
        { from: "active", to: "closed", count: 1 },
      ],
      closures: [
        { key: "returned_to_education", count: 1 },
        { key: "community_activity", count: 1 },
      ],
    });

    // One day earlier at the start: c5 (closed 31 December) joins and is a closure; the session and
    // status change of 31 December count.
    expect(await figures("2025-12-31", PERIOD.to)).toEqual({
      population: 10,
      a: { referrals: 2, sessions: 5, hours: 3.4 },
      b: { referrals: 3, closed: 4, sessions: 4, hours: 3.5 },
      flow: [
        { from: null, to: "referred", count: 4 },
        { from: "referred", to: "assessment", count: 3 },
        { from: "assessment", to: "active", count: 3 },
        { from: "active", to: "paused", count: 1 },
        { from: "active", to: "closed", count: 2 },
        { from: "paused", to: "active", count: 1 },
      ],
      closures: [
        { key: "community_activity", count: 2 },
        { key: "returned_to_education", count: 1 },
        { key: "moved_away", count: 1 },
      ],
    });

    // One day later at the start: c6 (closed 1 January) leaves with its closure, its status change
    // and A's session of 1 January (60 min).
    expect(await figures("2026-01-02", PERIOD.to)).toEqual({
      population: 8,
      a: { referrals: 2, sessions: 3, hours: 1.9 },
      b: { referrals: 3, closed: 2, sessions: 4, hours: 3.5 },
      flow: [
        { from: null, to: "referred", count: 4 },
        { from: "referred", to: "assessment", count: 3 },
        { from: "assessment", to: "active", count: 3 },
        { from: "active", to: "paused", count: 1 },
        { from: "active", to: "closed", count: 1 },
      ],
      closures: [{ key: "community_activity", count: 2 }],
    });
  });

  it("a one-day period holds that day's referrals, sessions and closures, and the cases open on it", async () => {
    const f = await buildTeamReportFixture();
    const report = await teamReport(f.supervisor, period("2026-06-30", "2026-06-30"), context);
    // Open on 30 June: c1 c2 c3 (referred that day) c7 (closed that day) c8 c9 c10.
    expect(report.population).toBe(7);
    expect(report.caseload.map(({ counsellor, referrals, closed, sessions, hours }) => ({ counsellor, referrals, closed, sessions, hours }))).toEqual([
      { counsellor: "bea.north", referrals: 0, closed: 1, sessions: 0, hours: 0 },
      { counsellor: "counsellor.north", referrals: 1, closed: 0, sessions: 1, hours: 0.7 },
      { counsellor: "zed.north", referrals: 0, closed: 0, sessions: 0, hours: 0 },
    ]);
    expect(report.flow).toEqual([
      { from: null, to: "referred", count: 1 },
      { from: "active", to: "closed", count: 1 },
    ]);
    expect(report.closures).toEqual([{ key: "community_activity", count: 1 }]);
  });

  it("a period before any referral is empty, while today's caseload and status figures stay as they are", async () => {
    const f = await buildTeamReportFixture();
    const report = await teamReport(f.supervisor, period("2020-01-01", "2020-12-31"), context);
    const current = await teamReport(f.supervisor, PERIOD, context);
    expect(report.population).toBe(0);
    expect({ flow: report.flow, factors: report.factors, categories: report.categories, pairs: report.pairs, outcomes: report.outcomes, closures: report.closures }).toEqual({
      flow: [],
      factors: [],
      categories: [],
      pairs: [],
      outcomes: [],
      closures: [],
    });
    expect(report.milestones).toHaveLength(11);
    expect(report.milestones.every((m) => m.cases === 0 && m.share === 0 && m.medianDays === null)).toBe(true);
    // Open cases, contact and the status mix describe today, not the period; the review queue too.
    expect(report.caseload).toEqual(current.caseload.map((row) => ({ ...row, referrals: 0, closed: 0, sessions: 0, hours: 0 })));
    expect(report.status).toEqual(current.status);
    expect(report.reviewQueue).toBe(9);
  });

  it("a status change counts on its day from the first to the last instant of it, in the database's time zone", async () => {
    const f = await buildTeamReportFixture();
    const [{ zone }] = (await sql<{ zone: string }>("select current_setting('TimeZone') as zone")) as [{ zone: string }];
    // Instants written in the database's own zone, so the day they fall on is the one written.
    const at = async (day: string, time: string) => {
      const [row] = await sql<{ stamp: string }>("select (($1::timestamp) at time zone $2)::text as stamp", [`${day} ${time}`, zone]);
      return row!.stamp;
    };
    const since = (await sql<{ n: number }>("select count(*)::int as n from case_status_history"))[0]!.n;
    for (const [day, time] of [
      ["2025-12-31", "23:59:59.999"],
      ["2026-01-01", "00:00:00"],
      ["2026-06-30", "23:59:59.999"],
      ["2026-07-01", "00:00:00"],
    ] as const) {
      const stamp = await at(day, time);
      await statusChange(f.cases.c9, "active", "paused", stamp.slice(0, 10), f.supervisor.id, stamp.slice(11));
    }
    expect((await sql<{ n: number }>("select count(*)::int as n from case_status_history"))[0]!.n).toBe(since + 4);
    const report = await teamReport(f.supervisor, PERIOD, context);
    // The fixture's one active → paused change (c8, 1 May) and the two inside the period's ends.
    expect(report.flow).toContainEqual({ from: "active", to: "paused", count: 3 });
  });
});
