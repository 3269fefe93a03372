import { describe, expect, it } from "vitest";
import { caseOutcomes } from "@/lib/measures/queries";
import { recordMilestoneInput, removeMilestoneInput } from "@/lib/milestones/schemas";
import { changeStatus } from "@/lib/cases/commands";
import { changeStatusInput } from "@/lib/cases/schemas";
import { caseVersion, createCaseFor, expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import { counsellorWithCase, daysAgo } from "./helpers/notes";
import { auditSince, lastAuditId, milestone, milestoneId, outcomeRow, outcomeTablesSnapshot, removeMilestoneFrom } from "./helpers/outcomes";
import { context } from "./helpers/people";

describe("recording milestones", () => {
  it("records a milestone with its date and note, and audits it without the note", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const auditBefore = await lastAuditId();
    await milestone(counsellor, caseId, "accepts_contact", daysAgo(5), "SECRET-NOTE answered the phone");
    const id = await milestoneId(caseId, "accepts_contact");
    expect(await outcomeRow("case_milestones", id)).toMatchObject({
      case_id: caseId,
      milestone: "accepts_contact",
      reached_on: daysAgo(5),
      note: "SECRET-NOTE answered the phone",
      recorded_by: counsellor.id,
      removed_at: null,
      removed_by: null,
      removal_reason: null,
    });
    const audit = await auditSince(auditBefore);
    expect(audit).toEqual([
      {
        action: "milestone.record",
        actor_id: counsellor.id,
        entity_type: "milestone",
        entity_id: id,
        case_id: caseId,
        outcome: "success",
        details: { milestone: "accepts_contact" },
      },
    ]);
    const outcomes = await caseOutcomes(counsellor, caseId, context, { audited: false });
    expect(outcomes.milestones).toEqual([
      {
        id,
        milestone: "accepts_contact",
        reachedOn: daysAgo(5),
        note: "SECRET-NOTE answered the phone",
        recordedBy: "counsellor.north",
        removedAt: null,
        removedBy: null,
        removalReason: null,
      },
    ]);
  });

  it("accepts the referral date and today, refuses a day before the referral and (in the schema) a day in the future", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await milestone(counsellor, caseId, "family_engaged", "2026-01-15");
    await milestone(counsellor, caseId, "accepts_contact", daysAgo(0));
    const before = await outcomeTablesSnapshot();
    const early = await expectDomainError(milestone(counsellor, caseId, "accepts_home_visit", "2026-01-14"), "Invalid");
    expect(early.fieldErrors).toEqual({ reachedOn: [expect.any(String)] });
    const future = recordMilestoneInput.safeParse({ caseId, milestone: "accepts_home_visit", reachedOn: daysAgo(-1), note: "" });
    expect(future.success).toBe(false);
    expect(future.error!.issues.map((i) => i.path.join("."))).toEqual(["reachedOn"]);
    expect(await outcomeTablesSnapshot()).toEqual(before);
  });

  it("refuses the same milestone twice on a case, but the same milestone on another case is fine", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await milestone(counsellor, caseId, "attends_group", daysAgo(10));
    const before = await outcomeTablesSnapshot();
    const auditBefore = await lastAuditId();
    const again = await expectDomainError(milestone(counsellor, caseId, "attends_group", daysAgo(3)), "Invalid");
    // Said in the form message, since each step's form has no milestone field to show it beside.
    expect(again.message).toBe("This milestone is already recorded on the case. Reload to see it.");
    expect(again.fieldErrors).toBeUndefined();
    expect(await outcomeTablesSnapshot()).toEqual(before);
    expect(await auditSince(auditBefore)).toEqual([]);
    const other = await createCaseFor(counsellor, { givenName: "Other" });
    await milestone(counsellor, other.caseId, "attends_group", daysAgo(3));
    expect(await sql("select count(*)::int as n from case_milestones where milestone = 'attends_group'")).toEqual([{ n: 2 }]);
  });
});

