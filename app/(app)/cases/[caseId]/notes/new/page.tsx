import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/actor";
import { isDomainError } from "@/lib/errors";
import { caseHeader } from "@/lib/cases/queries";
import { requestContext } from "@/lib/request";
import { NoteForm } from "../note-form";

export const metadata: Metadata = { title: "New session note" };

export default async function NewNotePage({ params }: { params: Promise<{ caseId: string }> }) {
  const actor = await requirePermission("notes.write", "/cases/[caseId]/notes/new");
  const { caseId } = await params;
  const subject = await caseHeader(actor, caseId, "note.new", await requestContext()).catch((error) => {
    if (isDomainError(error) && error.kind === "NotFound") notFound();
    throw error;
  });
  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <div className="grid gap-2">
        <Link href={`/cases/${subject.id}`} className="text-sm text-primary underline-offset-4 hover:underline">
          ← {subject.reference} · {subject.clientName}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">New session note</h1>
        <p className="text-sm text-muted-foreground">
          Save a draft as often as you like; it also saves itself while you write. Signing locks the note.
        </p>
      </div>
      {subject.status === "closed" ? (
        <p className="text-sm">This case is closed. Reopen it from the case page to record a session.</p>
      ) : (
        <NoteForm caseId={subject.id} />
      )}
    </div>
  );
}
