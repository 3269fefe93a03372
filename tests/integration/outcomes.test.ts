import { describe, expect, it } from "vitest";
import { caseOutcomes } from "@/lib/measures/queries";
import { recordMeasureInput } from "@/lib/measures/schemas";
import { resolveFlag } from "@/lib/cases/flags";
import { resolveFlagInput } from "@/lib/cases/schemas";
import { createCaseFor, expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import { counsellorWithCase, daysAgo } from "./helpers/notes";
import { auditSince, closeCase, lastAuditId, measure, measureFields, outcomeRow, outcomeTablesSnapshot, phq9Items } from "./helpers/outcomes";
import { context, signInAs } from "./helpers/people";

const openFlags = (caseId: string) =>
  sql<{ id: string; kind: string; raised_by: string }>("select id, kind, raised_by from case_flags where case_id = $1 and resolved_at is null order by raised_at", [caseId]);

const updatedAt = async (caseId: string) =>
  (await sql<{ ms: number }>("select (extract(epoch from updated_at) * 1000)::float8 as ms from cases where id = $1", [caseId]))[0]!.ms;

describe("recording a measure", () => {
  it("stores the result as scored, with its band and direction, and audits it without any score", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const auditBefore = await lastAuditId();
    const updatedBefore = await updatedAt(caseId);
    const recorded = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [3, 3, 2, 2, 1, 1, 0, 0]), administeredOn: daysAgo(4) });
    expect(recorded).toEqual({ resultId: expect.any(String), total: 12, bandLabel: "Moderate", selfHarmFlag: null });
    expect(await outcomeRow("measure_results", recorded.resultId)).toMatchObject({
      case_id: caseId,
      instrument: "PHQ9",
      administered_on: daysAgo(4),
      items: [3, 3, 2, 2, 1, 1, 0, 0, 0],
      total: 12,
      subscales: {},
      band_code: "moderate",
      band_label: "Moderate",
      concern: true,
      direction: "lower_is_better",
      recorded_by: counsellor.id,
      supersedes: null,
      correction_reason: null,
      superseded_at: null,
    });
    expect(await auditSince(auditBefore)).toEqual([
      {
        action: "measure.record",
        actor_id: counsellor.id,
        entity_type: "measure",
        entity_id: recorded.resultId,
        case_id: caseId,
        outcome: "success",
        details: { instrument: "PHQ9" },
      },
    ]);
    expect(await updatedAt(caseId)).toBeGreaterThan(updatedBefore);
  });

  it("stores an HQ-25 total with the subscales that were entered, and LSNS-6 with the subscales its items give", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const hq = await measure(counsellor, caseId, "HQ25", { total: 45, subscales: { socialization: 20, isolation: 15, emotional_support: 10 } });
    expect(await outcomeRow("measure_results", hq.resultId)).toMatchObject({
      items: null,
      total: 45,
      subscales: { socialization: 20, isolation: 15, emotional_support: 10 },
      band_code: "above_cutoff",
      concern: true,
    });
    const lsns = await measure(counsellor, caseId, "LSNS6", { items: [5, 4, 3, 2, 1, 0] });
    expect(await outcomeRow("measure_results", lsns.resultId)).toMatchObject({
      total: 15,
      subscales: { family: 12, friends: 3 },
      band_code: "not_at_risk",
      direction: "higher_is_better",
    });
  });

  it("refuses answers the instrument does not allow, naming the field, and writes nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const before = await outcomeTablesSnapshot();
    const auditBefore = await lastAuditId();
    const outOfRange = await expectDomainError(measure(counsellor, caseId, "PHQ9", { items: phq9Items(3, [0, 0, 0, 4, 0, 0, 0, 0]) }), "Invalid");
    expect(outOfRange.fieldErrors).toEqual({ item4: [expect.any(String)] });
    const missing = await expectDomainError(measure(counsellor, caseId, "UCLA3", { items: [2, 2] }), "Invalid");
    expect(missing.fieldErrors).toEqual({ item3: [expect.any(String)] });
    const totalOnly = await expectDomainError(measure(counsellor, caseId, "GAD7", { total: 12 }), "Invalid");
    expect(Object.keys(totalOnly.fieldErrors!)).toEqual(Array.from({ length: 7 }, (_, n) => `item${n + 1}`));
    const noTotal = await expectDomainError(measure(counsellor, caseId, "HQ25", { subscales: { socialization: 20 } }), "Invalid");
    expect(noTotal.fieldErrors).toEqual({ total: [expect.any(String)] });
    const subscale = await expectDomainError(measure(counsellor, caseId, "HQ25", { total: 50, subscales: { isolation: 40 } }), "Invalid");
    expect(subscale.fieldErrors).toEqual({ "subscale.isolation": [expect.any(String)] });
    const tooMany = await expectDomainError(measure(counsellor, caseId, "UCLA3", { items: [2, 2, 2, 2] }), "Invalid");
    expect(tooMany.fieldErrors).toEqual({ items: [expect.any(String)] });
    // HQ-25 is entered as a total: item answers posted with it would otherwise be stored unchecked.
    const hqItems = await expectDomainError(measure(counsellor, caseId, "HQ25", { total: 50, items: [999, 0, -5] }), "Invalid");
    expect(hqItems.fieldErrors).toEqual({ items: [expect.any(String)] });
    const early = await expectDomainError(measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: "2026-01-14" }), "Invalid");
    expect(early.fieldErrors).toEqual({ administeredOn: [expect.any(String)] });
    expect(await outcomeTablesSnapshot()).toEqual(before);
    expect(await auditSince(auditBefore)).toEqual([]);
  });

  it("accepts a result on the referral date itself", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const result = await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: "2026-01-15" });
    expect(await outcomeRow("measure_results", result.resultId)).toMatchObject({ administered_on: "2026-01-15" });
  });

  it("refuses a measure on a closed case and writes nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await closeCase(counsellor, caseId);
    const before = await outcomeTablesSnapshot();
    await expectDomainError(measure(counsellor, caseId, "HQ25", { total: 50 }), "Invalid");
    await expectDomainError(measure(counsellor, caseId, "PHQ9", { items: phq9Items(2) }), "Invalid");
    expect(await outcomeTablesSnapshot()).toEqual(before);
  });
});

