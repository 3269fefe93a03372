import { z } from "zod";
import { invalid } from "@/lib/errors";
import { csvResponse, route } from "@/lib/route";
import { researchExtract } from "@/lib/statistics/research";
import { statisticsInput } from "@/lib/statistics/schemas";

export const dynamic = "force-dynamic";

/** GET /api/statistics/research?from=YYYY-MM&to=YYYY-MM: the k-anonymous record-level extract, as CSV. */
export const GET = route<Record<string, never>>("statistics.research-extract", "research.extract", async (actor, request, _params, context) => {
  const parsed = statisticsInput.safeParse({ ...Object.fromEntries(new URL(request.url).searchParams), format: "csv" });
  if (!parsed.success) throw invalid("Check the period.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { csv, summary } = await researchExtract(actor, parsed.data, context);
  const response = csvResponse(csv, `tsunagu-research-${parsed.data.from}-to-${parsed.data.to}.csv`);
  // How many records were generalised and how many suppressed travels with the file.
  response.headers.set("X-Tsunagu-Extract", `records=${summary.records}; generalised=${summary.generalised}; suppressed=${summary.suppressed}; released=${summary.released}; k=${summary.k}`);
  return response;
});
