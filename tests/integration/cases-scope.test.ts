import { describe, expect, it } from "vitest";
import { addContact } from "@/lib/cases/client";
import { assignCase, changeStatus, createCase, updateCase } from "@/lib/cases/commands";
import { setPrimaryFactor, tagFactor, untagFactor } from "@/lib/cases/factor-tags";
import { raiseFlag, resolveFlag } from "@/lib/cases/flags";
import { findClients, revealIdentity } from "@/lib/cases/client-queries";
import { listCases } from "@/lib/cases/list";
import { getCase, getFactorHistory } from "@/lib/cases/queries";
import {
  assignInput,
  caseFactorInput,
  changeStatusInput,
  contactInput,
  createCaseInput,
  flagInput,
  resolveFlagInput,
  updateCaseInput,
} from "@/lib/cases/schemas";
import type { Actor } from "@/lib/auth/sessions";
import type { DomainErrorKind } from "@/lib/errors";
import { addCounsellor, caseTablesSnapshot, caseVersion, createCaseFor, expectDomainError, factorId, newCaseFields } from "./helpers/cases";
import { sql } from "./helpers/database";
import { context, createPeople, signInAs } from "./helpers/people";

type People = Awaited<ReturnType<typeof createPeople>>;

/**
 * counsellorNorth holds case A (team North), with a factor, an open flag and a family contact;
 * counsellorSouth holds case B (team South); a second North counsellor holds nothing yet.
 */
