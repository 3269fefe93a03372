import { listAuditEvents } from "@/lib/audit-log";
import { auditColumns } from "@/lib/audit-columns";
import { toCsv } from "@/lib/reports/csv";
import { csvResponse, route } from "@/lib/route";

export const dynamic = "force-dynamic";

/** GET /api/audit?who=&action=&entity=&outcome=&from=YYYY-MM-DD&to=YYYY-MM-DD: the filtered audit trail as CSV. */
export const GET = route<Record<string, never>>("audit.export", "audit.read", async (actor, request, _params, context) => {
  const url = new URL(request.url);
  const params = { ...Object.fromEntries(url.searchParams), outcome: url.searchParams.getAll("outcome") };
  const { rows } = await listAuditEvents(actor, params, context, { all: true });
  return csvResponse(toCsv(auditColumns, rows), `tsunagu-audit-${new Date().toISOString().slice(0, 10)}.csv`);
});
