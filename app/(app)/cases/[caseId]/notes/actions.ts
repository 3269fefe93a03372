"use server";

import { revalidatePath } from "next/cache";
import { addAddendum, reviewNote, saveNote } from "@/lib/notes/commands";
import { addendumInput, reviewInput, saveNoteInput } from "@/lib/notes/schemas";
import type { Actor } from "@/lib/actor";
import type { RequestContext } from "@/lib/request";
import { caseAction } from "../../case-action";

export const saveNoteAction = caseAction("note.save", saveNoteInput, saveNote, (saved) =>
  saved.status === "signed" ? "Note signed." : "Draft saved.",
);

export const addAddendumAction = caseAction("note.addendum", addendumInput, addAddendum, "Addendum added.");

export const reviewNoteAction = caseAction(
  "note.review",
  reviewInput,
  async (actor: Actor, input, context: RequestContext) => {
    const reviewed = await reviewNote(actor, input, context);
    // The review queue loses this note.
    revalidatePath("/reviews");
    return reviewed;
  },
  "Marked as reviewed.",
);
