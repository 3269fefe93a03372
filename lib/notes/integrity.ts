import type { SessionNote } from "@/db/schema";
import { canonical, sha256 } from "../canonical";

type Sealed = Pick<
  SessionNote,
  | "id"
  | "caseId"
  | "authorId"
  | "sessionDate"
  | "startTime"
  | "durationMinutes"
  | "modality"
  | "attendees"
  | "template"
  | "content"
  | "daysOut"
  | "rarelyLeavesRoom"
  | "nextContactOn"
  | "nextContactModality"
> & { signedBy: string; signedAt: Date };

/**
 * The fingerprint of a note as signed: everything the note says and who signed it when. It is
 * computed from the row as the database returns it, so reading it back gives the same hash.
 */
export function noteHash(note: Sealed): string {
  const { id, caseId, authorId, sessionDate, startTime, durationMinutes, modality, attendees, template, content } = note;
  const { daysOut, rarelyLeavesRoom, nextContactOn, nextContactModality, signedBy, signedAt } = note;
  return sha256(
    "tsunagu-note-v1",
    JSON.stringify(
      canonical({
        id,
        caseId,
        authorId,
        sessionDate,
        startTime,
        durationMinutes,
        modality,
        attendees,
        template,
        content,
        daysOut,
        rarelyLeavesRoom,
        nextContactOn,
        nextContactModality,
        signedBy,
        signedAt,
      }),
    ),
  );
}

export type Integrity = "draft" | "intact" | "mismatch";

export function checkIntegrity(note: SessionNote): Integrity {
  if (note.status !== "signed") return "draft";
  if (!note.signedBy || !note.signedAt || !note.contentHash) return "mismatch";
  return noteHash({ ...note, signedBy: note.signedBy, signedAt: note.signedAt }) === note.contentHash ? "intact" : "mismatch";
}
