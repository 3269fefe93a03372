import type { Metadata } from "next";
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/lib/actor";
import { formatDateTime, formatDay } from "@/lib/format";
import { modalityLabels, templateLabels } from "@/lib/notes/labels";
import { reviewQueue } from "@/lib/notes/queries";
import { requestContext } from "@/lib/request";

export const metadata: Metadata = { title: "Note reviews" };

export default async function ReviewsPage() {
  const actor = await requirePermission("notes.review", "/reviews");
  const queue = await reviewQueue(actor, await requestContext());
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Note reviews</h1>
        <p className="text-sm text-muted-foreground">
          Signed notes of your team not reviewed yet, the longest waiting first. Open one to read it and mark it reviewed.
        </p>
      </div>
      <div role="region" aria-label="Notes waiting for review" tabIndex={0} className="rounded-md border bg-card">
        <Table>
          <caption className="sr-only">Notes waiting for review</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Case</TableHead>
              <TableHead>Session</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Counsellor</TableHead>
              <TableHead>Signed</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {queue.length === 0 ? (
              <TableRow>
                <TableCell colSpan={5} className="h-20 text-center text-muted-foreground">
                  Nothing to review: every signed note of your team has been reviewed.
                </TableCell>
              </TableRow>
            ) : (
              queue.map((item) => (
                <TableRow key={item.noteId}>
                  <TableCell>
                    <Link href={`/cases/${item.caseId}/notes/${item.noteId}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {item.reference}
                    </Link>
                  </TableCell>
                  <TableCell>{formatDay(item.sessionDate)}</TableCell>
                  <TableCell>
                    {modalityLabels[item.modality]} · {templateLabels[item.template]}
                  </TableCell>
                  <TableCell>{item.authorName}</TableCell>
                  <TableCell>{item.signedAt ? formatDateTime(item.signedAt) : ""}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