describe("PHQ-9 item 9 and the self-harm risk flag", () => {
  it("an answer above 0 raises an open self-harm flag with its own audit row; a second one finds it already open", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const auditBefore = await lastAuditId();
    const first = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(1) });
    expect(first.selfHarmFlag).toBe("raised");
    const flags = await openFlags(caseId);
    expect(flags).toEqual([{ id: expect.any(String), kind: "self_harm_risk", raised_by: counsellor.id }]);
    expect(await auditSince(auditBefore)).toEqual([
      {
        action: "case.flag.raise",
        actor_id: counsellor.id,
        entity_type: "flag",
        entity_id: flags[0]!.id,
        case_id: caseId,
        outcome: "success",
        details: { kind: "self_harm_risk", source: "PHQ9" },
      },
      expect.objectContaining({ action: "measure.record", entity_id: first.resultId, details: { instrument: "PHQ9" } }),
    ]);

    const afterFirst = await lastAuditId();
    const second = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(3, [3, 3, 3, 3, 3, 3, 3, 3]) });
    expect(second.selfHarmFlag).toBe("already_open");
    expect(await openFlags(caseId)).toEqual(flags);
    expect((await auditSince(afterFirst)).map((row) => row.action)).toEqual(["measure.record"]);
    expect(await sql("select count(*)::int as n from case_flags")).toEqual([{ n: 1 }]);
  });

  it("item 9 at 0 raises nothing, however high the total", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const auditBefore = await lastAuditId();
    const result = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [3, 3, 3, 3, 3, 3, 3, 3]) });
    expect(result).toMatchObject({ total: 24, bandLabel: "Severe", selfHarmFlag: null });
    expect(await sql("select count(*)::int as n from case_flags")).toEqual([{ n: 0 }]);
    expect((await auditSince(auditBefore)).map((row) => row.action)).toEqual(["measure.record"]);
  });

  it("once the flag is resolved, the next item-9 answer raises a new one", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await measure(counsellor, caseId, "PHQ9", { items: phq9Items(2) });
    const [flag] = await openFlags(caseId);
    await resolveFlag(counsellor, resolveFlagInput.parse({ caseId, flagId: flag!.id }), context);
    expect(await openFlags(caseId)).toEqual([]);
    expect((await measure(counsellor, caseId, "PHQ9", { items: phq9Items(1) })).selfHarmFlag).toBe("raised");
    expect(await openFlags(caseId)).toHaveLength(1);
    expect(await sql("select count(*)::int as n from case_flags where case_id = $1", [caseId])).toEqual([{ n: 2 }]);
  });

  it("the flag belongs to the result's transaction: if the result cannot be committed, neither is the flag", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const before = await outcomeTablesSnapshot();
    const auditBefore = await lastAuditId();
    // The last write of recordMeasure is its own audit row; make exactly that one fail.
    await sql(`create function test_refuse_measure_audit() returns trigger language plpgsql as $$
               begin if new.action = 'measure.record' then raise exception 'audit store unavailable'; end if; return new; end $$`);
    await sql("create trigger test_refuse_measure_audit before insert on audit_events for each row execute function test_refuse_measure_audit()");
    try {
      const error = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(3) }).then(
        () => null,
        (caught: Error) => caught,
      );
      // Drizzle wraps the database error; the trigger's message is its cause.
      expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toMatch(/audit store unavailable/);
    } finally {
      await sql("drop trigger test_refuse_measure_audit on audit_events");
      await sql("drop function test_refuse_measure_audit()");
    }
    expect(await outcomeTablesSnapshot()).toEqual(before);
    expect(await auditSince(auditBefore)).toEqual([]);
  });

  it("two results recorded at once raise one flag between them", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const outcomes = await Promise.all([
      measure(counsellor, caseId, "PHQ9", { items: phq9Items(1) }),
      measure(counsellor, caseId, "PHQ9", { items: phq9Items(2) }),
    ]);
    expect(outcomes.map((o) => o.selfHarmFlag).sort()).toEqual(["already_open", "raised"]);
    expect(await openFlags(caseId)).toHaveLength(1);
    expect(await sql("select count(*)::int as n from measure_results")).toEqual([{ n: 2 }]);
  });
});

