import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { closureOutcomeLabels, referralSourceLabels, sexGenderLabels } from "../cases/labels";
import { selectRows } from "../db";
import { assertCan } from "../policy";
import { toCsv } from "../reports/csv";
import type { RequestContext } from "../request";
import { serviceSettingsNow } from "../settings/service";
import { instruments } from "../measures/instruments";
import { kAnonymise, QUASI_IDENTIFIERS, tenYearBand, wideArea } from "./anonymity";
import type { StatisticsInput } from "./schemas";

type Source = {
  age: number | null;
  sexGender: string;
  region: string | null;
  referralYear: number;
  referralSource: string;
  months: number | null;
  categories: string | null;
  closureOutcome: string | null;
  bands: Record<string, { first: string; latest: string }> | null;
};

const durationBand = (months: number | null) =>
  months === null ? "Not recorded" : months < 6 ? "Under 6 months" : months < 12 ? "6–12 months" : months < 36 ? "1–3 years" : months < 60 ? "3–5 years" : months < 120 ? "5–10 years" : "10 years or more";

/**
 * One row per consented case of the service open in the period, k-anonymous: no ids, names, free
 * text or dates finer than a year; a pseudonym that is new for every export. Admins only.
 */
export async function researchExtract(actor: Actor, input: StatisticsInput, context: RequestContext) {
  assertCan(actor, "research.extract");
  const { researchK: k } = await serviceSettingsNow();
  // Factor categories and first and latest bands are grouped once for all the period's cases and
  // joined on: per-case subqueries made this the slowest export (docs/performance.md).
  const rows = await selectRows<Source>(sql`
    with p as (
      select c.id, c.referral_date, c.referral_source, c.withdrawal_onset, c.closure_outcome, cl.date_of_birth, cl.sex_gender, cl.region_code
      from cases c join clients cl on cl.id = c.client_id
      where cl.stats_consent and c.referral_date <= ${input.end}::date and (c.closed_on is null or c.closed_on >= ${input.start}::date)
    ),
    -- The category names of each distinct factor set (lib/reports/factor-sets.ts), worked out once
    -- per set rather than once per case.
    categories as (
      select s.case_id, n.names from case_factor_sets s join p on p.id = s.case_id join (
        select d.fs, (select string_agg(distinct cat.name, '; ' order by cat.name) from unnest(d.fs) t(factor_id)
          join factors f on f.id = t.factor_id join factor_categories cat on cat.id = f.category_id) as names
        from (select distinct factor_ids as fs from case_factor_sets) d
      ) n on n.fs = s.factor_ids
    ),
    bands as (
      select b.case_id, json_object_agg(b.instrument, json_build_object('first', b.labels[1], 'latest', b.labels[cardinality(b.labels)])) as bands from (
        select r.case_id, r.instrument, array_agg(r.band_label order by r.administered_on, r.recorded_at) as labels
        from measure_results r join p on p.id = r.case_id
        where r.superseded_at is null and r.administered_on <= ${input.end}::date
        group by r.case_id, r.instrument
      ) b group by b.case_id
    )
    select extract(year from age(p.referral_date, p.date_of_birth))::int as age, p.sex_gender::text as "sexGender", p.region_code as region,
      extract(year from p.referral_date)::int as "referralYear", p.referral_source::text as "referralSource",
      (extract(year from age(p.referral_date, p.withdrawal_onset)) * 12 + extract(month from age(p.referral_date, p.withdrawal_onset)))::int as months,
      categories.names as categories, p.closure_outcome::text as "closureOutcome", bands.bands
    from p left join categories on categories.case_id = p.id left join bands on bands.case_id = p.id`);
  const generalised = rows.map((row) => ({
    ageBand: tenYearBand(row.age),
    sexGender: sexGenderLabels[row.sexGender as keyof typeof sexGenderLabels] ?? row.sexGender,
    area: wideArea(row.region),
    referralYear: String(row.referralYear),
    referralSource: referralSourceLabels[row.referralSource as keyof typeof referralSourceLabels] ?? row.referralSource,
    withdrawalDuration: durationBand(row.months),
    factorCategories: row.categories ?? "",
    closureOutcome: row.closureOutcome ? closureOutcomeLabels[row.closureOutcome as keyof typeof closureOutcomeLabels] : "",
    bands: row.bands ?? {},
  }));
  const { kept, suppressed } = kAnonymise(generalised, k);
  // Pseudonyms are drawn for this export only, and the rows shuffled, so nothing links two exports.
  const released = kept
    .map((record) => ({ pseudonym: randomBytes(6).toString("hex"), ...record }))
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  const columns = [
    { header: "pseudonym", value: (r: (typeof released)[number]) => r.pseudonym },
    ...QUASI_IDENTIFIERS.map((q) => ({ header: q, value: (r: (typeof released)[number]) => r[q] })),
    { header: "withdrawalDuration", value: (r: (typeof released)[number]) => r.withdrawalDuration },
    { header: "factorCategories", value: (r: (typeof released)[number]) => r.factorCategories },
    { header: "closureOutcome", value: (r: (typeof released)[number]) => r.closureOutcome },
    ...instruments.flatMap((instrument) => [
      { header: `${instrument.code} first band`, value: (r: (typeof released)[number]) => r.bands[instrument.code]?.first ?? "" },
      { header: `${instrument.code} latest band`, value: (r: (typeof released)[number]) => r.bands[instrument.code]?.latest ?? "" },
    ]),
  ];
  const summary = { records: rows.length, generalised: rows.length, suppressed, released: released.length, k };
  await auditAlone(
    { actor, action: "statistics.research-extract", entityType: "statistics", entityId: "service", outcome: "success", details: { from: input.from, to: input.to, ...summary } },
    context,
  );
  return { csv: toCsv(columns, released), summary };
}
