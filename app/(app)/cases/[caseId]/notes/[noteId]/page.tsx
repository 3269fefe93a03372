import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/actor";
import { isDomainError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { caseHeader } from "@/lib/cases/queries";
import { getNote } from "@/lib/notes/queries";
import { requestContext } from "@/lib/request";
import { NoteForm } from "../note-form";
import { NoteView } from "../note-view";

export const metadata: Metadata = { title: "Session note" };

export default async function NotePage({ params }: { params: Promise<{ caseId: string; noteId: string }> }) {
  const actor = await requirePermission("notes.read", "/cases/[caseId]/notes/[noteId]");
  const { caseId, noteId } = await params;
  const context = await requestContext();
  const [subject, note] = await Promise.all([caseHeader(actor, caseId, "note.read", context), getNote(actor, caseId, noteId, context)]).catch(
    (error) => {
      if (isDomainError(error) && error.kind === "NotFound") notFound();
      throw error;
    },
  );
  const editable = note.status === "draft" && note.authorId === actor.id && can(actor, "notes.write");
  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <div className="grid gap-2">
        <Link href={`/cases/${subject.id}`} className="text-sm text-primary underline-offset-4 hover:underline">
          ← {subject.reference} · {subject.clientName}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{editable ? "Draft session note" : "Session note"}</h1>
      </div>
      {editable ? (
        <NoteForm
          caseId={subject.id}
          draft={{
            id: note.id,
            version: note.version,
            sessionDate: note.sessionDate,
            startTime: note.startTime,
            durationMinutes: note.durationMinutes,
            modality: note.modality,
            attendees: note.attendees,
            template: note.template,
            content: note.content,
            daysOut: note.daysOut,
            rarelyLeavesRoom: note.rarelyLeavesRoom,
            nextContactOn: note.nextContactOn,
            nextContactModality: note.nextContactModality,
            updatedAt: note.updatedAt.toISOString(),
          }}
        />
      ) : (
        <NoteView
          note={note}
          canAddAddendum={note.status === "signed" && can(actor, "notes.write")}
          canReview={note.status === "signed" && !note.reviewedAt && can(actor, "notes.review")}
        />
      )}
    </div>
  );
}
