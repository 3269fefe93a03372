import { addDays, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { caseOutcomes } from "@/lib/measures/queries";
import { sql } from "./helpers/database";
import { counsellorWithCase, daysAgo, signedNote } from "./helpers/notes";
import { activate, auditSince, closeCase, lastAuditId, measure, phq9Items } from "./helpers/outcomes";
import { context } from "./helpers/people";

const summaryOf = async (actor: Parameters<typeof caseOutcomes>[0], caseId: string, code: string) =>
  (await caseOutcomes(actor, caseId, context, { audited: false })).summaries.find((s) => s.code === code);

describe("the Outcomes tab: summaries respect each instrument's direction", () => {
  it("HQ-25 60 → 45 is improved (lower is better)", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    // Recorded out of date order: the summary goes by the date administered.
    await measure(counsellor, caseId, "HQ25", { total: 45, administeredOn: daysAgo(5) });
    await measure(counsellor, caseId, "HQ25", { total: 60, administeredOn: daysAgo(60) });
    expect(await summaryOf(counsellor, caseId, "HQ25")).toEqual({
      code: "HQ25",
      first: { date: daysAgo(60), value: 60, source: "measure" },
      latest: { date: daysAgo(5), value: 45, source: "measure", bandLabel: "Above cut-off", concern: true },
      change: "improved",
      points: [
        { date: daysAgo(60), value: 60, source: "measure" },
        { date: daysAgo(5), value: 45, source: "measure" },
      ],
    });
  });

  it("LSNS-6 10 → 14 is improved (higher is better)", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await measure(counsellor, caseId, "LSNS6", { items: [2, 2, 2, 2, 1, 1], administeredOn: daysAgo(40) });
    await measure(counsellor, caseId, "LSNS6", { items: [3, 3, 2, 2, 2, 2], administeredOn: daysAgo(4) });
    const summary = await summaryOf(counsellor, caseId, "LSNS6");
    expect(summary).toMatchObject({
      first: { value: 10 },
      latest: { value: 14, bandLabel: "Not at risk", concern: false },
      change: "improved",
    });
  });

  it("PHQ-9 5 → 12 is worse (lower is better)", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [1, 1, 1, 1, 1, 0, 0, 0]), administeredOn: daysAgo(40) });
    await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [3, 3, 2, 2, 1, 1, 0, 0]), administeredOn: daysAgo(4) });
    expect(await summaryOf(counsellor, caseId, "PHQ9")).toMatchObject({
      first: { value: 5 },
      latest: { value: 12, bandLabel: "Moderate", concern: true },
      change: "worse",
    });
  });

  it("days out of home combine DAYSOUT measures and notes' days out, in date order", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await signedNote(counsellor, caseId, { sessionDate: daysAgo(10), daysOut: "5" });
    await measure(counsellor, caseId, "DAYSOUT", { items: [1], administeredOn: daysAgo(20) });
    await signedNote(counsellor, caseId, { sessionDate: daysAgo(30), daysOut: "0" });
    // A note without days out adds no point.
    await signedNote(counsellor, caseId, { sessionDate: daysAgo(15), daysOut: "" });
    const summary = await summaryOf(counsellor, caseId, "DAYSOUT");
    expect(summary).toEqual({
      code: "DAYSOUT",
      first: { date: daysAgo(30), value: 0, source: "note" },
      latest: { date: daysAgo(10), value: 5, source: "note", bandLabel: "Does not meet the criteria (4+ days)", concern: false },
      change: "improved",
      points: [
        { date: daysAgo(30), value: 0, source: "note" },
        { date: daysAgo(20), value: 1, source: "measure" },
        { date: daysAgo(10), value: 5, source: "note" },
      ],
    });
  });

  it("only instruments with results are summarised; nothing recorded, nothing summarised", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).summaries).toEqual([]);
    await measure(counsellor, caseId, "UCLA3", { items: [2, 2, 2] });
    const outcomes = await caseOutcomes(counsellor, caseId, context, { audited: false });
    expect(outcomes.summaries.map((s) => s.code)).toEqual(["UCLA3"]);
    expect(outcomes.summaries[0]).toMatchObject({ latest: { value: 6, bandLabel: "Lonely", concern: true }, change: null });
  });

  it("lists results oldest first, with who recorded them and the items answered", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const later = await measure(counsellor, caseId, "GAD7", { items: [1, 1, 1, 1, 1, 0, 0], administeredOn: daysAgo(2) });
    const earlier = await measure(counsellor, caseId, "GAD7", { items: [3, 3, 3, 3, 0, 0, 0], administeredOn: daysAgo(9) });
    const { results } = await caseOutcomes(counsellor, caseId, context, { audited: false });
    expect(results.map((r) => r.id)).toEqual([earlier.resultId, later.resultId]);
    expect(results[0]).toMatchObject({
      instrument: "GAD7",
      administeredOn: daysAgo(9),
      items: [3, 3, 3, 3, 0, 0, 0],
      total: 12,
      bandLabel: "Moderate",
      concern: true,
      recordedBy: "counsellor.north",
      supersedes: null,
      supersededAt: null,
    });
  });
});

