import { NotebookPen } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/native-select";
import { Label } from "@/components/ui/label";
import { options } from "@/lib/cases/labels";
import { formatDay } from "@/lib/format";
import { attendeeLabels, modalityLabels, noteStatusLabels, templateLabels } from "@/lib/notes/labels";
import type { Timeline } from "@/lib/notes/queries";

type Filters = { modality: string[]; template: string[]; status: string[] };

const filterFields = [
  { name: "modality", label: "Type", labels: modalityLabels },
  { name: "template", label: "Template", labels: templateLabels },
  { name: "status", label: "Status", labels: noteStatusLabels },
] as const;

/** The case's sessions, newest first. Filters are a plain GET form, so they live in the URL and work without script. */
export function NotesTimeline({
  caseId,
  timeline,
  filters,
  actorId,
  canWrite,
}: {
  caseId: string;
  timeline: Timeline;
  filters: Filters;
  actorId: string;
  canWrite: boolean;
}) {
  const filtered = filters.modality.length + filters.template.length + filters.status.length > 0;
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle asChild>
            <h2>Session notes</h2>
          </CardTitle>
          <CardDescription>
            {timeline.total === 0 && !filtered
              ? "No sessions recorded yet."
              : `${timeline.total} note${timeline.total === 1 ? "" : "s"}${filtered ? " match the filters" : ""}, newest first.`}
          </CardDescription>
        </div>
        {canWrite ? (
          <Button asChild size="sm">
            <Link href={`/cases/${caseId}/notes/new`}>
              <NotebookPen aria-hidden />
              New note
            </Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter notes">
          {filterFields.map((field) => (
            <div key={field.name} className="grid gap-1">
              <Label htmlFor={`filter-${field.name}`}>{field.label}</Label>
              <NativeSelect id={`filter-${field.name}`} name={field.name} defaultValue={filters[field.name][0] ?? ""}>
                <option value="">All</option>
                {options(field.labels).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ))}
          <Button type="submit" variant="outline" size="sm">
            Filter
          </Button>
          {filtered ? (
            <Button asChild variant="link" size="sm">
              <Link href={`/cases/${caseId}`}>Clear filters</Link>
            </Button>
          ) : null}
        </form>
        {timeline.notes.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {filtered ? "No notes match these filters." : canWrite ? "Record the first session with “New note”." : "The counsellor has not recorded a session yet."}
          </p>
        ) : (
          <ol className="grid gap-3">
            {timeline.notes.map((note) => {
              const resumable = note.status === "draft" && note.authorId === actorId && canWrite;
              return (
                <li key={note.id} className="rounded-md border p-3">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <Link href={`/cases/${caseId}/notes/${note.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {formatDay(note.sessionDate)}
                      {note.startTime ? ` ${note.startTime.slice(0, 5)}` : ""} · {modalityLabels[note.modality]}
                    </Link>
                    <Badge variant={note.status === "draft" ? "warning" : "secondary"}>{noteStatusLabels[note.status]}</Badge>
                    <Badge variant="outline">{templateLabels[note.template]}</Badge>
                    {note.reviewed ? <Badge variant="success">Reviewed</Badge> : null}
                    {note.addenda ? <Badge variant="outline">{note.addenda} addend{note.addenda === 1 ? "um" : "a"}</Badge> : null}
                    {resumable ? (
                      <Link href={`/cases/${caseId}/notes/${note.id}`} className="text-primary underline-offset-4 hover:underline">
                        Continue draft
                      </Link>
                    ) : null}
                  </div>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {note.durationMinutes} min · {note.attendees.map((a) => attendeeLabels[a]).join(", ")} · {note.authorName}
                    {note.daysOut !== null ? ` · ${note.daysOut} day${note.daysOut === 1 ? "" : "s"} out last week` : ""}
                  </p>
                  {note.excerpt ? <p className="mt-2 line-clamp-2 text-sm whitespace-pre-line">{note.excerpt}</p> : null}
                </li>
              );
            })}
          </ol>
        )}
        {timeline.total > timeline.notes.length ? (
          <p className="text-sm text-muted-foreground">
            Showing the {timeline.notes.length} most recent.{" "}
            <Link
              className="text-primary underline-offset-4 hover:underline"
              href={{ pathname: `/cases/${caseId}`, query: { ...filters, limit: String(timeline.limit + 50) } }}
            >
              Show older notes
            </Link>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
