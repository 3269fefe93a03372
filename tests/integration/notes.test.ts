import { describe, expect, it } from "vitest";
import { changeStatus } from "@/lib/cases/commands";
import { changeStatusInput } from "@/lib/cases/schemas";
import { verifyAuditChain } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { getNote, noteTimeline, reviewQueue } from "@/lib/notes/queries";
import { addendumInput, saveNoteInput, SECTION_MAX } from "@/lib/notes/schemas";
import { caseVersion, expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import {
  addendumTo,
  auditRows,
  counsellorWithCase,
  daysAgo,
  editNote,
  noteFields,
  noteRow,
  noteTablesSnapshot,
  review,
  signedNote,
  writeNote,
} from "./helpers/notes";
import { expectInterrupted, withFailingStatement } from "./helpers/interruptions";
import { context, signInAs } from "./helpers/people";

async function caseFacts(caseId: string) {
  const [row] = await sql<{ last_contact_on: string | null; next_contact_on: string | null; next_contact_modality: string | null }>(
    "select last_contact_on::text, next_contact_on::text, next_contact_modality from cases where id = $1",
    [caseId],
  );
  return row!;
}

describe("writing and editing drafts", () => {
  it("a new draft is stored as posted, only the chosen template's sections kept, at version 1", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const saved = await writeNote(counsellor, caseId, { data: "Typed under DAP before switching to SOAP.", daysOut: "3" });
    expect(saved).toMatchObject({ version: 1, status: "draft" });
    const row = await noteRow(saved.noteId);
    expect(row).toMatchObject({
      case_id: caseId,
      author_id: counsellor.id,
      session_date: daysAgo(3),
      start_time: "14:30:00",
      duration_minutes: 50,
      modality: "home_visit",
      attendees: ["client", "family"],
      template: "soap",
      days_out: 3,
      rarely_leaves_room: null,
      status: "draft",
      signed_by: null,
      content_hash: null,
      version: 1,
    });
    expect(row.content).toEqual({
      subjective: "Said the week felt long.",
      objective: "Met in the living room; the curtains were open.",
      assessment: "Slightly more engaged than last time.",
      plan: "Visit again next week.",
    });
  });

  it("an edit at the current version is stored and bumps the version; a stale version is a Conflict and changes nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { noteId } = await writeNote(counsellor, caseId);
    const second = await editNote(counsellor, caseId, noteId, 1, { subjective: "Second save." });
    expect(second).toMatchObject({ noteId, version: 2, status: "draft" });
    const before = await noteRow(noteId);
    const error = await expectDomainError(editNote(counsellor, caseId, noteId, 1, { subjective: "From a stale tab." }), "Conflict");
    expect(error.message).toMatch(/Nothing was overwritten/);
    expect(await noteRow(noteId)).toEqual(before);
    expect(before.content).toMatchObject({ subjective: "Second save." });
    // A version from the future is just as stale.
    await expectDomainError(editNote(counsellor, caseId, noteId, 7, { subjective: "From nowhere." }), "Conflict");
    expect(await noteRow(noteId)).toEqual(before);
  });

  it("a signed note cannot be edited through saveNote, even at its current version", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { noteId, version } = await signedNote(counsellor, caseId);
    const before = await noteRow(noteId);
    await expectDomainError(editNote(counsellor, caseId, noteId, version, { subjective: "Rewritten after signing." }), "Conflict");
    await expectDomainError(editNote(counsellor, caseId, noteId, version, { intent: "sign" }), "Conflict");
    expect(await noteRow(noteId)).toEqual(before);
  });

  it("signing an existing draft stores the last edit and seals it; signing a blank note is refused and stores nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { noteId } = await writeNote(counsellor, caseId);
    const signed = await editNote(counsellor, caseId, noteId, 1, { intent: "sign", plan: "Final plan." });
    expect(signed).toMatchObject({ noteId, status: "signed", version: 2 });
    expect(await noteRow(noteId)).toMatchObject({ status: "signed", signed_by: counsellor.id, content: { plan: "Final plan." } });

    const before = await noteTablesSnapshot();
    const blank = { subjective: "", objective: "  ", assessment: "\n", plan: "" };
    const error = await expectDomainError(signedNote(counsellor, caseId, blank), "Invalid");
    expect(error.fieldErrors).toHaveProperty("subjective");
    expect(await noteTablesSnapshot()).toEqual(before);
    // A blank draft may be saved, just not signed.
    const draft = await writeNote(counsellor, caseId, blank);
    await expectDomainError(editNote(counsellor, caseId, draft.noteId, 1, { ...blank, intent: "sign" }), "Invalid");
    expect(await noteRow(draft.noteId)).toMatchObject({ status: "draft", version: 1 });
  });

  it("no new note is written on a closed case", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await changeStatus(
      counsellor,
      changeStatusInput.parse({ caseId, version: await caseVersion(caseId), status: "closed", closureOutcome: "no_change", closedOn: "" }),
      context,
    );
    const before = await noteTablesSnapshot();
    await expectDomainError(writeNote(counsellor, caseId), "Invalid");
    expect(await noteTablesSnapshot()).toEqual(before);
  });

  it("a script payload is stored and read back exactly as typed", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const payload = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const text = `${payload}\n\t"quotes" & 'apostrophes' — 日本語\r\n  trailing spaces  `;
    const { noteId } = await signedNote(counsellor, caseId, { subjective: payload, plan: text });
    const note = await getNote(counsellor, caseId, noteId, context);
    expect(note.content.subjective).toBe(payload);
    expect(note.content.plan).toBe(text);
    await addendumTo(counsellor, caseId, noteId, { reason: payload, body: text });
    const withAddendum = await getNote(counsellor, caseId, noteId, context);
    expect(withAddendum.addenda.map(({ reason, body }) => ({ reason, body }))).toEqual([{ reason: payload, body: text }]);
  });

  it("a section of exactly 20,000 characters is stored in full; 20,001 is refused by the schema", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const longest = "あ".repeat(SECTION_MAX - 1) + "!";
    const { noteId } = await signedNote(counsellor, caseId, { assessment: longest });
    expect((await getNote(counsellor, caseId, noteId, context)).content.assessment).toBe(longest);
    expect(saveNoteInput.safeParse(noteFields(caseId, { assessment: `${longest}x` })).success).toBe(false);
  });
});