describe("when the next HQ-25 is due, on the Outcomes tab", () => {
  it("an active case without an HQ-25 is overdue from its referral date; after one today, the next is due in 90 days", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toBeNull();
    await activate(counsellor, caseId);
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toEqual({ dueOn: "2026-01-15", overdue: true });
    await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(0) });
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toEqual({
      dueOn: format(addDays(new Date(), 90), "yyyy-MM-dd"),
      overdue: false,
    });
  });

  it("counts from the latest HQ-25 by date administered, not the latest recorded", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await activate(counsellor, caseId);
    await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(10) });
    // Entered afterwards, but administered long before.
    await measure(counsellor, caseId, "HQ25", { total: 55, administeredOn: daysAgo(200) });
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toEqual({ dueOn: daysAgo(10 - 90), overdue: false });
  });

  it("an HQ-25 more than 90 days ago is overdue; a closed case is due nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await activate(counsellor, caseId);
    await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(90) });
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toEqual({ dueOn: daysAgo(0), overdue: true });
    await closeCase(counsellor, caseId);
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toBeNull();
  });

  it("a superseded HQ-25 does not count: only the correction's date does", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await activate(counsellor, caseId);
    const original = await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(5) });
    await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(100), supersedes: original.resultId, correctionReason: "Wrong date" });
    expect((await caseOutcomes(counsellor, caseId, context, { audited: false })).hq25Due).toEqual({ dueOn: daysAgo(10), overdue: true });
  });
});

describe("viewing the Outcomes tab is audited", () => {
  it("one outcomes.view row per view, naming the case and nothing else; none when the caller asks not to audit", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await measure(counsellor, caseId, "PHQ9", { items: phq9Items(2, [3, 3, 3, 3, 3, 3, 3, 3]) });
    const auditBefore = await lastAuditId();
    await caseOutcomes(counsellor, caseId, context);
    expect(await auditSince(auditBefore)).toEqual([
      { action: "outcomes.view", actor_id: counsellor.id, entity_type: "case", entity_id: caseId, case_id: caseId, outcome: "success", details: null },
    ]);
    const afterView = await lastAuditId();
    await caseOutcomes(counsellor, caseId, context, { audited: false });
    expect(await auditSince(afterView)).toEqual([]);
  });

  it("no audit row ever carries an item answer, a total, a band or a subscale", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await measure(counsellor, caseId, "PHQ9", { items: phq9Items(2, [3, 3, 3, 3, 3, 3, 3, 3]) });
    const hq = await measure(counsellor, caseId, "HQ25", { total: 77, subscales: { socialization: 33 } });
    await measure(counsellor, caseId, "HQ25", { total: 76, supersedes: hq.resultId, correctionReason: "Typo" });
    await caseOutcomes(counsellor, caseId, context);
    const rows = await sql<{ action: string; details: Record<string, unknown> | null }>(
      "select action, details from audit_events where action in ('measure.record', 'case.flag.raise', 'outcomes.view') order by id",
    );
    expect(rows.map((r) => r.action)).toEqual(["case.flag.raise", "measure.record", "measure.record", "measure.record", "outcomes.view"]);
    for (const { details } of rows) {
      for (const key of Object.keys(details ?? {})) expect(["instrument", "supersedes", "kind", "source"]).toContain(key);
      for (const value of Object.values(details ?? {})) expect(typeof value).toBe("string");
    }
    // Ids and instrument codes are allowed (and contain digits); nothing else may carry a number.
    const text = JSON.stringify(rows)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
      .replace(/"(PHQ9|HQ25)"/g, '"<instrument>"');
    expect(text).not.toMatch(/\d/);
    for (const leak of ["77", "76", "33", "26", "Typo", "Severe", "Above cut-off", "items", "total", "subscale", "band"]) expect(text).not.toContain(leak);
  });
});
