import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/sessions";
import { assignCase } from "@/lib/cases/commands";
import { assignInput } from "@/lib/cases/schemas";
import type { DomainErrorKind } from "@/lib/errors";
import { caseOutcomes } from "@/lib/measures/queries";
import { addCounsellor, caseVersion, createCaseFor, expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import { daysAgo } from "./helpers/notes";
import { auditSince, lastAuditId, measure, milestone, milestoneId, outcomeTablesSnapshot, phq9Items, removeMilestoneFrom } from "./helpers/outcomes";
import { context, createPeople, signInAs } from "./helpers/people";

/** counsellorNorth holds case A (team North) with an HQ-25 and a milestone; a second North counsellor and everyone of createPeople. */
async function world() {
  const people = await createPeople();
  const north2 = await addCounsellor(people.teams.north.id, "counsellor.north2@test.example", people.counsellorNorth.id);
  const counsellorNorth = await signInAs(people.counsellorNorth.email);
  const a = await createCaseFor(counsellorNorth, { givenName: "Aiko" });
  await measure(counsellorNorth, a.caseId, "HQ25", { total: 50, administeredOn: daysAgo(30) });
  await milestone(counsellorNorth, a.caseId, "accepts_contact", daysAgo(20));
  return { people, north2, counsellorNorth, a, milestoneA: await milestoneId(a.caseId, "accepts_contact") };
}

type World = Awaited<ReturnType<typeof world>>;

const operations = ["recordMeasure", "recordMilestone", "removeMilestone", "caseOutcomes"] as const;
type Operation = (typeof operations)[number];

/** Every outcome operation aimed at case A, each with a payload that would succeed (and raise a flag) for the holder. */
function run(w: World, operation: Operation, actor: Actor): Promise<unknown> {
  const caseId = w.a.caseId;
  switch (operation) {
    case "recordMeasure":
      return measure(actor, caseId, "PHQ9", { items: phq9Items(3, [3, 3, 3, 3, 3, 3, 3, 3]) });
    case "recordMilestone":
      return milestone(actor, caseId, "visits_office", daysAgo(1), "INTRUDER");
    case "removeMilestone":
      return removeMilestoneFrom(actor, caseId, w.milestoneA, "INTRUDER");
    case "caseOutcomes":
      return caseOutcomes(actor, caseId, context);
  }
}

type Expectation = DomainErrorKind | "allowed";

const matrix: { who: string; sign: (w: World) => Promise<Actor>; expect: Record<Operation, Expectation> }[] = [
  {
    who: "counsellor of the same team who does not hold the case",
    sign: (w) => signInAs(w.north2.email),
    expect: { recordMeasure: "NotFound", recordMilestone: "NotFound", removeMilestone: "NotFound", caseOutcomes: "NotFound" },
  },
  {
    who: "counsellor of the other team",
    sign: (w) => signInAs(w.people.counsellorSouth.email),
    expect: { recordMeasure: "NotFound", recordMilestone: "NotFound", removeMilestone: "NotFound", caseOutcomes: "NotFound" },
  },
  {
    who: "supervisor of the case's own team",
    sign: (w) => signInAs(w.people.supervisorNorth.email),
    expect: { recordMeasure: "Forbidden", recordMilestone: "Forbidden", removeMilestone: "Forbidden", caseOutcomes: "allowed" },
  },
  {
    who: "supervisor of the other team",
    sign: (w) => signInAs(w.people.supervisorSouth.email),
    expect: { recordMeasure: "Forbidden", recordMilestone: "Forbidden", removeMilestone: "Forbidden", caseOutcomes: "NotFound" },
  },
  ...(["admin", "analyst"] as const).map((role) => ({
    who: role,
    sign: (w: World) => signInAs(w.people[role].email),
    expect: { recordMeasure: "Forbidden", recordMilestone: "Forbidden", removeMilestone: "Forbidden", caseOutcomes: "Forbidden" } as Record<
      Operation,
      Expectation
    >,
  })),
];

describe("outcome scope: who can reach the outcomes of case A", () => {
  for (const entry of matrix) {
    const refusals = operations.filter((operation) => entry.expect[operation] !== "allowed");
    it(`${entry.who}: ${refusals.join(", ")} refused as expected, nothing changes, nothing leaks`, async () => {
      const w = await world();
      const actor = await entry.sign(w);
      const before = await outcomeTablesSnapshot();
      const auditBefore = await lastAuditId();
      for (const operation of refusals) {
        const error = await expectDomainError(run(w, operation, actor), entry.expect[operation] as DomainErrorKind);
        expect(error.message, operation).not.toMatch(/TSU-|Aiko/);
      }
      expect(await outcomeTablesSnapshot()).toEqual(before);

      // A read refused for scope is audited as denied, naming the case; policy refusals and refused writes are left to the caller.
      const audit = await auditSince(auditBefore);
      expect(audit).toEqual(
        entry.expect.caseOutcomes === "NotFound"
          ? [{ action: "outcomes.view", actor_id: actor.id, entity_type: "case", entity_id: w.a.caseId, case_id: null, outcome: "denied", details: null }]
          : [],
      );

      if (entry.expect.caseOutcomes === "allowed") {
        const outcomes = await caseOutcomes(actor, w.a.caseId, context);
        expect(outcomes.results.map((r) => r.total)).toEqual([50]);
        expect(outcomes.milestones.map((m) => m.milestone)).toEqual(["accepts_contact"]);
        expect((await auditSince(auditBefore)).map((r) => [r.action, r.outcome, r.actor_id])).toEqual([["outcomes.view", "success", actor.id]]);
      }
    });
  }

  it("the holder records measures and milestones, removes milestones and reads the tab", async () => {
    const w = await world();
    const actor = w.counsellorNorth;
    for (const operation of operations) await run(w, operation, actor);
    const [counts] = await sql<{ results: number; milestones: number; removed: number; flags: number }>(
      `select (select count(*)::int from measure_results where case_id = $1) as results,
              (select count(*)::int from case_milestones where case_id = $1 and removed_at is null) as milestones,
              (select count(*)::int from case_milestones where case_id = $1 and removed_by = $2) as removed,
              (select count(*)::int from case_flags where case_id = $1 and kind = 'self_harm_risk') as flags`,
      [w.a.caseId, actor.id],
    );
    expect(counts).toEqual({ results: 2, milestones: 1, removed: 1, flags: 1 });
  });

  it("after the case moves to another counsellor, the former holder is refused and the new one records", async () => {
    const w = await world();
    const supervisor = await signInAs(w.people.supervisorNorth.email);
    await assignCase(supervisor, assignInput.parse({ caseId: w.a.caseId, version: await caseVersion(w.a.caseId), counsellorId: w.north2.id }), context);
    const before = await outcomeTablesSnapshot();
    for (const operation of operations) await expectDomainError(run(w, operation, w.counsellorNorth), "NotFound");
    expect(await outcomeTablesSnapshot()).toEqual(before);
    const north2 = await signInAs(w.north2.email);
    for (const operation of operations) await run(w, operation, north2);
    expect(await sql("select count(*)::int as n from measure_results where recorded_by = $1", [north2.id])).toEqual([{ n: 1 }]);
  });
});
