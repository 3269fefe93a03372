import { today } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import { reportColumns } from "@/lib/reports/columns";
import { toCsv, type Column } from "@/lib/reports/csv";
import { resolvePeriod } from "@/lib/reports/period";
import { requestedScope } from "@/lib/reports/scope";
import { reportTables, teamReportTable, type ReportTable } from "@/lib/reports/team-report";
import { csvResponse, route } from "@/lib/route";

export const dynamic = "force-dynamic";

/**
 * One table of the team report as CSV: GET /api/reports/caseload?from=YYYY-MM-DD&to=YYYY-MM-DD (or
 * ?preset=12m); with &scope=service, of the whole-service report, where a supervisor may see it.
 */
export const GET = route<{ table: string }>("report.export", "reports.view", async (actor, request, { table }, context) => {
  if (!(reportTables as readonly string[]).includes(table)) throw notFound("That report table");
  const name = table as ReportTable;
  const url = new URL(request.url);
  const period = resolvePeriod(Object.fromEntries(url.searchParams), today());
  const rows = await teamReportTable(actor, name, period, context, requestedScope(url.searchParams.get("scope")));
  const csv = toCsv(reportColumns[name] as Column<object>[], rows);
  return csvResponse(csv, `tsunagu-${name}-${period.from}-to-${period.to}.csv`);
});
