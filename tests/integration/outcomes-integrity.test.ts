import { describe, expect, it } from "vitest";
import { createCaseFor } from "./helpers/cases";
import { sql } from "./helpers/database";
import { counsellorWithCase, refusedSql } from "./helpers/notes";
import { measure, milestone, milestoneId, outcomeRow, phq9Items, removeMilestoneFrom } from "./helpers/outcomes";

const INSUFFICIENT_PRIVILEGE = "42501";

/** A current PHQ-9 result, an HQ-25 superseded by a correction, a current milestone and a removed one. */
async function outcomeRows() {
  const world = await counsellorWithCase();
  const { counsellor, caseId } = world;
  // A second case, so that moving a row between cases can be tried.
  await createCaseFor(counsellor, { givenName: "Other" });
  const phq = await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [1, 1, 1, 1, 1, 1, 1, 1]) });
  const original = await measure(counsellor, caseId, "HQ25", { total: 50 });
  const correction = await measure(counsellor, caseId, "HQ25", { total: 40, supersedes: original.resultId, correctionReason: "Misread" });
  await milestone(counsellor, caseId, "accepts_contact");
  await milestone(counsellor, caseId, "family_engaged");
  const removedId = await milestoneId(caseId, "family_engaged");
  await removeMilestoneFrom(counsellor, caseId, removedId, "Wrong family");
  return {
    ...world,
    currentResult: phq.resultId,
    supersededResult: original.resultId,
    correction: correction.resultId,
    currentMilestone: await milestoneId(caseId, "accepts_contact"),
    removedMilestone: removedId,
  };
}

const allRows = (table: string) => sql(`select to_jsonb(t) as row from ${table} t order by id`);

async function expectRefused(statement: string, params: unknown[], message: RegExp) {
  const error = await refusedSql(statement, params);
  expect(error.message, statement).toMatch(message);
  expect(error.code, statement).toBe(INSUFFICIENT_PRIVILEGE);
}

describe("the database keeps measure results append-only", () => {
  it("refuses to change any scored column of a result, current or superseded", async () => {
    const w = await outcomeRows();
    const before = await allRows("measure_results");
    for (const id of [w.currentResult, w.supersededResult, w.correction]) {
      for (const statement of [
        "update measure_results set total = total + 1 where id = $1",
        "update measure_results set items = '{3,3,3,3,3,3,3,3,3}' where id = $1",
        "update measure_results set band_code = 'minimal', band_label = 'Minimal', concern = false where id = $1",
        "update measure_results set administered_on = administered_on - 1 where id = $1",
        "update measure_results set subscales = '{\"socialization\": 1}'::jsonb where id = $1",
        "update measure_results set direction = 'higher_is_better' where id = $1",
        "update measure_results set recorded_at = now() - interval '1 day' where id = $1",
      ]) {
        await expectRefused(statement, [id], /measure_results rows cannot be changed|already marked/);
      }
    }
    // Nor may a correction's reason be rewritten, or a result be moved to another case.
    await expectRefused("update measure_results set correction_reason = 'rewritten' where id = $1", [w.correction], /cannot be changed/);
    const [other] = await sql<{ id: string }>("select id from cases where id <> $1 limit 1", [w.caseId]);
    await expectRefused("update measure_results set case_id = $2 where id = $1", [w.currentResult, other!.id], /cannot be changed/);
    expect(await allRows("measure_results")).toEqual(before);
  });

  it("refuses to delete or truncate results", async () => {
    const w = await outcomeRows();
    const before = await allRows("measure_results");
    for (const id of [w.currentResult, w.supersededResult, w.correction]) {
      await expectRefused("delete from measure_results where id = $1", [id], /never deleted/);
    }
    await expectRefused("delete from measure_results", [], /never deleted/);
    const truncate = await refusedSql("truncate measure_results cascade");
    expect(truncate.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await allRows("measure_results")).toEqual(before);
  });

  it("accepts the superseded mark once, and never again: neither a second time, nor taken back", async () => {
    const w = await outcomeRows();
    // A current result can be marked once by hand; the mark is the only change allowed.
    const current = await outcomeRow("measure_results", w.currentResult);
    await sql("update measure_results set superseded_at = now() where id = $1", [w.currentResult]);
    const marked = await outcomeRow("measure_results", w.currentResult);
    expect(marked.superseded_at).not.toBeNull();
    expect({ ...marked, superseded_at: null }).toEqual(current);

    const before = await allRows("measure_results");
    for (const id of [w.currentResult, w.supersededResult]) {
      await expectRefused("update measure_results set superseded_at = now() + interval '1 hour' where id = $1", [id], /already marked/);
      await expectRefused("update measure_results set superseded_at = null where id = $1", [id], /already marked/);
    }
    expect(await allRows("measure_results")).toEqual(before);
  });

  it("refuses a change to a scored column made together with the mark", async () => {
    const w = await outcomeRows();
    const before = await allRows("measure_results");
    await expectRefused("update measure_results set superseded_at = now(), total = 0 where id = $1", [w.currentResult], /cannot be changed/);
    expect(await allRows("measure_results")).toEqual(before);
  });
});

describe("the database keeps milestones append-only", () => {
  it("refuses to delete or truncate milestones, current or removed", async () => {
    const w = await outcomeRows();
    const before = await allRows("case_milestones");
    for (const id of [w.currentMilestone, w.removedMilestone]) {
      await expectRefused("delete from case_milestones where id = $1", [id], /never deleted/);
    }
    const truncate = await refusedSql("truncate case_milestones cascade");
    expect(truncate.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await allRows("case_milestones")).toEqual(before);
  });

  it("refuses to change the date, the milestone, the note or who recorded it", async () => {
    const w = await outcomeRows();
    const before = await allRows("case_milestones");
    for (const id of [w.currentMilestone, w.removedMilestone]) {
      for (const statement of [
        "update case_milestones set reached_on = reached_on - 1 where id = $1",
        "update case_milestones set milestone = 'sustained_school_work' where id = $1",
        "update case_milestones set note = 'rewritten' where id = $1",
        "update case_milestones set recorded_by = removed_by where id = $1",
      ]) {
        await expectRefused(statement, [id], /case_milestones rows cannot be changed|already marked/);
      }
    }
    expect(await allRows("case_milestones")).toEqual(before);
  });

  it("accepts the removal mark once: marking again, changing the reason or un-removing is refused", async () => {
    const w = await outcomeRows();
    const before = await allRows("case_milestones");
    for (const statement of [
      "update case_milestones set removed_at = now(), removed_by = removed_by, removal_reason = 'Removed again' where id = $1",
      "update case_milestones set removal_reason = 'A better reason' where id = $1",
      "update case_milestones set removed_at = null, removed_by = null, removal_reason = null where id = $1",
    ]) {
      await expectRefused(statement, [w.removedMilestone], /already marked/);
    }
    expect(await allRows("case_milestones")).toEqual(before);
    // The current one accepts the mark, once.
    await sql("update case_milestones set removed_at = now(), removed_by = recorded_by, removal_reason = 'By hand' where id = $1", [w.currentMilestone]);
    await expectRefused("update case_milestones set removal_reason = 'Twice' where id = $1", [w.currentMilestone], /already marked/);
    expect(await outcomeRow("case_milestones", w.currentMilestone)).toMatchObject({ removal_reason: "By hand" });
  });
});