describe("addenda", () => {
  it("an addendum on a draft is refused; on a signed note they are stored and listed in order", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const draft = await writeNote(counsellor, caseId);
    const before = await noteTablesSnapshot();
    await expectDomainError(addendumTo(counsellor, caseId, draft.noteId), "Invalid");
    expect(await noteTablesSnapshot()).toEqual(before);

    const { noteId } = await signedNote(counsellor, caseId);
    const signedBefore = await noteRow(noteId);
    const first = await addendumTo(counsellor, caseId, noteId, { reason: "Wrong day", body: "The visit was on Tuesday." });
    const second = await addendumTo(counsellor, caseId, noteId, { reason: "Missing detail", body: "Mother joined at the end." });
    expect(second.addendumId).toBeGreaterThan(first.addendumId);
    const note = await getNote(counsellor, caseId, noteId, context);
    expect(note.addenda).toMatchObject([
      { id: first.addendumId, reason: "Wrong day", body: "The visit was on Tuesday.", authorName: "counsellor.north" },
      { id: second.addendumId, reason: "Missing detail", body: "Mother joined at the end.", authorName: "counsellor.north" },
    ]);
    // The note itself is untouched and still intact.
    expect(await noteRow(noteId)).toEqual(signedBefore);
    expect(note.integrity).toBe("intact");
    const timeline = await noteTimeline(counsellor, caseId, {}, context);
    expect(timeline.notes.find((n) => n.id === noteId)?.addenda).toBe(2);
  });

  it("an addendum needs a reason and a body", () => {
    const ids = { caseId: "7f9d3b5c-1c2a-4b4e-9a55-2f3a9b1c0d11", noteId: "8a0e4c6d-2d3b-4c5f-8b66-3a4b0c2d1e22" };
    expect(addendumInput.safeParse({ ...ids, reason: "Typo", body: "Thursday, not Friday." }).success).toBe(true);
    for (const fields of [{ reason: "", body: "Body" }, { reason: "   ", body: "Body" }, { body: "Body" }, { reason: "Typo", body: "  \n" }, { reason: "x".repeat(501), body: "Body" }]) {
      expect(addendumInput.safeParse({ ...ids, ...fields }).success, JSON.stringify(fields).slice(0, 60)).toBe(false);
    }
  });
});