describe("removing milestones", () => {
  it("needs a reason (in the schema)", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await milestone(counsellor, caseId, "visits_office");
    const milestoneIdValue = await milestoneId(caseId, "visits_office");
    for (const reason of ["", "   ", undefined]) {
      const parsed = removeMilestoneInput.safeParse({ caseId, milestoneId: milestoneIdValue, reason });
      expect(parsed.success, String(reason)).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    }
  });

  it("keeps a removed milestone with who removed it and why; it can then be recorded again", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await milestone(counsellor, caseId, "leaves_room_regularly", daysAgo(20), "Goes to the kitchen");
    const first = await milestoneId(caseId, "leaves_room_regularly");
    const before = await outcomeRow("case_milestones", first);
    const auditBefore = await lastAuditId();
    await removeMilestoneFrom(counsellor, caseId, first, "SECRET-REASON it was the brother");
    const removed = await outcomeRow("case_milestones", first);
    expect(removed).toMatchObject({ removed_by: counsellor.id, removal_reason: "SECRET-REASON it was the brother" });
    expect(removed.removed_at).not.toBeNull();
    expect({ ...removed, removed_at: null, removed_by: null, removal_reason: null }).toEqual(before);
    expect(await auditSince(auditBefore)).toEqual([
      {
        action: "milestone.remove",
        actor_id: counsellor.id,
        entity_type: "milestone",
        entity_id: first,
        case_id: caseId,
        outcome: "success",
        details: { milestone: "leaves_room_regularly" },
      },
    ]);

    await milestone(counsellor, caseId, "leaves_room_regularly", daysAgo(2));
    const second = await milestoneId(caseId, "leaves_room_regularly");
    expect(second).not.toBe(first);
    const outcomes = await caseOutcomes(counsellor, caseId, context, { audited: false });
    expect(outcomes.milestones).toEqual([
      expect.objectContaining({
        id: first,
        reachedOn: daysAgo(20),
        removedAt: expect.anything(),
        removedBy: "counsellor.north",
        removalReason: "SECRET-REASON it was the brother",
      }),
      expect.objectContaining({ id: second, reachedOn: daysAgo(2), removedAt: null, removedBy: null, removalReason: null }),
    ]);
    expect(JSON.stringify(await auditSince(0))).not.toMatch(/SECRET/);
  });

  it("removing twice is a Conflict and changes nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await milestone(counsellor, caseId, "tries_activity");
    const id = await milestoneId(caseId, "tries_activity");
    await removeMilestoneFrom(counsellor, caseId, id, "First removal");
    const before = await outcomeTablesSnapshot();
    await expectDomainError(removeMilestoneFrom(counsellor, caseId, id, "Second removal"), "Conflict");
    expect(await outcomeTablesSnapshot()).toEqual(before);
    expect(await outcomeRow("case_milestones", id)).toMatchObject({ removal_reason: "First removal" });
  });

  it("a milestone cannot be removed through another case, even one the same counsellor holds", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const other = await createCaseFor(counsellor, { givenName: "Other" });
    await milestone(counsellor, caseId, "sustained_school_work");
    const id = await milestoneId(caseId, "sustained_school_work");
    const before = await outcomeTablesSnapshot();
    // A milestone of another case, or none at all, is not found; one already removed is a conflict.
    await expectDomainError(removeMilestoneFrom(counsellor, other.caseId, id), "NotFound");
    await expectDomainError(removeMilestoneFrom(counsellor, caseId, "8a0e4c6d-2d3b-4c5f-8b66-3a4b0c2d1e22"), "NotFound");
    expect(await outcomeTablesSnapshot()).toEqual(before);
  });

  it("a closed case takes no milestone changes", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await milestone(counsellor, caseId, "family_engaged");
    const id = await milestoneId(caseId, "family_engaged");
    await changeStatus(counsellor, changeStatusInput.parse({ caseId, version: await caseVersion(caseId), status: "closed", closureOutcome: "no_change" }), context);
    const before = await outcomeTablesSnapshot();
    await expectDomainError(milestone(counsellor, caseId, "accepts_contact"), "Invalid");
    await expectDomainError(removeMilestoneFrom(counsellor, caseId, id), "Invalid");
    expect(await outcomeTablesSnapshot()).toEqual(before);
  });
});
