import { invalid } from "@/lib/errors";
import { route } from "@/lib/route";
import { buildStatistics } from "@/lib/statistics/export";
import { statisticsCsv, statisticsJson, statisticsXlsx } from "@/lib/statistics/formats";
import { statisticsInput } from "@/lib/statistics/schemas";
import { z } from "zod";

export const dynamic = "force-dynamic";

const types = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** GET /api/statistics?from=YYYY-MM&to=YYYY-MM&format=csv|json|xlsx[&scope=service|team] */
export const GET = route<Record<string, never>>("statistics.export", "statistics.export", async (actor, request, _params, context) => {
  const parsed = statisticsInput.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const { formErrors, fieldErrors } = z.flattenError(parsed.error);
    // Unknown parameters are form-level errors: say which.
    throw invalid(formErrors.join(" ") || "Check the period and format.", fieldErrors as Record<string, string[]>);
  }
  const input = parsed.data;
  const stats = await buildStatistics(actor, input, context, "statistics.export");
  const body = input.format === "csv" ? statisticsCsv(stats) : input.format === "json" ? statisticsJson(stats) : await statisticsXlsx(stats);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": types[input.format],
      "Content-Disposition": `attachment; filename="tsunagu-statistics-${input.from}-to-${input.to}.${input.format}"`,
      // Lets the screen show download progress.
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "no-store",
    },
  });
});
