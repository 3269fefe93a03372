import { format, subDays } from "date-fns";
import type { Actor } from "@/lib/actor";
import { addAddendum, reviewNote, saveNote } from "@/lib/notes/commands";
import { addendumInput, reviewInput, saveNoteInput } from "@/lib/notes/schemas";
import { createCaseFor } from "./cases";
import { sql } from "./database";
import { context, createPeople, signInAs } from "./people";

/** Everyone of createPeople, signed in as North's counsellor, who holds one new case. */
export async function counsellorWithCase() {
  const people = await createPeople();
  const counsellor = await signInAs(people.counsellorNorth.email);
  const { caseId } = await createCaseFor(counsellor);
  return { people, counsellor, caseId };
}

/** A calendar day `n` days before today, as a date field posts it. */
export const daysAgo = (n: number) => format(subDays(new Date(), n), "yyyy-MM-dd");

/**
 * What the note form posts: every field present, the optional ones empty, a SOAP note written
 * in full. `overrides` replaces any field (pass "" to leave one blank).
 */
export function noteFields(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    noteId: "",
    version: "",
    intent: "save",
    sessionDate: daysAgo(3),
    startTime: "14:30",
    durationMinutes: "50",
    modality: "home_visit",
    attendees: ["client", "family"],
    template: "soap",
    subjective: "Said the week felt long.",
    objective: "Met in the living room; the curtains were open.",
    assessment: "Slightly more engaged than last time.",
    plan: "Visit again next week.",
    data: "",
    notes: "",
    daysOut: "",
    rarelyLeavesRoom: "",
    nextContactOn: "",
    nextContactModality: "",
    ...overrides,
  };
}

/** Parses the form through the real schema and saves it through the real command. */
export function writeNote(actor: Actor, caseId: string, overrides: Record<string, unknown> = {}) {
  return saveNote(actor, saveNoteInput.parse(noteFields(caseId, overrides)), context);
}

/** A new note written and signed in one go. */
export function signedNote(actor: Actor, caseId: string, overrides: Record<string, unknown> = {}) {
  return writeNote(actor, caseId, { intent: "sign", ...overrides });
}

/** The next save of an existing draft, at the version the form was opened with. */
export function editNote(actor: Actor, caseId: string, noteId: string, version: number, overrides: Record<string, unknown> = {}) {
  return writeNote(actor, caseId, { noteId, version: String(version), ...overrides });
}

export function addendumTo(actor: Actor, caseId: string, noteId: string, fields: { reason?: string; body?: string } = {}) {
  return addAddendum(
    actor,
    addendumInput.parse({ caseId, noteId, reason: fields.reason ?? "Date of the next visit corrected", body: fields.body ?? "The next visit is on Friday." }),
    context,
  );
}

export function review(actor: Actor, caseId: string, noteId: string, version: number, comment = "") {
  return reviewNote(actor, reviewInput.parse({ caseId, noteId, version: String(version), comment }), context);
}

/** The stored row exactly as the database holds it (as JSON, so every column compares). */
export async function noteRow(noteId: string): Promise<Record<string, unknown>> {
  const [row] = await sql<{ row: Record<string, unknown> }>("select to_jsonb(n) as row from session_notes n where id = $1", [noteId]);
  if (!row) throw new Error(`no note ${noteId}`);
  return row.row;
}

export async function noteVersion(noteId: string): Promise<number> {
  return (await noteRow(noteId)).version as number;
}

/** Every row a note command could touch: notes, addenda and the contact facts kept on cases. */
export async function noteTablesSnapshot() {
  const [row] = await sql(
    `select (select json_agg(n order by n.id) from (select * from session_notes) n) as notes,
            (select json_agg(a order by a.id) from (select * from note_addenda) a) as addenda,
            (select json_agg(c order by c.id) from (select id, last_contact_on, next_contact_on, next_contact_modality, version from cases) c) as cases`,
  );
  return row!;
}

/** The audit rows of one action, oldest first. */
export function auditRows(action: string) {
  return sql<{ actor_id: string | null; entity_type: string | null; entity_id: string | null; case_id: string | null; outcome: string; details: unknown }>(
    "select actor_id, entity_type, entity_id, case_id, outcome, details from audit_events where action = $1 order by id",
    [action],
  );
}

/** Runs raw SQL expected to be refused and returns the database error (message and SQLSTATE). */
export async function refusedSql(text: string, params: unknown[] = []): Promise<{ message: string; code: string | undefined }> {
  try {
    await sql(text, params);
  } catch (error) {
    return { message: (error as Error).message, code: (error as { code?: string }).code };
  }
  throw new Error(`expected the database to refuse: ${text}`);
}