describe("review", () => {
  it("a draft cannot be reviewed; a signed note is reviewed once, leaves the queue, and a second review is a Conflict", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase();
    const supervisor = await signInAs(people.supervisorNorth.email);
    const draft = await writeNote(counsellor, caseId);
    await expectDomainError(review(supervisor, caseId, draft.noteId, 1), "Invalid");
    const older = await signedNote(counsellor, caseId, { sessionDate: daysAgo(9) });
    const newer = await signedNote(counsellor, caseId, { sessionDate: daysAgo(2) });
    // Oldest signature first; drafts are not in the queue.
    expect((await reviewQueue(supervisor, context)).map((row) => row.noteId)).toEqual([older.noteId, newer.noteId]);

    // A stale version is refused before anything is recorded.
    await expectDomainError(review(supervisor, caseId, older.noteId, older.version + 1, "Stale"), "Conflict");
    const result = await review(supervisor, caseId, older.noteId, older.version, "Clear plan.");
    expect(result.version).toBe(older.version + 1);
    const reviewed = await noteRow(older.noteId);
    expect(reviewed).toMatchObject({ reviewed_by: supervisor.id, review_comment: "Clear plan.", version: older.version + 1 });
    expect((await reviewQueue(supervisor, context)).map((row) => row.noteId)).toEqual([newer.noteId]);

    await expectDomainError(review(supervisor, caseId, older.noteId, result.version, "Again"), "Conflict");
    await expectDomainError(review(supervisor, caseId, older.noteId, older.version, "Again"), "Conflict");
    expect(await noteRow(older.noteId)).toEqual(reviewed);
    const note = await getNote(counsellor, caseId, older.noteId, context);
    expect(note).toMatchObject({ reviewComment: "Clear plan.", reviewerName: "supervisor.north", integrity: "intact" });
    // Without a comment, the review is recorded with none.
    await review(supervisor, caseId, newer.noteId, newer.version);
    expect(await noteRow(newer.noteId)).toMatchObject({ reviewed_by: supervisor.id, review_comment: null });
    expect(await reviewQueue(supervisor, context)).toEqual([]);
  });
});

