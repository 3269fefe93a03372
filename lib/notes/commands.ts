import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { noteAddenda, sessionNotes, type SessionNote } from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { transaction } from "../db";
import { DomainError, invalid } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import { loadCaseForUpdate } from "../cases/scope";
import { keepContactFacts } from "./contact-facts";
import { noteHash } from "./integrity";
import { templateSections } from "./labels";
import type { addendumInput, reviewInput, SaveNoteInput } from "./schemas";
import { loadNoteForUpdate } from "./scope";

export type SavedNote = { noteId: string; version: number; status: SessionNote["status"]; savedAt: string };

/**
 * Creates or saves a draft and, when asked, signs it in the same transaction. Only the author
 * edits a draft, and only at the version they opened: a save from a stale tab is refused with
 * their text still in the form.
 */
export async function saveNote(actor: Actor, input: SaveNoteInput, context: RequestContext): Promise<SavedNote> {
  assertCan(actor, "notes.write");
  const { caseId, noteId, intent, version, ...fields } = input;
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, caseId);
    let note: SessionNote;
    if (!noteId) {
      if (current.status === "closed") throw invalid("This case is closed. Reopen it to record a session.");
      [note] = (await tx.insert(sessionNotes).values({ caseId, authorId: actor.id, ...fields }).returning()) as [SessionNote];
    } else {
      const draft = await loadNoteForUpdate(tx, caseId, noteId);
      if (draft.authorId !== actor.id) throw new DomainError("Forbidden", "Only the author of a draft can edit it.");
      if (draft.status === "signed") {
        throw new DomainError("Conflict", "This note has been signed and can no longer be edited. Reload it and add an addendum instead.");
      }
      if (draft.version !== version) {
        throw new DomainError(
          "Conflict",
          "This draft was saved from another window since you opened it. Nothing was overwritten: copy your text, reload, then merge.",
        );
      }
      [note] = (await tx
        .update(sessionNotes)
        .set({ ...fields, version: sql`${sessionNotes.version} + 1`, updatedAt: sql`now()` })
        .where(eq(sessionNotes.id, noteId))
        .returning()) as [SessionNote];
    }
    if (intent === "sign") note = await sign(tx, actor, note);
    await keepContactFacts(tx, caseId);
    await audit(
      tx,
      {
        actor,
        action: intent === "sign" ? "note.sign" : noteId ? "note.update" : "note.create",
        entityType: "note",
        entityId: note.id,
        caseId,
        outcome: "success",
        details: {
          template: note.template,
          modality: note.modality,
          // The fingerprint goes into the chained audit trail too, so a later comparison does not rest on the note row alone.
          ...(intent === "sign" ? { contentHash: note.contentHash, ...(noteId ? {} : { created: true }) } : {}),
        },
      },
      context,
    );
    return { noteId: note.id, version: note.version, status: note.status, savedAt: note.updatedAt.toISOString() };
  });
}

async function sign(tx: Tx, actor: Actor, note: SessionNote): Promise<SessionNote> {
  const blank = templateSections[note.template].every(({ key }) => !note.content[key]?.trim());
  if (blank) {
    const first = templateSections[note.template][0]!.key;
    throw invalid("Some fields need attention.", { [first]: ["Write the note before signing it."] });
  }
  // Millisecond precision, so the instant hashed is exactly the one the database hands back.
  const signedAt = new Date();
  const contentHash = noteHash({ ...note, signedBy: actor.id, signedAt });
  const [signed] = await tx
    .update(sessionNotes)
    .set({ status: "signed", signedBy: actor.id, signedAt, contentHash })
    .where(eq(sessionNotes.id, note.id))
    .returning();
  return signed!;
}

/** A correction or addition to a signed note, by a counsellor who holds the case. */
export async function addAddendum(actor: Actor, input: z.output<typeof addendumInput>, context: RequestContext) {
  assertCan(actor, "notes.write");
  return transaction(async (tx) => {
    await loadCaseForUpdate(tx, actor, input.caseId);
    const note = await loadNoteForUpdate(tx, input.caseId, input.noteId);
    if (note.status !== "signed") throw invalid("A draft is corrected by editing it; addenda are for signed notes.");
    const [added] = await tx
      .insert(noteAddenda)
      .values({ noteId: note.id, authorId: actor.id, reason: input.reason, body: input.body })
      .returning({ id: noteAddenda.id });
    await audit(
      tx,
      { actor, action: "note.addendum", entityType: "note", entityId: note.id, caseId: input.caseId, outcome: "success", details: { addendum: added!.id } },
      context,
    );
    return { addendumId: added!.id };
  });
}

/** A supervisor's review of a signed note: recorded once, with an optional comment. */
export async function reviewNote(actor: Actor, input: z.output<typeof reviewInput>, context: RequestContext) {
  assertCan(actor, "notes.review");
  return transaction(async (tx) => {
    await loadCaseForUpdate(tx, actor, input.caseId);
    const note = await loadNoteForUpdate(tx, input.caseId, input.noteId);
    if (note.status !== "signed") throw invalid("Only a signed note can be reviewed.");
    if (note.reviewedAt || note.version !== input.version) {
      throw new DomainError("Conflict", "This note was reviewed or changed since you opened it. Reload to see the current state.");
    }
    const [reviewed] = await tx
      .update(sessionNotes)
      .set({ reviewedBy: actor.id, reviewedAt: sql`now()`, reviewComment: input.comment, version: sql`${sessionNotes.version} + 1`, updatedAt: sql`now()` })
      .where(eq(sessionNotes.id, note.id))
      .returning({ version: sessionNotes.version });
    await audit(
      tx,
      { actor, action: "note.review", entityType: "note", entityId: note.id, caseId: input.caseId, outcome: "success", details: { commented: Boolean(input.comment) } },
      context,
    );
    return { version: reviewed!.version };
  });
}
