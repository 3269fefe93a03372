import type { Actor } from "@/lib/actor";
import { tagFactor, untagFactor } from "@/lib/cases/factor-tags";
import { caseFactorInput } from "@/lib/cases/schemas";
import type { Period } from "@/lib/reports/period";
import { addCounsellor, createCaseFor, factorId } from "./cases";
import { sql } from "./database";
import { review, signedNote, writeNote } from "./notes";
import { measure, milestone, milestoneId, removeMilestoneFrom } from "./outcomes";
import { context, createPeople, signInAs } from "./people";

/** The period every figure of the fixture is worked out for: the first half of 2026, both ends included. */
export const PERIOD: Period = { from: "2026-01-01", to: "2026-06-30", preset: null };

export const period = (from: string, to: string): Period => ({ from, to, preset: null });

/** A new case held by `actor`, referred on `referralDate`. */
async function referred(actor: Actor, referralDate: string): Promise<string> {
  return (await createCaseFor(actor, { referralDate })).caseId;
}

export async function tag(actor: Actor, caseId: string, code: string) {
  await tagFactor(actor, caseFactorInput.parse({ caseId, factorId: await factorId(code) }), context);
}

/**
 * The state of a case on the day the report is read, set directly: status (and closure), and the
 * last contact as a number of days before the database's current_date (null: never contacted).
 */
export async function setCase(
  caseId: string,
  state: { status?: string; closedOn?: string; closureOutcome?: string; lastContactDaysAgo?: number | null },
) {
  await sql(
    `update cases set status = coalesce($2::case_status, status), closed_on = $3::date, closure_outcome = $4::closure_outcome,
       last_contact_on = case when $5::int is null then null else current_date - $5::int end
     where id = $1`,
    [caseId, state.status ?? null, state.closedOn ?? null, state.closureOutcome ?? null, state.lastContactDaysAgo ?? null],
  );
}

/** A status change on an exact instant (noon UTC of `day` unless a time is given). */
export async function statusChange(caseId: string, from: string | null, to: string, day: string, by: string, time = "12:00:00+00") {
  await sql("insert into case_status_history (case_id, from_status, to_status, changed_by, changed_at) values ($1, $2, $3, $4, $5::timestamptz)", [
    caseId,
    from,
    to,
    by,
    `${day} ${time}`,
  ]);
}

const note = (actor: Actor, caseId: string, sessionDate: string, minutes: number, daysOut: number | null = null) =>
  signedNote(actor, caseId, { sessionDate, durationMinutes: String(minutes), daysOut: daysOut === null ? "" : String(daysOut) });

/**
 * Team North, built so that every figure of its report for PERIOD is known (worked out in
 * reports.test.ts). Two counsellors hold its eleven cases, a third holds none; team South has
 * cases, notes, results, milestones, factors and closures of its own that must never count for
 * North. Cases are named by what they test:
 *
 * counsellor.north (A): c1 referred before the period, open; c2 referred in it; c3 referred on
 *   its last day; c4 referred the day after (outside).
 * bea.north (B): c5 closed the day before the period (outside); c6 closed on its first day;
 *   c7 referred in it and closed on its last day; c8 paused, last contact exactly 30 days ago;
 *   c9 open, 29 days; c10 referred in the period, closed the day after; c11 closed in it.
 */
