"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { addAddendum, reviewNote, saveNote } from "@/lib/notes/commands";
import { addendumInput, reviewInput, saveNoteInput } from "@/lib/notes/schemas";

/** The case page and the note's own page show what changed; the case list shows the contact dates. */
function refresh(caseId: string, noteId: string) {
  revalidatePath(`/cases/${caseId}`);
  revalidatePath(`/cases/${caseId}/notes/${noteId}`);
  revalidatePath("/cases");
}

export const saveNoteAction = action(
  "note.save",
  saveNoteInput,
  async (actor, input, context) => {
    const saved = await saveNote(actor, input, context);
    refresh(input.caseId, saved.noteId);
    return saved;
  },
  { success: (saved) => (saved.status === "signed" ? "Note signed." : "Draft saved.") },
);

export const addAddendumAction = action(
  "note.addendum",
  addendumInput,
  async (actor, input, context) => {
    const added = await addAddendum(actor, input, context);
    refresh(input.caseId, input.noteId);
    return added;
  },
  { success: "Addendum added." },
);

export const reviewNoteAction = action(
  "note.review",
  reviewInput,
  async (actor, input, context) => {
    const reviewed = await reviewNote(actor, input, context);
    refresh(input.caseId, input.noteId);
    revalidatePath("/reviews");
    return reviewed;
  },
  { success: "Marked as reviewed." },
);
