import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/sessions";
import type { DomainErrorKind } from "@/lib/errors";
import { getNote, noteTimeline, reviewQueue } from "@/lib/notes/queries";
import { assignCase } from "@/lib/cases/commands";
import { assignInput } from "@/lib/cases/schemas";
import { addCounsellor, caseVersion, createCaseFor, expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import { addendumTo, daysAgo, editNote, noteTablesSnapshot, noteVersion, review, signedNote, writeNote } from "./helpers/notes";
import { context, createPeople, signInAs } from "./helpers/people";

/**
 * counsellorNorth holds case A (team North) with a signed note and a draft; counsellorSouth
 * holds case B (team South) with a signed note; a second North counsellor holds case C.
 */
async function world() {
  const people = await createPeople();
  const north2 = await addCounsellor(people.teams.north.id, "counsellor.north2@test.example", people.counsellorNorth.id);
  const counsellorNorth = await signInAs(people.counsellorNorth.email);
  const counsellorSouth = await signInAs(people.counsellorSouth.email);
  const counsellorNorth2 = await signInAs(north2.email);
  const a = await createCaseFor(counsellorNorth, { givenName: "Aiko" });
  const b = await createCaseFor(counsellorSouth, { givenName: "Bunta" });
  const c = await createCaseFor(counsellorNorth2, { givenName: "Chie" });
  const signedA = await signedNote(counsellorNorth, a.caseId, { subjective: "SECRET-A-SIGNED" });
  const draftA = await writeNote(counsellorNorth, a.caseId, { sessionDate: daysAgo(1), subjective: "SECRET-A-DRAFT" });
  const signedB = await signedNote(counsellorSouth, b.caseId, { subjective: "SECRET-B" });
  return { people, north2, counsellorNorth, counsellorSouth, counsellorNorth2, a, b, c, signedA, draftA, signedB };
}

type World = Awaited<ReturnType<typeof world>>;

const lastAuditId = async () => (await sql<{ id: number }>("select coalesce(max(id), 0)::int as id from audit_events"))[0]!.id;

const operations = ["noteTimeline", "getNote", "saveNote (new)", "saveNote (edit)", "addAddendum", "reviewNote", "reviewQueue"] as const;
type Operation = (typeof operations)[number];

/** Every note operation aimed at case A, each with a payload that would succeed for the right person. */
function run(w: World, operation: Operation, actor: Actor): Promise<unknown> {
  const caseId = w.a.caseId;
  switch (operation) {
    case "noteTimeline":
      return noteTimeline(actor, caseId, {}, context);
    case "getNote":
      return getNote(actor, caseId, w.signedA.noteId, context);
    case "saveNote (new)":
      return writeNote(actor, caseId, { subjective: "INTRUDER" });
    case "saveNote (edit)":
      return noteVersion(w.draftA.noteId).then((version) => editNote(actor, caseId, w.draftA.noteId, version, { subjective: "INTRUDER" }));
    case "addAddendum":
      return addendumTo(actor, caseId, w.signedA.noteId, { reason: "INTRUDER", body: "INTRUDER" });
    case "reviewNote":
      return noteVersion(w.signedA.noteId).then((version) => review(actor, caseId, w.signedA.noteId, version, "INTRUDER"));
    case "reviewQueue":
      return reviewQueue(actor, context);
  }
}

type Expectation = DomainErrorKind | "allowed" | "hidden";

/** What each person gets for each operation on case A: "hidden" means allowed but A's note is not among the results. */
const matrix: { who: string; sign: (w: World) => Promise<Actor>; expect: Record<Operation, Expectation> }[] = [
  {
    who: "counsellor of the same team who does not hold the case",
    sign: (w) => signInAs(w.north2.email),
    expect: {
      noteTimeline: "NotFound",
      getNote: "NotFound",
      "saveNote (new)": "NotFound",
      "saveNote (edit)": "NotFound",
      addAddendum: "NotFound",
      reviewNote: "Forbidden",
      reviewQueue: "Forbidden",
    },
  },
  {
    who: "counsellor of the other team",
    sign: (w) => signInAs(w.people.counsellorSouth.email),
    expect: {
      noteTimeline: "NotFound",
      getNote: "NotFound",
      "saveNote (new)": "NotFound",
      "saveNote (edit)": "NotFound",
      addAddendum: "NotFound",
      reviewNote: "Forbidden",
      reviewQueue: "Forbidden",
    },
  },
  {
    who: "supervisor of the case's own team",
    sign: (w) => signInAs(w.people.supervisorNorth.email),
    expect: {
      noteTimeline: "allowed",
      getNote: "allowed",
      "saveNote (new)": "Forbidden",
      "saveNote (edit)": "Forbidden",
      addAddendum: "Forbidden",
      reviewNote: "allowed",
      reviewQueue: "allowed",
    },
  },
  {
    who: "supervisor of the other team",
    sign: (w) => signInAs(w.people.supervisorSouth.email),
    expect: {
      noteTimeline: "NotFound",
      getNote: "NotFound",
      "saveNote (new)": "Forbidden",
      "saveNote (edit)": "Forbidden",
      addAddendum: "Forbidden",
      reviewNote: "NotFound",
      reviewQueue: "hidden",
    },
  },
  ...(["admin", "analyst"] as const).map((role) => ({
    who: role,
    sign: (w: World) => signInAs(w.people[role].email),
    expect: Object.fromEntries(operations.map((operation) => [operation, "Forbidden"])) as Record<Operation, Expectation>,
  })),
];

describe("note scope: who can reach the notes of case A", () => {
  for (const entry of matrix) {
    const refusals = operations.filter((operation) => !["allowed", "hidden"].includes(entry.expect[operation]));
    it(`${entry.who}: ${refusals.join(", ") || "nothing"} refused as expected, nothing changes, nothing leaks`, async () => {
      const w = await world();
      const actor = await entry.sign(w);
      const before = await noteTablesSnapshot();
      const auditBefore = await lastAuditId();
      for (const operation of refusals) {
        const error = await expectDomainError(run(w, operation, actor), entry.expect[operation] as DomainErrorKind);
        expect(error.message, operation).not.toMatch(/SECRET|TSU-|Aiko/);
      }
      expect(await noteTablesSnapshot()).toEqual(before);

      // Scope refusals of reads are audited as denied, naming what was asked for; policy refusals and writes leave it to the caller.
      const denied = await sql<{ action: string; entity_type: string; entity_id: string; actor_id: string }>(
        "select action, entity_type, entity_id, actor_id from audit_events where outcome = 'denied' and id > $1 order by id",
        [auditBefore],
      );
      const expectedDenials = [
        ...(entry.expect.noteTimeline === "NotFound" ? [{ action: "note.list", entity_type: "case", entity_id: w.a.caseId, actor_id: actor.id }] : []),
        ...(entry.expect.getNote === "NotFound" ? [{ action: "note.read", entity_type: "note", entity_id: w.signedA.noteId, actor_id: actor.id }] : []),
      ];
      expect(denied).toEqual(expectedDenials);
      const successes = await sql<{ n: number }>(
        "select count(*)::int as n from audit_events where outcome = 'success' and id > $1 and (case_id = $2 or entity_id in ($2::text, $3::text, $4::text))",
        [auditBefore, w.a.caseId, w.signedA.noteId, w.draftA.noteId],
      );
      expect(successes[0]!.n).toBe(0);

      if (entry.expect.reviewQueue === "hidden") {
        const queue = await reviewQueue(actor, context);
        expect(queue.map((row) => row.noteId)).not.toContain(w.signedA.noteId);
        expect(queue.map((row) => row.noteId)).toEqual([w.signedB.noteId]);
      }
    });
  }

  it("the holder reads, lists, writes, edits and adds addenda on A, but neither reviews nor sees a review queue", async () => {
    const w = await world();
    const actor = w.counsellorNorth;
    const timeline = (await run(w, "noteTimeline", actor)) as Awaited<ReturnType<typeof noteTimeline>>;
    expect(timeline.notes.map((n) => n.id).sort()).toEqual([w.signedA.noteId, w.draftA.noteId].sort());
    expect(await run(w, "getNote", actor)).toMatchObject({ id: w.signedA.noteId, content: { subjective: "SECRET-A-SIGNED" } });
    await run(w, "saveNote (new)", actor);
    await run(w, "saveNote (edit)", actor);
    await run(w, "addAddendum", actor);
    await expectDomainError(run(w, "reviewNote", actor), "Forbidden");
    await expectDomainError(run(w, "reviewQueue", actor), "Forbidden");
    const [counts] = await sql<{ notes: number; intruder: number; addenda: number }>(
      `select (select count(*)::int from session_notes where case_id = $1) as notes,
              (select count(*)::int from session_notes where content->>'subjective' = 'INTRUDER') as intruder,
              (select count(*)::int from note_addenda) as addenda`,
      [w.a.caseId],
    );
    expect(counts).toEqual({ notes: 3, intruder: 2, addenda: 1 });
    expect(await sql("select reviewed_at from session_notes where id = $1", [w.signedA.noteId])).toEqual([{ reviewed_at: null }]);
  });

  it("the supervisor of A's team reads and reviews A's notes, and sees only the team's notes in the queue", async () => {
    const w = await world();
    const supervisor = await signInAs(w.people.supervisorNorth.email);
    const signedC = await signedNote(w.counsellorNorth2, w.c.caseId);
    const queue = await reviewQueue(supervisor, context);
    expect(queue.map((row) => row.noteId).sort()).toEqual([w.signedA.noteId, signedC.noteId].sort());
    const timeline = await noteTimeline(supervisor, w.a.caseId, {}, context);
    expect(timeline.notes.map((n) => n.id).sort()).toEqual([w.signedA.noteId, w.draftA.noteId].sort());
    expect(await getNote(supervisor, w.a.caseId, w.signedA.noteId, context)).toMatchObject({ content: { subjective: "SECRET-A-SIGNED" } });
    await run(w, "reviewNote", supervisor);
    expect(await sql("select reviewed_by, review_comment from session_notes where id = $1", [w.signedA.noteId])).toEqual([
      { reviewed_by: supervisor.id, review_comment: "INTRUDER" },
    ]);
  });

  it("a note cannot be reached through another case's id, even one the person holds", async () => {
    const w = await world();
    const supervisorSouth = await signInAs(w.people.supervisorSouth.email);
    const before = await noteTablesSnapshot();
    const noteA = w.signedA.noteId;
    // counsellorSouth holds B and names B's id with A's note.
    await expectDomainError(getNote(w.counsellorSouth, w.b.caseId, noteA, context), "NotFound");
    await expectDomainError(editNote(w.counsellorSouth, w.b.caseId, w.draftA.noteId, w.draftA.version, { subjective: "INTRUDER" }), "NotFound");
    await expectDomainError(addendumTo(w.counsellorSouth, w.b.caseId, noteA), "NotFound");
    await expectDomainError(review(supervisorSouth, w.b.caseId, noteA, w.signedA.version), "NotFound");
    // counsellorNorth holds A: the note of B is not theirs through A either.
    await expectDomainError(getNote(w.counsellorNorth, w.a.caseId, w.signedB.noteId, context), "NotFound");
    await expectDomainError(addendumTo(w.counsellorNorth, w.a.caseId, w.signedB.noteId), "NotFound");
    expect(await noteTablesSnapshot()).toEqual(before);
  });

  it("malformed ids are 'not found', and the refusal is audited", async () => {
    const w = await world();
    const auditBefore = await lastAuditId();
    await expectDomainError(noteTimeline(w.counsellorNorth, "not-a-uuid", {}, context), "NotFound");
    await expectDomainError(getNote(w.counsellorNorth, w.a.caseId, "not-a-uuid", context), "NotFound");
    await expectDomainError(getNote(w.counsellorNorth, "x'; drop table cases; --", w.signedA.noteId, context), "NotFound");
    const denied = await sql<{ action: string; entity_id: string; case_id: string | null }>(
      "select action, entity_id, case_id from audit_events where outcome = 'denied' and id > $1 order by id",
      [auditBefore],
    );
    expect(denied).toEqual([
      { action: "note.list", entity_id: "not-a-uuid", case_id: null },
      { action: "note.read", entity_id: "not-a-uuid", case_id: w.a.caseId },
      { action: "note.read", entity_id: w.signedA.noteId, case_id: null },
    ]);
  });

  it("a draft is edited only by its author: after the case moves to another counsellor, the new holder cannot edit it", async () => {
    const w = await world();
    const supervisor = await signInAs(w.people.supervisorNorth.email);
    await assignCase(supervisor, assignInput.parse({ caseId: w.a.caseId, version: await caseVersion(w.a.caseId), counsellorId: w.north2.id }), context);
    const before = await noteTablesSnapshot();
    const version = await noteVersion(w.draftA.noteId);
    await expectDomainError(editNote(w.counsellorNorth2, w.a.caseId, w.draftA.noteId, version, { subjective: "INTRUDER" }), "Forbidden");
    // The former holder no longer reaches the case at all.
    await expectDomainError(editNote(w.counsellorNorth, w.a.caseId, w.draftA.noteId, version, { subjective: "Late edit" }), "NotFound");
    expect(await noteTablesSnapshot()).toEqual(before);
    // The new holder can still correct a signed note with an addendum, and write their own notes.
    await addendumTo(w.counsellorNorth2, w.a.caseId, w.signedA.noteId);
    await writeNote(w.counsellorNorth2, w.a.caseId);
  });
});