describe("correcting a result by superseding it", () => {
  it("keeps the old result, marked, and summarises only the correction", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const original = await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(10) });
    const originalRow = await outcomeRow("measure_results", original.resultId);
    const auditBefore = await lastAuditId();
    const correction = await measure(counsellor, caseId, "HQ25", {
      total: 40,
      administeredOn: daysAgo(10),
      supersedes: original.resultId,
      correctionReason: "SECRET-REASON total was added up wrong",
    });
    expect(correction).toMatchObject({ total: 40, bandLabel: "Below cut-off" });

    const oldRow = await outcomeRow("measure_results", original.resultId);
    expect(oldRow.superseded_at).not.toBeNull();
    // Nothing but the mark changed on the old row.
    expect({ ...oldRow, superseded_at: null }).toEqual(originalRow);
    expect(await outcomeRow("measure_results", correction.resultId)).toMatchObject({
      supersedes: original.resultId,
      correction_reason: "SECRET-REASON total was added up wrong",
      superseded_at: null,
      total: 40,
    });

    const outcomes = await caseOutcomes(counsellor, caseId, context);
    expect(outcomes.results.map((r) => [r.id, r.total, r.supersededAt !== null])).toEqual([
      [original.resultId, 50, true],
      [correction.resultId, 40, false],
    ]);
    expect(outcomes.results[1]).toMatchObject({ supersedes: original.resultId, correctionReason: "SECRET-REASON total was added up wrong" });
    const hq25 = outcomes.summaries.find((s) => s.code === "HQ25")!;
    expect(hq25.latest).toMatchObject({ value: 40, bandLabel: "Below cut-off", concern: false });
    expect(hq25.points).toEqual([{ date: daysAgo(10), value: 40, source: "measure" }]);
    expect(hq25.change).toBeNull();

    const audit = await auditSince(auditBefore);
    expect(audit[0]).toMatchObject({ action: "measure.record", entity_id: correction.resultId, details: { instrument: "HQ25", supersedes: original.resultId } });
    expect(JSON.stringify(audit)).not.toContain("SECRET-REASON");
  });

  it("a result is superseded once: correcting it again is 'not found', but the correction itself can be corrected", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const original = await measure(counsellor, caseId, "HQ25", { total: 50 });
    const fix = { supersedes: original.resultId, correctionReason: "Misread" };
    const correction = await measure(counsellor, caseId, "HQ25", { total: 40, ...fix });
    const before = await outcomeTablesSnapshot();
    await expectDomainError(measure(counsellor, caseId, "HQ25", { total: 30, ...fix }), "NotFound");
    expect(await outcomeTablesSnapshot()).toEqual(before);
    await measure(counsellor, caseId, "HQ25", { total: 35, supersedes: correction.resultId, correctionReason: "Misread again" });
    const outcomes = await caseOutcomes(counsellor, caseId, context, { audited: false });
    expect(outcomes.summaries.find((s) => s.code === "HQ25")!.points.map((p) => p.value)).toEqual([35]);
  });

  it("two corrections of the same result at once: one wins, the other is 'not found'", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const original = await measure(counsellor, caseId, "HQ25", { total: 50 });
    const settled = await Promise.allSettled(
      [40, 41].map((total) => measure(counsellor, caseId, "HQ25", { total, supersedes: original.resultId, correctionReason: "Misread" })),
    );
    expect(settled.map((s) => s.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = settled.find((s) => s.status === "rejected")!;
    expect((rejected.reason as { kind?: string }).kind).toBe("NotFound");
    expect(await sql("select count(*)::int as n from measure_results where superseded_at is null")).toEqual([{ n: 1 }]);
  });

  it("needs a reason: the schema refuses a correction without one", async () => {
    const { caseId } = await counsellorWithCase();
    const fields = measureFields(caseId, "HQ25", { total: 40, supersedes: "8a0e4c6d-2d3b-4c5f-8b66-3a4b0c2d1e22" });
    const parsed = recordMeasureInput.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["correctionReason"]);
  });

  it("cannot supersede a result of another instrument, another case, or one that does not exist", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase();
    const phq = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [1, 1, 1, 1, 1, 1, 1, 1]) });
    const other = await createCaseFor(counsellor, { givenName: "Other" });
    const otherHq = await measure(counsellor, other.caseId, "HQ25", { total: 60 });
    const south = await signInAs(people.counsellorSouth.email);
    const southCase = await createCaseFor(south, { givenName: "South" });
    const southHq = await measure(south, southCase.caseId, "HQ25", { total: 60 });
    const before = await outcomeTablesSnapshot();
    const attempt = (supersedes: string) => measure(counsellor, caseId, "HQ25", { total: 40, supersedes, correctionReason: "Wrong one" });
    for (const supersedes of [phq.resultId, otherHq.resultId, southHq.resultId, "8a0e4c6d-2d3b-4c5f-8b66-3a4b0c2d1e22"]) {
      await expectDomainError(attempt(supersedes), "NotFound");
    }
    expect(await outcomeTablesSnapshot()).toEqual(before);
  });
});
