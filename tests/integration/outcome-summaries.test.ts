import { describe, expect, it } from "vitest";
import { outcomeChange } from "@/lib/reports/team-report";
import { outcomeChange as statisticsOutcomeChange } from "@/lib/statistics/tables";
import { sql } from "./helpers/database";
import { createCaseFor } from "./helpers/cases";
import { counsellorWithCase, daysAgo, editNote, signedNote, writeNote } from "./helpers/notes";
import { measure, phq9Items } from "./helpers/outcomes";
import { period } from "./helpers/reports";

/** The summaries as the triggers keep them (with the plain values reports read), and as a recount of every current observation gives them. */
async function keptAndRecounted() {
  const kept = await sql(`select case_id, instrument, direction, observations, first, latest, first_value, latest_value from outcome_summaries
    where observations > 0 order by case_id, instrument`);
  const recounted = await sql(`select case_id, instrument, min(direction) as direction, count(*)::int as observations, min(k) as first, max(k) as latest,
      (min(k))[3]::int as first_value, (max(k))[3]::int as latest_value
    from (
      select case_id, instrument, direction::text as direction, outcome_key(administered_on, recorded_at, total) as k
      from measure_results where superseded_at is null
      union all
      select case_id, 'DAYSOUT', 'higher_is_better', outcome_key(session_date, created_at, days_out) from session_notes where days_out is not null
    ) o group by case_id, instrument order by case_id, instrument`);
  return { kept, recounted };
}

/**
 * Two cases: HQ-25 60 → 45 (improved) with a correction, PHQ-9 5 → 9 (worse), and days out from
 * notes (1 → 4) as well as a DAYSOUT measure, edited and cleared on drafts. Nothing is dated today.
 */
async function outcomeHistory() {
  const { counsellor, caseId } = await counsellorWithCase();
  const { caseId: secondCase } = await createCaseFor(counsellor, { givenName: "Other" });
  await measure(counsellor, caseId, "HQ25", { total: 60, administeredOn: daysAgo(90) });
  const misread = await measure(counsellor, caseId, "HQ25", { total: 54, administeredOn: daysAgo(10) });
  await measure(counsellor, caseId, "HQ25", { total: 45, administeredOn: daysAgo(10), supersedes: misread.resultId, correctionReason: "Misread" });
  await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [1, 1, 1, 1, 1, 0, 0, 0]), administeredOn: daysAgo(60) });
  await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [2, 2, 2, 1, 1, 1, 0, 0]), administeredOn: daysAgo(5) });
  await signedNote(counsellor, caseId, { sessionDate: daysAgo(40), daysOut: "1" });
  const draft = await writeNote(counsellor, caseId, { sessionDate: daysAgo(4), daysOut: "2" });
  await editNote(counsellor, caseId, draft.noteId, draft.version, { daysOut: "4" });
  // The second case: a draft's days out cleared leaves one observation, too few to count.
  const cleared = await writeNote(counsellor, secondCase, { sessionDate: daysAgo(20), daysOut: "3" });
  await signedNote(counsellor, secondCase, { sessionDate: daysAgo(30), daysOut: "0" });
  await editNote(counsellor, secondCase, cleared.noteId, cleared.version, { daysOut: "" });
  await measure(counsellor, secondCase, "DAYSOUT", { items: [2], administeredOn: daysAgo(2) });
  return { counsellor };
}

describe("outcome summaries kept by the database", () => {
  it("match a recount of every current observation after results, a correction and edited notes", async () => {
    await outcomeHistory();
    const { kept, recounted } = await keptAndRecounted();
    expect(recounted.length).toBe(4);
    expect(kept).toEqual(recounted);
    // The rebuild after a bulk load with triggers off comes to the same.
    await sql("select outcome_summaries_rebuild()");
    expect((await keptAndRecounted()).kept).toEqual(recounted);
    // The corrected result left the summary: HQ-25 has two current observations, 60 then 45.
    const [hq25] = await sql<{ observations: number; first: string[]; latest: string[] }>(
      "select observations, first, latest from outcome_summaries where instrument = 'HQ25'",
    );
    expect(hq25!.observations).toBe(2);
    expect(Number(hq25!.first[2])).toBe(60);
    expect(Number(hq25!.latest[2])).toBe(45);
  });

  it("give the report and the statistics, for a period ending today, the figures the observations give", async () => {
    const { counsellor } = await outcomeHistory();
    // A third case measured once today: too few results to count, but it is dated after
    // yesterday, so a period ending yesterday must count the observations, not read the summaries.
    const { caseId: third } = await createCaseFor(counsellor, { givenName: "Third" });
    await measure(counsellor, third, "HQ25", { total: 30, administeredOn: daysAgo(0) });
    const fromSummaries = period(daysAgo(365), daysAgo(0));
    const fromObservations = period(daysAgo(365), daysAgo(1));
    const scope = { teamId: counsellor.teamId };
    const report = await outcomeChange(scope, fromSummaries);
    expect(report).toEqual(await outcomeChange(scope, fromObservations));
    expect(report).toEqual([
      { instrument: "DAYSOUT", cases: 2, medianFirst: 0.5, medianLatest: 3, improved: 2, noChange: 0, worse: 0 },
      { instrument: "HQ25", cases: 1, medianFirst: 60, medianLatest: 45, improved: 1, noChange: 0, worse: 0 },
      { instrument: "PHQ9", cases: 1, medianFirst: 5, medianLatest: 9, improved: 0, noChange: 0, worse: 1 },
    ]);
    await sql("update clients set stats_consent = true");
    const statistics = await statisticsOutcomeChange(scope, { start: daysAgo(365), end: daysAgo(0) });
    expect(statistics).toEqual(await statisticsOutcomeChange(scope, { start: daysAgo(365), end: daysAgo(1) }));
    expect(statistics.find((row) => row.instrument === "HQ25")).toMatchObject({ cases: 1, improved: 1, medianChange: -15 });
    // A result dated tomorrow (written past the application, which refuses it) is outside a
    // period ending today: the summaries, which include it, are then not read.
    await sql(
      `insert into measure_results (case_id, instrument, administered_on, total, band_code, band_label, concern, direction, recorded_by)
       select case_id, instrument, administered_on + 1, 10, band_code, band_label, concern, direction, recorded_by from measure_results where case_id = $1`,
      [third],
    );
    expect(await outcomeChange(scope, fromSummaries)).toEqual(report);
  });
});
