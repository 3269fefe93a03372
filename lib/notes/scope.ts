import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { sessionNotes } from "@/db/schema";
import { notFound } from "../errors";

export const noteNotFound = (caseId: string, noteId: string) =>
  notFound("That note", { entityType: "note", entityId: noteId, caseId });

/** A note of a case the caller has already loaded in scope, locked for the write that follows. */
export async function loadNoteForUpdate(tx: Tx, caseId: string, noteId: string) {
  const [note] = await tx
    .select()
    .from(sessionNotes)
    .where(and(eq(sessionNotes.id, noteId), eq(sessionNotes.caseId, caseId)))
    .for("update");
  if (!note) throw noteNotFound(caseId, noteId);
  return note;
}