describe("case facts and the timeline", () => {
  it("the case keeps the last session date and the next contact planned by the latest session that planned one", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: null, next_contact_on: null, next_contact_modality: null });
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(20), nextContactOn: daysAgo(13), nextContactModality: "office" });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(20), next_contact_on: daysAgo(13), next_contact_modality: "office" });
    await signedNote(counsellor, caseId, { sessionDate: daysAgo(10), nextContactOn: daysAgo(-4), nextContactModality: "video" });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(10), next_contact_on: daysAgo(-4), next_contact_modality: "video" });
    // A later session that plans nothing moves the last contact but keeps the plan.
    const latest = await writeNote(counsellor, caseId, { sessionDate: daysAgo(5) });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(5), next_contact_on: daysAgo(-4), next_contact_modality: "video" });
    // A note recorded late, for an older session, changes neither.
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(30), nextContactOn: daysAgo(28), nextContactModality: "phone" });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(5), next_contact_on: daysAgo(-4), next_contact_modality: "video" });
    // Editing the latest draft to plan a contact makes it the plan.
    await editNote(counsellor, caseId, latest.noteId, 1, { sessionDate: daysAgo(5), nextContactOn: daysAgo(-1), nextContactModality: "home_visit" });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(5), next_contact_on: daysAgo(-1), next_contact_modality: "home_visit" });
    // A session on or after the planned day fulfils the latest plan (older plans are superseded by it):
    // nothing is planned until a note plans again.
    await editNote(counsellor, caseId, latest.noteId, 2, { sessionDate: daysAgo(5), nextContactOn: daysAgo(2), nextContactModality: "phone" });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(5), next_contact_on: daysAgo(2), next_contact_modality: "phone" });
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(1) });
    expect(await caseFacts(caseId)).toEqual({ last_contact_on: daysAgo(1), next_contact_on: null, next_contact_modality: null });
  });

  it("the latest days-out observation gives the Kato severity; rarely leaving the room is severe", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    expect((await noteTimeline(counsellor, caseId, {}, context)).latestObservation).toBeNull();
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(10), daysOut: "5" });
    expect((await noteTimeline(counsellor, caseId, {}, context)).latestObservation).toEqual({
      daysOut: 5,
      rarelyLeavesRoom: null,
      sessionDate: daysAgo(10),
      severity: "not_met",
    });
    await signedNote(counsellor, caseId, { sessionDate: daysAgo(6), daysOut: "1", rarelyLeavesRoom: "no" });
    expect((await noteTimeline(counsellor, caseId, {}, context)).latestObservation).toMatchObject({ daysOut: 1, severity: "moderate" });
    // A later note that observed nothing does not hide the last observation.
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(4) });
    expect((await noteTimeline(counsellor, caseId, {}, context)).latestObservation).toMatchObject({ daysOut: 1, sessionDate: daysAgo(6) });
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(2), rarelyLeavesRoom: "yes" });
    expect((await noteTimeline(counsellor, caseId, {}, context)).latestObservation).toEqual({
      daysOut: null,
      rarelyLeavesRoom: true,
      sessionDate: daysAgo(2),
      severity: "severe",
    });
    // A later "leaves their room" with no count is the latest observation: no longer severe.
    await writeNote(counsellor, caseId, { sessionDate: daysAgo(1), rarelyLeavesRoom: "no" });
    expect((await noteTimeline(counsellor, caseId, {}, context)).latestObservation).toEqual({
      daysOut: null,
      rarelyLeavesRoom: false,
      sessionDate: daysAgo(1),
      severity: null,
    });
  });

  it("lists newest session first with author and excerpt, and filters by modality, template and status", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const phone = await signedNote(counsellor, caseId, { sessionDate: daysAgo(8), modality: "phone", attendees: "client", template: "free", notes: "Phone call." });
    const visit = await writeNote(counsellor, caseId, { sessionDate: daysAgo(1), subjective: "Visit today." });
    const family = await signedNote(counsellor, caseId, {
      sessionDate: daysAgo(4),
      modality: "family_session",
      attendees: "family",
      template: "dap",
      data: "Parents came alone.",
    });
    const all = await noteTimeline(counsellor, caseId, {}, context);
    expect(all.notes.map((n) => n.id)).toEqual([visit.noteId, family.noteId, phone.noteId]);
    expect(all.total).toBe(3);
    expect(all.notes[0]).toMatchObject({ status: "draft", authorName: "counsellor.north", excerpt: "Visit today.", addenda: 0, reviewed: false });
    expect(all.notes[1]).toMatchObject({ status: "signed", template: "dap", excerpt: "Parents came alone." });

    const ids = async (params: Record<string, unknown>) => (await noteTimeline(counsellor, caseId, params, context)).notes.map((n) => n.id);
    expect(await ids({ modality: ["phone"] })).toEqual([phone.noteId]);
    expect(await ids({ modality: ["phone", "family_session"] })).toEqual([family.noteId, phone.noteId]);
    expect(await ids({ template: ["dap"] })).toEqual([family.noteId]);
    expect(await ids({ status: ["draft"] })).toEqual([visit.noteId]);
    expect(await ids({ status: ["signed"], template: ["free", "soap"] })).toEqual([phone.noteId]);
    expect(await ids({ modality: ["office"] })).toEqual([]);
    // Unknown filter values are dropped, not trusted: the full list comes back.
    expect(await ids({ modality: ["'; drop table session_notes; --"] })).toEqual([visit.noteId, family.noteId, phone.noteId]);
    const limited = await noteTimeline(counsellor, caseId, { limit: 2 }, context);
    expect(limited).toMatchObject({ total: 3, limit: 2 });
    expect(limited.notes.map((n) => n.id)).toEqual([visit.noteId, family.noteId]);
  });
});