export async function buildTeamReportFixture() {
  const people = await createPeople();
  const north = people.teams.north.id;
  const bea = await addCounsellor(north, "bea.north@test.example", people.counsellorNorth.id);
  const zed = await addCounsellor(north, "zed.north@test.example", people.counsellorNorth.id);
  // A counsellor who has left: neither listed nor counted, having no cases or notes.
  const gone = await addCounsellor(north, "gone.north@test.example", people.counsellorNorth.id);
  await sql("update accounts set status = 'deactivated' where id = $1", [gone.id]);
  const a = await signInAs(people.counsellorNorth.email);
  const b = await signInAs(bea.email);
  const south = await signInAs(people.counsellorSouth.email);
  const supervisor = await signInAs(people.supervisorNorth.email);
  const supervisorSouth = await signInAs(people.supervisorSouth.email);

  const c = {
    c1: await referred(a, "2025-10-01"),
    c2: await referred(a, "2026-02-10"),
    c3: await referred(a, "2026-06-30"),
    c4: await referred(a, "2026-07-01"),
    c5: await referred(b, "2025-06-01"),
    c6: await referred(b, "2025-09-01"),
    c7: await referred(b, "2026-03-01"),
    c8: await referred(b, "2026-01-20"),
    c9: await referred(b, "2025-11-15"),
    c10: await referred(b, "2026-02-01"),
    c11: await referred(b, "2025-08-01"),
  };
  const s = { s1: await referred(south, "2026-02-01"), s2: await referred(south, "2026-03-01") };

  // Sessions. A: 4 in the period (175 minutes), one the day before and one the day after.
  await note(a, c.c1, "2025-12-31", 30, 1);
  const reviewedA = await note(a, c.c1, "2026-01-01", 60);
  await note(a, c.c1, "2026-03-15", 50, 3);
  await note(a, c.c1, "2026-07-01", 45, 0);
  await note(a, c.c2, "2026-04-10", 25);
  await note(a, c.c2, "2026-06-30", 40, 2);
  // B: 4 in the period (207 minutes: 3.45 hours), one before it, and a draft after it.
  await note(b, c.c6, "2025-12-20", 50);
  await note(b, c.c6, "2026-01-05", 50);
  const reviewedB = await note(b, c.c7, "2026-03-05", 90, 5);
  await note(b, c.c7, "2026-05-05", 20, 3);
  await note(b, c.c9, "2026-02-02", 47, 0);
  await writeNote(b, c.c8, { sessionDate: "2026-08-01", durationMinutes: "30" });
  // Two of North's eleven signed notes are reviewed: nine wait.
  await review(supervisor, c.c1, reviewedA.noteId, reviewedA.version);
  await review(supervisor, c.c7, reviewedB.noteId, reviewedB.version);

  // HQ-25 (lower is better).
  await measure(a, c.c1, "HQ25", { total: 61, administeredOn: "2025-11-01" });
  await measure(a, c.c1, "HQ25", { total: 50, administeredOn: "2026-02-01" });
  await measure(a, c.c1, "HQ25", { total: 40, administeredOn: "2026-05-01" });
  const wrong = await measure(a, c.c2, "HQ25", { total: 70, administeredOn: "2026-02-10" });
  await measure(a, c.c2, "HQ25", { total: 50, administeredOn: "2026-02-15", supersedes: wrong.resultId, correctionReason: "Wrong form scored" });
  await measure(a, c.c2, "HQ25", { total: 55, administeredOn: "2026-04-15" });
  await measure(a, c.c3, "HQ25", { total: 45, administeredOn: "2026-06-30" });
  await measure(a, c.c4, "HQ25", { total: 80, administeredOn: "2026-07-05" });
  await measure(a, c.c4, "HQ25", { total: 20, administeredOn: "2026-08-01" });
  await measure(b, c.c7, "HQ25", { total: 48, administeredOn: "2026-03-05" });
  await measure(b, c.c7, "HQ25", { total: 48, administeredOn: "2026-06-30" });
  await measure(b, c.c9, "HQ25", { total: 70, administeredOn: "2025-12-01" });
  await measure(b, c.c9, "HQ25", { total: 62, administeredOn: "2026-03-01" });
  await measure(b, c.c9, "HQ25", { total: 90, administeredOn: "2026-07-01" });
  // LSNS-6 (higher is better), from its six items.
  await measure(a, c.c1, "LSNS6", { items: [2, 2, 2, 2, 1, 1], administeredOn: "2026-01-10" });
  await measure(a, c.c1, "LSNS6", { items: [3, 3, 2, 2, 2, 2], administeredOn: "2026-04-10" });
  await measure(b, c.c6, "LSNS6", { items: [2, 2, 2, 2, 2, 2], administeredOn: "2025-12-01" });
  await measure(b, c.c6, "LSNS6", { items: [2, 2, 1, 1, 1, 1], administeredOn: "2026-01-01" });
  await measure(b, c.c8, "LSNS6", { items: [2, 2, 2, 1, 1, 1], administeredOn: "2026-02-01" });
  await measure(b, c.c8, "LSNS6", { items: [3, 3, 3, 2, 2, 2], administeredOn: "2026-03-01" });
  // Days out as measures; the notes above give more.
  await measure(a, c.c1, "DAYSOUT", { items: [4], administeredOn: "2026-05-01" });
  await measure(a, c.c2, "DAYSOUT", { items: [2], administeredOn: "2026-02-20" });
  // One PHQ-9 result is no change to report.
  await measure(a, c.c1, "PHQ9", { items: [0, 0, 0, 0, 0, 0, 0, 0, 0], administeredOn: "2026-02-01" });

  // Milestones.
  await milestone(a, c.c1, "family_engaged", "2025-10-11");
  await milestone(a, c.c1, "accepts_contact", "2025-10-31");
  await milestone(a, c.c1, "accepts_home_visit", "2026-07-15");
  await milestone(a, c.c2, "family_engaged", "2026-02-15");
  await milestone(a, c.c2, "accepts_contact", "2026-03-02");
  await milestone(b, c.c7, "family_engaged", "2026-03-21");
  await milestone(b, c.c7, "leaves_room_regularly", "2026-06-30");
  await milestone(b, c.c9, "family_engaged", "2025-12-15");
  await milestone(b, c.c9, "accepts_contact", "2025-12-20");
  await removeMilestoneFrom(b, c.c9, await milestoneId(c.c9, "accepts_contact"));
  await milestone(b, c.c8, "accepts_contact", "2026-02-19");
  await milestone(a, c.c4, "family_engaged", "2026-07-10");
  await milestone(a, c.c4, "attends_group", "2026-08-01");

  // Factors.
  for (const code of ["depression", "social_anxiety", "family_conflict", "work_pressure"]) await tag(a, c.c1, code);
  await untagFactor(a, caseFactorInput.parse({ caseId: c.c1, factorId: await factorId("work_pressure") }), context);
  for (const code of ["depression", "social_anxiety"]) await tag(a, c.c2, code);
  await tag(a, c.c3, "depression");
  for (const code of ["adhd", "depression"]) await tag(a, c.c4, code);
  await tag(b, c.c5, "family_conflict");
  for (const code of ["family_conflict", "academic_pressure"]) await tag(b, c.c6, code);
  for (const code of ["depression", "family_conflict"]) await tag(b, c.c7, code);
  await tag(b, c.c9, "social_anxiety");
  await tag(b, c.c10, "academic_pressure");
  await tag(b, c.c11, "social_anxiety");

  // Team South: everything that could leak into North's figures.
  await note(south, s.s1, "2026-03-01", 60, 1);
  await note(south, s.s1, "2026-04-01", 30, 6);
  await measure(south, s.s1, "HQ25", { total: 30, administeredOn: "2026-02-05" });
  await measure(south, s.s1, "HQ25", { total: 80, administeredOn: "2026-04-05" });
  await measure(south, s.s1, "PHQ9", { items: [1, 1, 1, 1, 1, 1, 1, 1, 0], administeredOn: "2026-02-05" });
  await measure(south, s.s1, "PHQ9", { items: [0, 0, 0, 0, 0, 0, 0, 0, 0], administeredOn: "2026-04-05" });
  await milestone(south, s.s1, "family_engaged", "2026-02-11");
  await milestone(south, s.s1, "sustained_school_work", "2026-04-02");
  for (const code of ["depression", "ageing_parents"]) await tag(south, s.s1, code);
  await tag(south, s.s2, "adhd");

  // The state on the day of the report, and the status changes, set exactly.
  await setCase(c.c1, { status: "active", lastContactDaysAgo: 5 });
  await setCase(c.c2, { status: "active", lastContactDaysAgo: 40 });
  await setCase(c.c3, { status: "referred", lastContactDaysAgo: null });
  await setCase(c.c4, { status: "assessment", lastContactDaysAgo: 10 });
  await setCase(c.c5, { status: "closed", closedOn: "2025-12-31", closureOutcome: "moved_away", lastContactDaysAgo: 400 });
  await setCase(c.c6, { status: "closed", closedOn: "2026-01-01", closureOutcome: "returned_to_education", lastContactDaysAgo: 200 });
  await setCase(c.c7, { status: "closed", closedOn: "2026-06-30", closureOutcome: "community_activity", lastContactDaysAgo: 100 });
  await setCase(c.c8, { status: "paused", lastContactDaysAgo: 30 });
  await setCase(c.c9, { status: "active", lastContactDaysAgo: 29 });
  await setCase(c.c10, { status: "closed", closedOn: "2026-07-01", closureOutcome: "lost_contact", lastContactDaysAgo: null });
  await setCase(c.c11, { status: "closed", closedOn: "2026-03-15", closureOutcome: "community_activity", lastContactDaysAgo: 90 });
  await setCase(s.s1, { status: "closed", closedOn: "2026-05-01", closureOutcome: "no_change", lastContactDaysAgo: 200 });
  await setCase(s.s2, { status: "active", lastContactDaysAgo: 60 });

  const changes: [string, string | null, string, string][] = [
    [c.c2, null, "referred", "2026-02-10"],
    [c.c2, "referred", "assessment", "2026-02-20"],
    [c.c2, "assessment", "active", "2026-03-01"],
    [c.c3, null, "referred", "2026-06-30"],
    [c.c4, null, "referred", "2026-07-01"],
    [c.c6, "paused", "active", "2025-12-31"],
    [c.c6, "active", "closed", "2026-01-01"],
    [c.c7, null, "referred", "2026-03-01"],
    [c.c7, "referred", "assessment", "2026-03-02"],
    [c.c7, "assessment", "active", "2026-03-10"],
    [c.c7, "active", "closed", "2026-06-30"],
    [c.c8, null, "referred", "2026-01-20"],
    [c.c8, "referred", "assessment", "2026-01-25"],
    [c.c8, "assessment", "active", "2026-02-01"],
    [c.c8, "active", "paused", "2026-05-01"],
    [c.c10, "active", "closed", "2026-07-01"],
    [s.s1, null, "referred", "2026-02-01"],
    [s.s1, "referred", "active", "2026-03-01"],
    [s.s1, "active", "closed", "2026-05-01"],
  ];
  for (const [caseId, from, to, day] of changes) await statusChange(caseId, from, to, day, supervisor.id);

  return {
    north,
    southTeam: people.teams.south.id,
    people,
    counsellors: { a: people.counsellorNorth.id, b: bea.id, zed: zed.id, south: people.counsellorSouth.id },
    supervisor,
    supervisorSouth,
    cases: c,
    southCases: s,
  };
}

export type TeamReportFixture = Awaited<ReturnType<typeof buildTeamReportFixture>>;
