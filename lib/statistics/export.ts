import "server-only";
import { formatISO } from "date-fns";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { forbidden } from "../errors";
import { instrumentFor } from "../measures/instruments";
import { can } from "../policy";
import type { RequestContext } from "../request";
import { serviceSettingsNow } from "../settings/service";
import { perturbed, protect, share, type CountTable, type Published } from "./disclosure";
import type { StatisticsInput } from "./schemas";
import * as tables from "./tables";
import packageJson from "../../package.json";

export type PublishedTable = {
  id: string;
  title: string;
  rowHeader: string;
  columns: string[];
  rows: { label: string; values: (Published | null)[] }[];
  notes: string[];
};

export type Statistics = {
  metadata: {
    title: string;
    period: { from: string; to: string };
    scope: string;
    generatedAt: string;
    threshold: number;
    rules: string[];
    software: string;
    excludedWithoutConsent: Published;
  };
  tables: PublishedTable[];
};


/** Which population this person may publish: the service, or their own team. */
async function scopeFor(actor: Actor, requested: "service" | "team") {
  if (!can(actor, "statistics.export")) throw forbidden();
  if (actor.role === "supervisor") {
    const { supervisorsSeeService } = await serviceSettingsNow();
    if (requested === "service" && !supervisorsSeeService) return { teamId: actor.teamId, label: "your team (service-wide figures are not enabled for supervisors)" };
    return requested === "team" ? { teamId: actor.teamId, label: "your team" } : { teamId: null, label: "the whole service" };
  }
  return { teamId: null, label: "the whole service" };
}

function publish(id: string, title: string, rowHeader: string, table: CountTable, threshold: number, notes: string[] = []): PublishedTable {
  const safe = protect(table, threshold);
  const withRowTotals = safe.rowTotals !== null;
  return {
    id,
    title,
    rowHeader,
    columns: withRowTotals ? [...safe.columns, "Total"] : safe.columns,
    rows: [
      ...safe.rows.map((label, r) => ({ label, values: withRowTotals ? [...safe.cells[r]!, safe.rowTotals![r]!] : safe.cells[r]! })),
      { label: "Total", values: withRowTotals ? [...safe.columnTotals, safe.total] : [safe.total] },
    ],
    notes,
  };
}

/**
 * Every table of the anonymised statistics, protected: small counts hidden, hidden cells covered
 * by complementary suppression, every count perturbed by its cell key. Audited with its parameters.
 */
export async function buildStatistics(actor: Actor, input: StatisticsInput, context: RequestContext, action = "statistics.preview"): Promise<Statistics> {
  const scope = await scopeFor(actor, input.scope);
  const { statisticsThreshold: threshold } = await serviceSettingsNow();
  const window = { start: input.start, end: input.end };
  const s = { teamId: scope.teamId };
  const counts = tables.populationCounts(s, window);
  const [referrals, status, ageSex, region, source, duration, closures, categories, factorRows, milestones, outcomes, excluded] = await Promise.all([
    tables.referralsByMonth(s, window, counts),
    tables.statusAtEnd(s, window, counts),
    tables.ageBySex(s, window, counts),
    tables.byRegion(s, window, counts),
    tables.byReferralSource(s, window, counts),
    tables.byWithdrawalDuration(s, window, counts),
    tables.closureOutcomes(s, window, counts),
    tables.factors(s, window, "category", counts),
    tables.factors(s, window, "factor", counts),
    tables.milestones(s, window, counts),
    tables.outcomeChange(s, window),
    tables.withoutConsent(s, window),
  ]);
  const multi = "A case can count in several rows; the total is the cases counted.";
  const outcomeCounts = publish(
    "outcomes",
    "Outcome change per instrument",
    "Instrument",
    {
      rows: outcomes.map((o) => instrumentFor(o.instrument)?.name ?? o.instrument),
      columns: ["Cases with 2+ results"],
      counts: outcomes.map((o) => [o.cases]),
      keys: outcomes.map((o) => [o.key]),
      columnTotals: { counts: [outcomes.reduce((a, o) => a + o.cases, 0)], keys: [outcomes.reduce((a, o) => (a + o.key) % 256, 0)] },
      total: { count: outcomes.reduce((a, o) => a + o.cases, 0), key: outcomes.reduce((a, o) => (a + o.key) % 256, 0) },
      // A case counts once per instrument it was measured with.
      additive: false,
    },
    threshold,
    ["Improved is measured in each instrument's own direction. Shares only where 20 or more cases; medians only where 10 or more."],
  );
  // Shares and medians sit beside the protected counts, published only above their minimum sizes.
  // A share is worked out from perturbed counts: from true counts it would give
  // back the true number of cases behind the perturbed one.
  outcomeCounts.columns.push("Improved (%)", "Median change");
  outcomeCounts.rows.forEach((row, index) => {
    const figures = outcomes[index];
    const published = row.values[0];
    const improved = figures && typeof published === "number" ? share(Math.min(published, perturbed(figures.improved, figures.improvedKey)), published) : null;
    row.values.push(improved, figures && figures.cases >= 10 ? figures.medianChange : null);
  });
  const excludedCount = protect(
    { rows: ["Without consent"], columns: ["Cases"], counts: [[excluded.count]], keys: [[excluded.key]], columnTotals: { counts: [excluded.count], keys: [excluded.key] }, total: excluded },
    threshold,
  ).total;

  const result: Statistics = {
    metadata: {
      title: "Tsunagu anonymised statistics",
      period: { from: input.from, to: input.to },
      scope: scope.label,
      generatedAt: formatISO(new Date()),
      threshold,
      rules: [
        `Only cases whose client consented to statistical use are counted.`,
        `Counts from 1 to ${threshold - 1} are shown as <${threshold}; zero stays 0.`,
        "Complementary suppression: no hidden cell can be worked out from its row, its column or the totals; cells hidden only to protect another are shown as x.",
        "Counts are perturbed by a small amount (cell-key method), so the same cell always shows the same value but tables may not add up exactly.",
        "Percentages only where the denominator is 20 or more, worked out from the perturbed counts; medians only where there are 10 or more values.",
        "Tables where a case can count in several rows (factors, milestones, instruments) do not add up to their total, so only small counts are hidden there.",
        "Ages are 5-year bands at referral (65+), durations are bands, dates are months: no names, contact details, exact dates, free text or internal ids.",
      ],
      software: `Tsunagu ${packageJson.version}`,
      excludedWithoutConsent: excludedCount,
    },
    tables: [
      publish("referrals", "New referrals by month", "Month", referrals, threshold),
      publish("status", "Cases by status at the end of the period", "Status", status, threshold),
      publish("age-sex", "Cases by age band at referral and sex/gender", "Age band", ageSex, threshold),
      publish("region", "Cases by region", "Region", region, threshold),
      publish("source", "Referral sources", "Referral source", source, threshold),
      publish("duration", "Withdrawal duration at referral", "Duration", duration, threshold),
      publish("categories", "Contributing factors by category", "Category", categories, threshold, [multi]),
      publish("factors", "Contributing factors", "Factor", factorRows, threshold, [multi]),
      publish("closures", "Closure outcomes", "Closure outcome", closures, threshold),
      publish("milestones", "Milestones reached", "Milestone", milestones, threshold, [multi]),
      outcomeCounts,
    ],
  };
  await auditAlone(
    {
      actor,
      action,
      entityType: "statistics",
      entityId: scope.teamId ?? "service",
      outcome: "success",
      details: { from: input.from, to: input.to, scope: scope.teamId ? "team" : "service", format: action === "statistics.preview" ? null : input.format, threshold },
    },
    context,
  );
  return result;
}