describe("audit of notes", () => {
  it("the timeline's audit row records the view asked for, and no timeline is returned when it cannot be written", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await signedNote(counsellor, caseId);
    // Written alongside the reads; its failure must still fail the timeline.
    await withFailingStatement({ table: "audit_events", operation: "insert", nth: 1 }, () =>
      expectInterrupted(noteTimeline(counsellor, caseId, {}, context), /test interruption/),
    );
    expect(await auditRows("note.list")).toEqual([]);

    const filtered = await noteTimeline(counsellor, caseId, { status: ["signed", "signed"], modality: ["phone", "home_visit", "fax"], limit: 10 }, context);
    expect(filtered.notes).toHaveLength(1);
    await noteTimeline(counsellor, caseId, {}, context);
    expect((await auditRows("note.list")).map((row) => row.details)).toEqual([
      // Unknown choices are dropped and repeated ones kept once, in the audit row as in the query.
      { limit: 10, filters: "modality=phone|home_visit,status=signed" },
      { limit: 50, filters: null },
    ]);
  });

  it("every write and read is audited with the right action, and no note text reaches the audit trail", async () => {
    const MARKER = "ZQX-MARKER-7731";
    const { people, counsellor, caseId } = await counsellorWithCase();
    const supervisor = await signInAs(people.supervisorNorth.email);
    const created = await writeNote(counsellor, caseId, { subjective: `${MARKER} said little`, plan: `${MARKER} plan` });
    await editNote(counsellor, caseId, created.noteId, 1, { subjective: `${MARKER} said more` });
    const signed = await editNote(counsellor, caseId, created.noteId, 2, { intent: "sign", objective: `${MARKER} observed` });
    const signedAtOnce = await signedNote(counsellor, caseId, { notes: MARKER, template: "free" });
    await addendumTo(counsellor, caseId, created.noteId, { reason: `${MARKER} reason`, body: `${MARKER} body` });
    await review(supervisor, caseId, created.noteId, signed.version, `${MARKER} comment`);
    await getNote(counsellor, caseId, created.noteId, context);
    await noteTimeline(counsellor, caseId, {}, context);
    await reviewQueue(supervisor, context);

    const expected = [
      ["note.create", counsellor.id, "note", created.noteId, caseId],
      ["note.update", counsellor.id, "note", created.noteId, caseId],
      ["note.sign", counsellor.id, "note", created.noteId, caseId],
      ["note.sign", counsellor.id, "note", signedAtOnce.noteId, caseId],
      ["note.addendum", counsellor.id, "note", created.noteId, caseId],
      ["note.review", supervisor.id, "note", created.noteId, caseId],
      ["note.read", counsellor.id, "note", created.noteId, caseId],
      ["note.list", counsellor.id, "case", caseId, caseId],
      ["note.review-queue", supervisor.id, null, null, null],
    ];
    const rows = await sql<Record<string, unknown>>(
      "select action, actor_id, entity_type, entity_id, case_id, outcome from audit_events where action like 'note.%' order by id",
    );
    expect(rows).toEqual(
      expected.map(([action, actor_id, entity_type, entity_id, case_id]) => ({ action, actor_id, entity_type, entity_id, case_id, outcome: "success" })),
    );
    // The fingerprint taken at signing is in the chained audit trail as well as on the note.
    const hashes = await sql<{ id: string; content_hash: string }>("select id, content_hash from session_notes where status = 'signed'");
    const hashOf = (id: string) => hashes.find((h) => h.id === id)!.content_hash;
    expect(hashOf(created.noteId)).toMatch(/^[0-9a-f]{64}$/);
    expect((await auditRows("note.sign")).map((r) => r.details)).toEqual([
      { template: "soap", modality: "home_visit", contentHash: hashOf(created.noteId) },
      { template: "free", modality: "home_visit", created: true, contentHash: hashOf(signedAtOnce.noteId) },
    ]);

    // The marker really is in the clinical tables, and nowhere in the audit trail.
    const [where] = await sql<{ notes: number; addenda: number; audit: number }>(
      `select (select count(*)::int from session_notes n where n::text like $1) as notes,
              (select count(*)::int from note_addenda a where a::text like $1) as addenda,
              (select count(*)::int from audit_events e where e::text like $1) as audit`,
      [`%${MARKER}%`],
    );
    expect(where).toEqual({ notes: 2, addenda: 1, audit: 0 });
    expect((await verifyAuditChain(await getDb())).broken).toBeNull();
  });
});
