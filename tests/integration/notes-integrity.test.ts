import { describe, expect, it } from "vitest";
import { getNote } from "@/lib/notes/queries";
import { sql } from "./helpers/database";
import { addendumTo, auditRows, counsellorWithCase, daysAgo, noteRow, refusedSql, review, signedNote, writeNote } from "./helpers/notes";
import { context, signInAs } from "./helpers/people";

const SIGNED_REFUSAL = /signed note .* cannot be changed; add an addendum instead/;
const INSUFFICIENT_PRIVILEGE = "42501";

/** A signed note (every optional field filled) and a draft on the same case, with one addendum on the signed note. */
async function signedAndDraft() {
  const world = await counsellorWithCase();
  const signed = await signedNote(world.counsellor, world.caseId, {
    daysOut: "2",
    rarelyLeavesRoom: "no",
    nextContactOn: daysAgo(-4),
    nextContactModality: "phone",
  });
  const draft = await writeNote(world.counsellor, world.caseId, { sessionDate: daysAgo(1) });
  return { ...world, signedId: signed.noteId, draftId: draft.noteId };
}

describe("the database refuses to change a signed note, whoever asks", () => {
  it("raw UPDATEs of a signed note's content, days out, status or any other field are refused and the row is unchanged", async () => {
    const { signedId, people } = await signedAndDraft();
    const before = await noteRow(signedId);
    expect(before.status).toBe("signed");
    const statements = [
      `update session_notes set content = '{"subjective":"rewritten"}'::jsonb where id = $1`,
      `update session_notes set content = jsonb_set(content, '{plan}', '"changed"') where id = $1`,
      // 0 is a valid days-out value, so only the trigger (not the check constraint) can refuse it.
      "update session_notes set days_out = 0 where id = $1",
      "update session_notes set days_out = null, rarely_leaves_room = true where id = $1",
      "update session_notes set status = 'draft' where id = $1",
      // Un-signing completely satisfies every check constraint: only the trigger stands in the way.
      "update session_notes set status = 'draft', signed_by = null, signed_at = null, content_hash = null where id = $1",
      "update session_notes set session_date = session_date - 1 where id = $1",
      "update session_notes set duration_minutes = 10 where id = $1",
      "update session_notes set content_hash = md5(content_hash) where id = $1",
      "update session_notes set signed_at = signed_at - interval '1 day' where id = $1",
      "update session_notes set next_contact_on = null, next_contact_modality = null where id = $1",
    ];
    for (const statement of statements) {
      const error = await refusedSql(statement, [signedId]);
      expect(error.message, statement).toMatch(SIGNED_REFUSAL);
      expect(error.code, statement).toBe(INSUFFICIENT_PRIVILEGE);
    }
    // Nor may it be handed to someone else.
    const moved = await refusedSql("update session_notes set author_id = $2 where id = $1", [signedId, people.counsellorSouth.id]);
    expect(moved.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await noteRow(signedId)).toEqual(before);
  });

  it("the same raw UPDATE is accepted on a draft, so the refusal above is about signing", async () => {
    const { draftId } = await signedAndDraft();
    await sql(`update session_notes set content = '{"subjective":"edited by hand"}'::jsonb, days_out = 0 where id = $1`, [draftId]);
    expect(await noteRow(draftId)).toMatchObject({ content: { subjective: "edited by hand" }, days_out: 0, status: "draft" });
  });

  it("a column added to the table later is protected without being listed in the trigger", async () => {
    const { signedId } = await signedAndDraft();
    await sql("alter table session_notes add column later_column text");
    try {
      const error = await refusedSql("update session_notes set later_column = 'x' where id = $1", [signedId]);
      expect(error.message).toMatch(SIGNED_REFUSAL);
    } finally {
      await sql("alter table session_notes drop column later_column");
    }
  });

  it("no note is ever deleted, signed or draft, and the tables cannot be truncated", async () => {
    const { signedId, draftId } = await signedAndDraft();
    const before = await sql("select to_jsonb(n) as row from session_notes n order by id");
    for (const [statement, params] of [
      ["delete from session_notes where id = $1", [signedId]],
      ["delete from session_notes where id = $1", [draftId]],
      ["delete from session_notes where status = 'draft'", []],
      ["delete from session_notes", []],
    ] as const) {
      const error = await refusedSql(statement, [...params]);
      expect(error.message, `${statement} ${params.join()}`).toMatch(/session notes are never deleted/);
      expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
    }
    for (const statement of ["truncate note_addenda", "truncate session_notes cascade"]) {
      const error = await refusedSql(statement);
      expect(error.message, statement).toMatch(/TRUNCATE refused on (session_notes|note_addenda): clinical records are append-only/);
    }
    expect(await sql("select to_jsonb(n) as row from session_notes n order by id")).toEqual(before);
  });

  it("addenda are append-only, and one cannot be attached to a draft even by raw INSERT", async () => {
    const { counsellor, caseId, signedId, draftId } = await signedAndDraft();
    await addendumTo(counsellor, caseId, signedId);
    const before = await sql("select to_jsonb(a) as row from note_addenda a order by id");
    expect(before).toHaveLength(1);
    for (const statement of ["update note_addenda set body = 'rewritten'", "update note_addenda set note_id = note_id", "delete from note_addenda"]) {
      const error = await refusedSql(statement);
      expect(error.message, statement).toMatch(/(UPDATE|DELETE) refused on note_addenda: clinical records are append-only/);
      expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
    }
    const onDraft = await refusedSql("insert into note_addenda (note_id, author_id, reason, body) values ($1, $2, 'reason', 'body')", [draftId, counsellor.id]);
    expect(onDraft.message).toMatch(/addenda can only be added to a signed note/);
    expect(onDraft.code).toBe("23514");
    // The same raw INSERT on the signed note is accepted: the refusal is about the draft.
    await sql("insert into note_addenda (note_id, author_id, reason, body) values ($1, $2, 'reason', 'body')", [signedId, counsellor.id]);
    const after = await sql<{ row: { note_id: string } }>("select to_jsonb(a) as row from note_addenda a order by id");
    expect(after.slice(0, 1)).toEqual(before);
    expect(after.map((r) => r.row.note_id)).toEqual([signedId, signedId]);
  });

  it("a signed note accepts the review columns once, by raw SQL too; the recorded review cannot be changed or removed", async () => {
    const { people, signedId } = await signedAndDraft();
    const signedRow = await noteRow(signedId);
    await sql("update session_notes set reviewed_by = $2, reviewed_at = now(), review_comment = 'Seen' where id = $1", [signedId, people.supervisorNorth.id]);
    const reviewed = await noteRow(signedId);
    expect(reviewed).toMatchObject({ reviewed_by: people.supervisorNorth.id, review_comment: "Seen" });
    expect(reviewed.reviewed_at).not.toBeNull();
    // Everything but the review is as signed.
    const { reviewed_by: _by, reviewed_at: _at, review_comment: _comment, ...rest } = reviewed;
    const { reviewed_by: _by0, reviewed_at: _at0, review_comment: _comment0, ...signedRest } = signedRow;
    expect(rest).toEqual(signedRest);

    for (const statement of [
      "update session_notes set review_comment = 'Changed my mind' where id = $1",
      "update session_notes set reviewed_at = null, reviewed_by = null, review_comment = null where id = $1",
      "update session_notes set reviewed_at = now() + interval '1 hour' where id = $1",
      `update session_notes set reviewed_by = author_id where id = $1`,
    ]) {
      const error = await refusedSql(statement, [signedId]);
      expect(error.message, statement).toMatch(/the review of note .* is already recorded/);
      expect(error.code).toBe(INSUFFICIENT_PRIVILEGE);
    }
    expect(await noteRow(signedId)).toEqual(reviewed);
  });
});