async function world() {
  const people = await createPeople();
  const north2 = await addCounsellor(people.teams.north.id, "counsellor.north2@test.example", people.counsellorNorth.id);
  const counsellorNorth = await signInAs(people.counsellorNorth.email);
  const counsellorSouth = await signInAs(people.counsellorSouth.email);
  const a = await createCaseFor(counsellorNorth, { givenName: "Aiko", familyName: "Arakawa", preferredName: "Ai" });
  const b = await createCaseFor(counsellorSouth, { givenName: "Bunta", familyName: "Arakawa" });
  const tagged = await factorId("ageing_parents");
  await tagFactor(counsellorNorth, caseFactorInput.parse({ caseId: a.caseId, factorId: tagged }), context);
  await raiseFlag(counsellorNorth, flagInput.parse({ caseId: a.caseId, kind: "family_in_crisis" }), context);
  await addContact(
    counsellorNorth,
    contactInput.parse({ caseId: a.caseId, relationship: "mother", name: "Akemi Arakawa", phone: "", email: "", mayContact: "on" }),
    context,
  );
  const [flag] = await sql<{ id: string }>("select id from case_flags where case_id = $1", [a.caseId]);
  return { people, north2, counsellorNorth, counsellorSouth, a, b, tagged, flagId: flag!.id };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every case operation aimed at case A, each with a payload that would succeed for its holder. */
function operationsOnA(w: World, people: People) {
  const caseId = w.a.caseId;
  return {
    getCase: (actor: Actor) => getCase(actor, caseId, context),
    getFactorHistory: (actor: Actor) => getFactorHistory(actor, caseId, context),
    revealIdentity: (actor: Actor) => revealIdentity(actor, caseId, context),
    updateCase: async (actor: Actor) =>
      updateCase(
        actor,
        updateCaseInput.parse({
          caseId,
          version: await caseVersion(caseId),
          referralSource: "school",
          referralDate: "2026-01-10",
          withdrawalOnset: "2025-03",
          livingSituation: "alone",
          riskLevel: "high",
        }),
        context,
      ),
    changeStatus: async (actor: Actor) =>
      changeStatus(actor, changeStatusInput.parse({ caseId, version: await caseVersion(caseId), status: "assessment" }), context),
    closeCase: async (actor: Actor) =>
      changeStatus(
        actor,
        changeStatusInput.parse({ caseId, version: await caseVersion(caseId), status: "closed", closureOutcome: "no_change", closedOn: "" }),
        context,
      ),
    tagFactor: async (actor: Actor) => tagFactor(actor, caseFactorInput.parse({ caseId, factorId: await factorId("bullying") }), context),
    untagFactor: (actor: Actor) => untagFactor(actor, caseFactorInput.parse({ caseId, factorId: w.tagged }), context),
    setPrimaryFactor: (actor: Actor) => setPrimaryFactor(actor, caseFactorInput.parse({ caseId, factorId: w.tagged }), context),
    raiseFlag: (actor: Actor) => raiseFlag(actor, flagInput.parse({ caseId, kind: "self_harm_risk" }), context),
    resolveFlag: (actor: Actor) => resolveFlag(actor, resolveFlagInput.parse({ caseId, flagId: w.flagId }), context),
    addContact: (actor: Actor) =>
      addContact(
        actor,
        contactInput.parse({ caseId, relationship: "father", name: "Intruder Added", phone: "+81 3 1234 5678", email: "", mayContact: "on" }),
        context,
      ),
    assignCase: async (actor: Actor) =>
      assignCase(
        actor,
        assignInput.parse({
          caseId,
          version: await caseVersion(caseId),
          // A counsellor of the refused person's own team (or North's second counsellor): valid but for the scope.
          counsellorId: actor.teamId === people.teams.south.id ? people.counsellorSouth.id : w.north2.id,
        }),
        context,
      ),
  };
}

const refused: { who: string; sign: (w: World) => Promise<Actor>; kind: DomainErrorKind }[] = [
  { who: "counsellor of the other team", sign: (w) => signInAs(w.people.counsellorSouth.email), kind: "NotFound" },
  { who: "counsellor of the same team who does not hold the case", sign: (w) => signInAs(w.north2.email), kind: "NotFound" },
  { who: "supervisor of the other team", sign: (w) => signInAs(w.people.supervisorSouth.email), kind: "NotFound" },
  { who: "admin", sign: (w) => signInAs(w.people.admin.email), kind: "Forbidden" },
  { who: "analyst", sign: (w) => signInAs(w.people.analyst.email), kind: "Forbidden" },
];

describe("case scope: who can reach case A", () => {
  for (const entry of refused) {
    it(`${entry.who}: every read and write of A is refused (${entry.kind}) and nothing changes`, async () => {
      const w = await world();
      const actor = await entry.sign(w);
      const before = await caseTablesSnapshot();
      const operations = operationsOnA(w, w.people);
      for (const [name, run] of Object.entries(operations)) {
        // assignCase is a supervisor's power: for counsellors the policy refuses it before any scope.
        const expected: DomainErrorKind = name === "assignCase" && actor.role === "counsellor" ? "Forbidden" : entry.kind;
        const error = await expectDomainError(run(actor), expected);
        // The refusal names nothing about the case: no reference, no client name.
        expect(error.message, name).not.toMatch(/TSU-|Aiko|Arakawa|Ai\b/);
      }
      expect(await caseTablesSnapshot()).toEqual(before);

      if (entry.kind === "NotFound") {
        const list = await listCases(actor, {}, context);
        expect(list.rows.map((r) => r.id)).not.toContain(w.a.caseId);
        expect(list.total).toBe(list.rows.length);
        const searched = await listCases(actor, { q: "Arakawa" }, context);
        expect(searched.rows.map((r) => r.id)).not.toContain(w.a.caseId);
        // Filtering by A's counsellor does not widen the scope (counsellors' counsellor filter is ignored).
        const byCounsellor = await listCases(actor, { counsellor: [w.people.counsellorNorth.id], perPage: 100 }, context);
        expect(byCounsellor.rows.map((r) => r.id)).not.toContain(w.a.caseId);
        expect(byCounsellor.total).toBe(byCounsellor.rows.length);
        if (actor.role === "supervisor") expect(byCounsellor).toMatchObject({ rows: [], total: 0 });
        // The refused view is on the record, naming the case it asked for.
        const denied = await sql<{ actor_id: string; entity_type: string; entity_id: string }>(
          "select actor_id, entity_type, entity_id from audit_events where action = 'case.view' and outcome = 'denied'",
        );
        expect(denied).toEqual([{ actor_id: actor.id, entity_type: "case", entity_id: w.a.caseId }]);
      } else {
        await expectDomainError(listCases(actor, {}, context), "Forbidden");
        await expectDomainError(findClients(actor, "Arakawa", context), "Forbidden");
      }
      // Nothing about case A reached the audit trail as a success for this person.
      const successes = await sql<{ action: string }>(
        "select action from audit_events where actor_id = $1 and outcome = 'success' and (case_id = $2 or entity_id = $2::text)",
        [actor.id, w.a.caseId],
      );
      expect(successes).toEqual([]);
    });
  }

  it("a counsellor of the other team sees only their own case B in the list", async () => {
    const w = await world();
    const list = await listCases(w.counsellorSouth, { perPage: 100 }, context);
    expect(list.rows.map((r) => r.id)).toEqual([w.b.caseId]);
    expect(list.total).toBe(1);
    const own = await listCases(w.counsellorNorth, { perPage: 100 }, context);
    expect(own.rows.map((r) => r.id)).toEqual([w.a.caseId]);
    expect(own.total).toBe(1);
  });

  it("the holder and the supervisor of the case's team can read, list and update it; the other team's case stays hidden", async () => {
    const w = await world();
    const supervisorNorth = await signInAs(w.people.supervisorNorth.email);
    const list = await listCases(supervisorNorth, { perPage: 100 }, context);
    expect(list.rows.map((r) => r.id)).toEqual([w.a.caseId]);
    expect(list.total).toBe(1);
    const detail = await getCase(supervisorNorth, w.a.caseId, context);
    expect(detail).toMatchObject({ id: w.a.caseId, reference: w.a.reference, clientName: "Ai", counsellorName: "counsellor.north" });
    await expectDomainError(getCase(supervisorNorth, w.b.caseId, context), "NotFound");

    await updateCase(
      supervisorNorth,
      updateCaseInput.parse({
        caseId: w.a.caseId,
        version: 1,
        referralSource: "school",
        referralDate: "2026-01-10",
        withdrawalOnset: "2025-03",
        livingSituation: "alone",
        riskLevel: "high",
      }),
      context,
    );
    await changeStatus(supervisorNorth, changeStatusInput.parse({ caseId: w.a.caseId, version: 2, status: "assessment" }), context);
    const [row] = await sql<Record<string, unknown>>(
      "select referral_source, referral_date::text as referral_date, withdrawal_onset::text as onset, living_situation, risk_level, status, version from cases where id = $1",
      [w.a.caseId],
    );
    expect(row).toEqual({
      referral_source: "school",
      referral_date: "2026-01-10",
      onset: "2025-03-01",
      living_situation: "alone",
      risk_level: "high",
      status: "assessment",
      version: 3,
    });
    // The holder still reads it, and sees the supervisor's change.
    expect(await getCase(w.counsellorNorth, w.a.caseId, context)).toMatchObject({ riskLevel: "high", status: "assessment", version: 3 });
    expect(await revealIdentity(supervisorNorth, w.a.caseId, context)).toMatchObject({ givenName: "Aiko", familyName: "Arakawa" });
    const views = await sql<{ actor_id: string; outcome: string }>(
      "select actor_id, outcome from audit_events where action = 'case.view' and entity_id = $1 order by id",
      [w.a.caseId],
    );
    expect(views).toEqual([
      { actor_id: supervisorNorth.id, outcome: "success" },
      { actor_id: w.counsellorNorth.id, outcome: "success" },
    ]);
  });
});

describe("creating cases for someone", () => {
  it("a counsellor cannot create a case for another counsellor, and nothing is written", async () => {
    const w = await world();
    const before = await caseTablesSnapshot();
    const counters = await sql("select * from case_reference_counters");
    await expectDomainError(
      createCase(w.counsellorNorth, createCaseInput.parse(newCaseFields({ counsellorId: w.north2.id })), context),
      "Forbidden",
    );
    await expectDomainError(
      createCase(w.counsellorNorth, createCaseInput.parse(newCaseFields({ counsellorId: w.people.counsellorSouth.id })), context),
      "Forbidden",
    );
    expect(await caseTablesSnapshot()).toEqual(before);
    expect(await sql("select * from case_reference_counters")).toEqual(counters);
    // Naming themself is fine.
    const own = await createCaseFor(w.counsellorNorth, { counsellorId: w.people.counsellorNorth.id });
    const [row] = await sql<{ counsellor_id: string; team_id: string }>("select counsellor_id, team_id from cases where id = $1", [own.caseId]);
    expect(row).toEqual({ counsellor_id: w.people.counsellorNorth.id, team_id: w.people.teams.north.id });
  });

  it("a supervisor creates cases only for active counsellors of their own team", async () => {
    const w = await world();
    const supervisorNorth = await signInAs(w.people.supervisorNorth.email);
    const before = await caseTablesSnapshot();
    const noOne = await expectDomainError(createCaseFor(supervisorNorth), "Invalid");
    expect(noOne.fieldErrors).toHaveProperty("counsellorId");
    const otherTeam = await expectDomainError(createCaseFor(supervisorNorth, { counsellorId: w.people.counsellorSouth.id }), "Invalid");
    expect(otherTeam.fieldErrors).toHaveProperty("counsellorId");
    const notACounsellor = await expectDomainError(createCaseFor(supervisorNorth, { counsellorId: w.people.supervisorNorth.id }), "Invalid");
    expect(notACounsellor.fieldErrors).toHaveProperty("counsellorId");
    await sql("update accounts set status = 'deactivated' where id = $1", [w.north2.id]);
    const inactive = await expectDomainError(createCaseFor(supervisorNorth, { counsellorId: w.north2.id }), "Invalid");
    expect(inactive.fieldErrors).toHaveProperty("counsellorId");
    expect(await caseTablesSnapshot()).toEqual(before);

    const made = await createCaseFor(supervisorNorth, { counsellorId: w.people.counsellorNorth.id });
    const [row] = await sql<{ counsellor_id: string; team_id: string; created_by: string }>(
      "select counsellor_id, team_id, created_by from cases where id = $1",
      [made.caseId],
    );
    expect(row).toEqual({ counsellor_id: w.people.counsellorNorth.id, team_id: w.people.teams.north.id, created_by: supervisorNorth.id });
  });

  it("admins and analysts cannot create cases", async () => {
    const w = await world();
    const before = await caseTablesSnapshot();
    for (const email of [w.people.admin.email, w.people.analyst.email]) {
      const actor = await signInAs(email);
      await expectDomainError(createCaseFor(actor, { counsellorId: w.people.counsellorNorth.id }), "Forbidden");
    }
    expect(await caseTablesSnapshot()).toEqual(before);
  });

  it("a returning client can only be one already known through a case in scope", async () => {
    const w = await world();
    const [clientA] = await sql<{ client_id: string }>("select client_id from cases where id = $1", [w.a.caseId]);
    const before = await caseTablesSnapshot();
    const error = await expectDomainError(createCaseFor(w.counsellorSouth, { clientId: clientA!.client_id }), "Invalid");
    expect(error.fieldErrors).toHaveProperty("clientId");
    expect(await caseTablesSnapshot()).toEqual(before);
    const again = await createCaseFor(w.counsellorNorth, { clientId: clientA!.client_id });
    const [row] = await sql<{ client_id: string }>("select client_id from cases where id = $1", [again.caseId]);
    expect(row!.client_id).toBe(clientA!.client_id);
    expect(await sql("select id from clients")).toHaveLength(2);
  });
});

describe("assigning cases", () => {
  it("counsellors cannot assign; a supervisor cannot reach another team's case", async () => {
    const w = await world();
    const supervisorSouth = await signInAs(w.people.supervisorSouth.email);
    const before = await caseTablesSnapshot();
    await expectDomainError(
      assignCase(w.counsellorNorth, assignInput.parse({ caseId: w.a.caseId, version: 1, counsellorId: w.north2.id }), context),
      "Forbidden",
    );
    await expectDomainError(
      assignCase(supervisorSouth, assignInput.parse({ caseId: w.a.caseId, version: 1, counsellorId: w.people.counsellorSouth.id }), context),
      "NotFound",
    );
    await expectDomainError(
      assignCase(supervisorSouth, assignInput.parse({ caseId: w.a.caseId, version: 1, counsellorId: w.north2.id }), context),
      "NotFound",
    );
    expect(await caseTablesSnapshot()).toEqual(before);
  });

  it("a supervisor assigns only to an active counsellor of their own team", async () => {
    const w = await world();
    const supervisorNorth = await signInAs(w.people.supervisorNorth.email);
    const before = await caseTablesSnapshot();
    const attempt = (counsellorId: string) =>
      assignCase(supervisorNorth, assignInput.parse({ caseId: w.a.caseId, version: 1, counsellorId }), context);
    const otherTeam = await expectDomainError(attempt(w.people.counsellorSouth.id), "Invalid");
    expect(otherTeam.fieldErrors).toEqual({ counsellorId: [expect.any(String)] });
    const supervisor = await expectDomainError(attempt(w.people.supervisorNorth.id), "Invalid");
    expect(supervisor.fieldErrors).toEqual({ counsellorId: [expect.any(String)] });
    const same = await expectDomainError(attempt(w.people.counsellorNorth.id), "Invalid");
    expect(same.fieldErrors).toEqual({ counsellorId: [expect.any(String)] });
    const unknown = await expectDomainError(attempt("00000000-0000-4000-8000-000000000000"), "Invalid");
    expect(unknown.fieldErrors).toEqual({ counsellorId: [expect.any(String)] });
    await sql("update accounts set status = 'deactivated' where id = $1", [w.north2.id]);
    const inactive = await expectDomainError(attempt(w.north2.id), "Invalid");
    expect(inactive.fieldErrors).toEqual({ counsellorId: [expect.any(String)] });
    expect(await caseTablesSnapshot()).toEqual(before);
  });

  it("after reassignment the previous counsellor loses the case and the history records the hand-over", async () => {
    const w = await world();
    const supervisorNorth = await signInAs(w.people.supervisorNorth.email);
    const north2 = await signInAs(w.north2.email);
    expect((await listCases(north2, {}, context)).total).toBe(0);

    await assignCase(supervisorNorth, assignInput.parse({ caseId: w.a.caseId, version: 1, counsellorId: w.north2.id }), context);

    await expectDomainError(getCase(w.counsellorNorth, w.a.caseId, context), "NotFound");
    await expectDomainError(revealIdentity(w.counsellorNorth, w.a.caseId, context), "NotFound");
    const before = await caseTablesSnapshot();
    await expectDomainError(raiseFlag(w.counsellorNorth, flagInput.parse({ caseId: w.a.caseId, kind: "other" }), context), "NotFound");
    expect(await caseTablesSnapshot()).toEqual(before);
    const oldList = await listCases(w.counsellorNorth, {}, context);
    expect(oldList).toMatchObject({ rows: [], total: 0 });

    const newList = await listCases(north2, {}, context);
    expect(newList.rows.map((r) => [r.id, r.counsellorName])).toEqual([[w.a.caseId, "counsellor.north2"]]);
    expect(await getCase(north2, w.a.caseId, context)).toMatchObject({ counsellorId: w.north2.id, version: 2 });
    expect((await listCases(supervisorNorth, {}, context)).total).toBe(1);

    const history = await sql<{ counsellor_id: string; assigned_by: string; ended: boolean }>(
      "select counsellor_id, assigned_by, ended_at is not null as ended from case_assignments where case_id = $1 order by id",
      [w.a.caseId],
    );
    expect(history).toEqual([
      { counsellor_id: w.people.counsellorNorth.id, assigned_by: w.people.counsellorNorth.id, ended: true },
      { counsellor_id: w.north2.id, assigned_by: supervisorNorth.id, ended: false },
    ]);
    const [audit] = await sql<{ actor_id: string; case_id: string; details: { from: string; to: string } }>(
      "select actor_id, case_id, details from audit_events where action = 'case.assign'",
    );
    expect(audit).toEqual({ actor_id: supervisorNorth.id, case_id: w.a.caseId, details: { from: w.people.counsellorNorth.id, to: w.north2.id } });
  });
});

describe("finding returning clients", () => {
  it("finds only clients of cases in scope", async () => {
    const w = await world();
    const supervisorNorth = await signInAs(w.people.supervisorNorth.email);
    const supervisorSouth = await signInAs(w.people.supervisorSouth.email);
    const names = async (actor: Actor, q: string) => (await findClients(actor, q, context)).map((c) => c.name).sort();

    expect(await names(w.counsellorNorth, "arakawa")).toEqual(["Aiko Arakawa"]);
    expect(await names(w.counsellorSouth, "arakawa")).toEqual(["Bunta Arakawa"]);
    expect(await names(supervisorNorth, "ARAKAWA")).toEqual(["Aiko Arakawa"]);
    expect(await names(supervisorSouth, "Arakawa")).toEqual(["Bunta Arakawa"]);
    expect(await names(w.counsellorSouth, "Aiko")).toEqual([]);
    expect(await names(w.counsellorSouth, w.a.reference)).toEqual([]);
    expect(await names(w.counsellorNorth, w.a.reference)).toEqual(["Aiko Arakawa"]);
    const north2 = await signInAs(w.north2.email);
    expect(await names(north2, "Arakawa")).toEqual([]);
    // Wildcards are text, not patterns.
    expect(await names(w.counsellorNorth, "%%")).toEqual([]);
  });
});
