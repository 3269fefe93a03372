import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/lib/actor";
import { caseAccessLog } from "@/lib/audit-log";
import { caseHeader } from "@/lib/cases/queries";
import { isDomainError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { requestContext } from "@/lib/request";
import { CaseHeader } from "../case-tabs";

export const metadata: Metadata = { title: "Access log" };

export default async function AccessLogPage({ params }: { params: Promise<{ caseId: string }> }) {
  const actor = await requirePermission("cases.access-log", "/cases/[caseId]/access");
  const { caseId } = await params;
  const context = await requestContext();
  const [kase, events] = await Promise.all([caseHeader(actor, caseId, "case.access-log", context), caseAccessLog(actor, caseId, context)]).catch(
    (error) => {
      if (isDomainError(error) && error.kind === "NotFound") notFound();
      throw error;
    },
  );
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <CaseHeader caseId={kase.id} title={`${kase.reference} · ${kase.clientName}`} current="Access log" accessLog />
      <p className="text-sm text-muted-foreground">Who viewed or changed this case, and when: the latest 200 events, newest first.</p>
      <div role="region" aria-label="Access log" tabIndex={0} className="overflow-x-auto rounded-md border bg-card">
        <table data-slot="table" className="w-full caption-bottom text-sm">
          <caption className="sr-only">Access log of {kase.reference}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</TableCell>
                <TableCell>{event.actorName ?? "—"}</TableCell>
                <TableCell>{event.actorRole ?? ""}</TableCell>
                <TableCell>{event.action}</TableCell>
                <TableCell>{event.outcome}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </table>
      </div>
    </div>
  );
}