describe("integrity of signed notes", () => {
  it("every template signs and reads back intact; drafts report 'draft'; a review keeps the note intact", async () => {
    const { people, counsellor, caseId, signedId, draftId } = await signedAndDraft();
    const dap = await signedNote(counsellor, caseId, { template: "dap", data: "Talked about games.", startTime: "", daysOut: "0" });
    const free = await signedNote(counsellor, caseId, { template: "free", notes: "Short call.", modality: "phone", attendees: "client", rarelyLeavesRoom: "yes" });
    for (const noteId of [signedId, dap.noteId, free.noteId]) {
      expect((await getNote(counsellor, caseId, noteId, context)).integrity, noteId).toBe("intact");
    }
    expect((await getNote(counsellor, caseId, draftId, context)).integrity).toBe("draft");

    const supervisor = await signInAs(people.supervisorNorth.email);
    await review(supervisor, caseId, signedId, await noteRow(signedId).then((r) => r.version as number), "Good note");
    const reviewed = await getNote(supervisor, caseId, signedId, context);
    expect(reviewed).toMatchObject({ integrity: "intact", reviewComment: "Good note", reviewerName: "supervisor.north" });
    // The hash itself is never handed out.
    expect(reviewed).not.toHaveProperty("contentHash");
  });

  it("content changed behind the trigger's back reads as 'mismatch', and the read is audited with that result", async () => {
    const { counsellor, caseId, signedId } = await signedAndDraft();
    expect((await getNote(counsellor, caseId, signedId, context)).integrity).toBe("intact");
    await sql("alter table session_notes disable trigger session_notes_guard");
    try {
      await sql(`update session_notes set content = jsonb_set(content, '{assessment}', '"Tampered"') where id = $1`, [signedId]);
    } finally {
      await sql("alter table session_notes enable trigger session_notes_guard");
    }
    // The guard is back on.
    expect((await refusedSql("update session_notes set days_out = 1 where id = $1", [signedId])).message).toMatch(SIGNED_REFUSAL);

    const read = await getNote(counsellor, caseId, signedId, context);
    expect(read.content.assessment).toBe("Tampered");
    expect(read.integrity).toBe("mismatch");
    const reads = await auditRows("note.read");
    expect(reads.map((r) => r.details)).toEqual([{ integrity: "intact" }, { integrity: "mismatch" }]);
  });

  it("tampering with any sealed field other than the text is caught too", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const tamperings = [
      "days_out = 6",
      "session_date = session_date - 1",
      "start_time = '09:00'",
      "duration_minutes = duration_minutes + 1",
      "modality = 'office'",
      "attendees = '{family}'",
      "signed_at = signed_at + interval '1 millisecond'",
      "content_hash = md5('x')",
    ];
    for (const change of tamperings) {
      const { noteId } = await signedNote(counsellor, caseId, { daysOut: "3" });
      await sql("alter table session_notes disable trigger session_notes_guard");
      try {
        await sql(`update session_notes set ${change} where id = $1`, [noteId]);
      } finally {
        await sql("alter table session_notes enable trigger session_notes_guard");
      }
      expect((await getNote(counsellor, caseId, noteId, context)).integrity, change).toBe("mismatch");
    }
  });
});
