import { ShieldAlert, ShieldCheck } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { FactList } from "@/components/fact-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime, formatDay } from "@/lib/format";
import { attendeeLabels, modalityLabels, noteStatusLabels, templateLabels, templateSections } from "@/lib/notes/labels";
import type { NoteDetail } from "@/lib/notes/queries";
import { katoSeverity, severityLabels } from "@/lib/notes/severity";
import { AddendumForm } from "./addendum-form";
import { ReviewForm } from "./review-form";

/** A note as recorded. Text is rendered as text: whatever a note contains, it never becomes markup. */
export function NoteView({ note, canAddAddendum, canReview }: { note: NoteDetail; canAddAddendum: boolean; canReview: boolean }) {
  const severity = katoSeverity(note.daysOut, note.rarelyLeavesRoom);
  const facts: [string, string][] = [
    ["Session", `${formatDay(note.sessionDate)}${note.startTime ? ` at ${note.startTime.slice(0, 5)}` : ""}, ${note.durationMinutes} minutes`],
    ["Type", modalityLabels[note.modality]],
    ["Attended", note.attendees.map((a) => attendeeLabels[a]).join(", ")],
    ["Written by", note.authorName],
  ];
  if (note.daysOut !== null || note.rarelyLeavesRoom !== null) {
    facts.push([
      "Observed",
      [
        note.daysOut !== null ? `${note.daysOut} day${note.daysOut === 1 ? "" : "s"} out of home in the past week` : null,
        note.rarelyLeavesRoom === null ? null : note.rarelyLeavesRoom ? "rarely leaves their room" : "leaves their room",
        severity ? `severity ${severityLabels[severity]}` : null,
      ]
        .filter(Boolean)
        .join("; "),
    ]);
  }
  if (note.nextContactOn) facts.push(["Next contact planned", `${formatDay(note.nextContactOn)} · ${modalityLabels[note.nextContactModality!]}`]);

  return (
    <div className="grid gap-6">
      {note.integrity === "mismatch" ? (
        <Alert variant="destructive" role="alert">
          <ShieldAlert aria-hidden />
          <AlertTitle>Integrity warning</AlertTitle>
          <AlertDescription>
            This note no longer matches the fingerprint taken when it was signed: it has been changed outside Tsunagu. Do not rely on
            it; tell your administrator.
          </AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-center gap-2">
            <CardTitle asChild>
              <h2>{templateLabels[note.template]} note</h2>
            </CardTitle>
            <Badge variant={note.status === "draft" ? "warning" : "secondary"}>{noteStatusLabels[note.status]}</Badge>
            {note.integrity === "intact" ? (
              <Badge variant="outline">
                <ShieldCheck aria-hidden />
                Unchanged since signing
              </Badge>
            ) : null}
          </div>
          <CardDescription>
            {note.status === "signed" && note.signedAt
              ? `Signed ${formatDateTime(note.signedAt)}. Signed notes cannot be edited; corrections are addenda.`
              : "A draft: only its author can edit and sign it."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <FactList facts={facts} className="sm:grid-cols-[12rem_1fr]" />
          {templateSections[note.template].map((section) => (
            <section key={section.key} className="grid gap-1">
              <h3 className="text-sm font-semibold">{section.label}</h3>
              <p className="text-sm whitespace-pre-wrap">{note.content[section.key] || "—"}</p>
            </section>
          ))}
        </CardContent>
      </Card>

      {note.status === "signed" ? (
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Addenda</h2>
            </CardTitle>
            <CardDescription>Corrections and additions after signing, oldest first.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {note.addenda.length === 0 ? <p className="text-sm text-muted-foreground">No addenda.</p> : null}
            <ol className="grid gap-3">
              {note.addenda.map((addendum) => (
                <li key={addendum.id} className="rounded-md border p-3">
                  <p className="text-xs text-muted-foreground">
                    {formatDateTime(addendum.createdAt)} · {addendum.authorName} · reason: {addendum.reason}
                  </p>
                  <p className="mt-1 text-sm whitespace-pre-wrap">{addendum.body}</p>
                </li>
              ))}
            </ol>
            {canAddAddendum ? <AddendumForm caseId={note.caseId} noteId={note.id} /> : null}
          </CardContent>
        </Card>
      ) : null}

      {note.status === "signed" ? (
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Supervisor review</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {note.reviewedAt ? (
              <>
                <p className="text-sm">
                  Reviewed {formatDateTime(note.reviewedAt)} by {note.reviewerName}.
                </p>
                {note.reviewComment ? <p className="text-sm whitespace-pre-wrap">{note.reviewComment}</p> : null}
              </>
            ) : canReview ? (
              <ReviewForm caseId={note.caseId} noteId={note.id} version={note.version} />
            ) : (
              <p className="text-sm text-muted-foreground">Not reviewed yet.</p>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
