import "server-only";
import { eachMonthOfInterval, format, parseISO } from "date-fns";
import { sql, type SQL } from "drizzle-orm";
import { closureOutcomeLabels, referralSourceLabels, sexGenderLabels, statusLabels } from "../cases/labels";
import { selectRows } from "../db";
import { firstAndLatest } from "../reports/chronological";
import { factorSets } from "../reports/factor-sets";
import { instruments } from "../measures/instruments";
import { milestoneLabels } from "../milestones/labels";
import type { CountTable } from "./disclosure";

/**
 * The true counts behind each published table, each with its cell key (the sum of its cases'
 * record keys modulo 256). Only consented cases are counted. Nothing here leaves the server
 * unprotected: lib/statistics/export.ts runs every table through the disclosure rules.
 */
export type Scope = { teamId: string | null };
export type Window = { start: string; end: string };

type Cell = { row: string; column?: string; count: number; key: number };
type Total = { count: number; key: number };

const ageBands = ["Under 15", "15–19", "20–24", "25–29", "30–34", "35–39", "40–44", "45–49", "50–54", "55–59", "60–64", "65+", "Not recorded"];
const durationBands = ["Under 6 months", "6–12 months", "1–3 years", "3–5 years", "5–10 years", "10 years or more", "Not recorded"];

/** The consented cases in scope that were open at some time in the window, with what the tables group by. */
function population({ teamId }: Scope, { start, end }: Window, consented = true): SQL {
  return sql`select c.id, c.record_key, c.status, c.referral_date, c.closed_on, c.closure_outcome, c.referral_source,
      c.withdrawal_onset, cl.date_of_birth, cl.sex_gender, cl.region_code
    from cases c join clients cl on cl.id = c.client_id
    where ${teamId ? sql`c.team_id = ${teamId}` : sql`true`} and cl.stats_consent = ${consented}
      and c.referral_date <= ${end}::date and (c.closed_on is null or c.closed_on >= ${start}::date)`;
}

// Each case's age at referral and months withdrawn, worked out once per case: age() is the
// costliest step of the pass, and inlined into every band test it ran up to a dozen times a case.
// OFFSET 0 keeps Postgres from flattening the subquery back into those expressions.
const withAges = sql`(select p.*, extract(year from age(p.referral_date, p.date_of_birth))::int as age,
    (extract(year from age(p.referral_date, p.withdrawal_onset)) * 12 + extract(month from age(p.referral_date, p.withdrawal_onset)))::int as months
  from p offset 0) p`;
const ageBand = sql`case when p.age is null then 'Not recorded' when p.age < 15 then 'Under 15' when p.age >= 65 then '65+'
  else (p.age / 5 * 5)::text || '–' || (p.age / 5 * 5 + 4)::text end`;
const durationBand = sql`case when p.months is null then 'Not recorded' when p.months < 6 then 'Under 6 months'
  when p.months < 12 then '6–12 months' when p.months < 36 then '1–3 years' when p.months < 60 then '3–5 years'
  when p.months < 120 then '5–10 years' else '10 years or more' end`;
const keyOf = sql`(coalesce(sum(p.record_key), 0) % 256)::int`;

/** What the population is counted by, in the order of their bits in grouping(): month is the most significant. */
const dimensions = ["month", "status", "band", "sex", "region", "source", "duration", "closure"] as const;
type Dimension = (typeof dimensions)[number];
type Grouped = { [D in Dimension]: string | null } & { grouping: number; count: number; key: number };
export type PopulationCounts = Promise<Grouped[]>;

/**
 * Every count of the one- and two-way tables, from one pass over the population (grouping sets):
 * the consented population is worked out once per export, not once per table, which over a whole
 * service cost ~40 ms a time (docs/performance.md). A case has a month only if it was referred in
 * the window, and a closure only if it closed in it.
 */
export function populationCounts(scope: Scope, window: Window): PopulationCounts {
  // A window that ends today ends with each case's current status, kept on the case row; only an
  // earlier end needs the history (one index lookup per case, the slowest table of the export).
  const status = sql`case when ${window.end}::date >= current_date then p.status::text else
    coalesce((select h.to_status::text from case_status_history h where h.case_id = p.id and h.changed_at < ${window.end}::date + 1
    order by h.changed_at desc, h.id desc limit 1), 'referred') end`;
  return selectRows<Grouped>(sql`with p as (${population(scope, window)})
    select grouping(month, status, band, sex, region, source, duration, closure) as grouping,
      month, status, band, sex, region, source, duration, closure, count(*)::int as count, ${keyOf} as key
    from (
      select p.record_key, case when p.referral_date >= ${window.start}::date then to_char(p.referral_date, 'YYYY-MM') end as month,
        ${status} as status, ${ageBand} as band, p.sex_gender::text as sex, coalesce(p.region_code, 'Not recorded') as region,
        p.referral_source::text as source, ${durationBand} as duration,
        case when p.closed_on between ${window.start}::date and ${window.end}::date then p.closure_outcome::text end as closure
      from ${withAges}
    ) p
    group by grouping sets ((), (month), (status), (band, sex), (band), (sex), (region), (source), (duration), (closure))`);
}

/** The rows of the grouping set over exactly these dimensions (none: the whole population). */
function groupedBy(counts: Grouped[], ...grouped: Dimension[]): Grouped[] {
  const mask = dimensions.reduce((bits, dimension, i) => (grouped.includes(dimension) ? bits : bits | (1 << (dimensions.length - 1 - i))), 0);
  return counts.filter((row) => row.grouping === mask);
}

/** A one-way table's cells; cases without a value (not referred or closed in the window) are not a row. */
function cellsOf(counts: Grouped[], dimension: Dimension): Cell[] {
  return groupedBy(counts, dimension).flatMap((row) => (row[dimension] === null ? [] : [{ row: row[dimension], count: row.count, key: row.key }]));
}

const sumOf = (cells: Cell[]): Total => ({ count: cells.reduce((a, c) => a + c.count, 0), key: cells.reduce((a, c) => (a + c.key) % 256, 0) });

async function populationTotal(counts: PopulationCounts): Promise<Total> {
  const [row] = groupedBy(await counts);
  return { count: row?.count ?? 0, key: row?.key ?? 0 };
}

/** A one-column table over the given row labels (zeros filled in), with its own total. */
function oneColumn(rows: string[], found: Cell[], sum: Total, column = "Cases", additive = true): CountTable {
  const labelled = [...rows, ...found.map((c) => c.row).filter((r) => !rows.includes(r)).sort()];
  const at = (row: string) => found.find((c) => c.row === row);
  return {
    rows: labelled,
    columns: [column],
    counts: labelled.map((r) => [at(r)?.count ?? 0]),
    keys: labelled.map((r) => [at(r)?.key ?? 0]),
    columnTotals: { counts: [sum.count], keys: [sum.key] },
    total: { count: sum.count, key: sum.key },
    additive,
  };
}

const labelled = (labels: Record<string, string>) => (found: Cell[]) => found.map((c) => ({ ...c, row: labels[c.row] ?? c.row }));

export async function referralsByMonth(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  const found = cellsOf(await counts, "month");
  const monthRows = eachMonthOfInterval({ start: parseISO(window.start), end: parseISO(window.end) }).map((m) => format(m, "yyyy-MM"));
  return oneColumn(monthRows, found, sumOf(found), "New referrals");
}

export async function statusAtEnd(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  return oneColumn(Object.values(statusLabels), labelled(statusLabels)(cellsOf(await counts, "status")), await populationTotal(counts));
}

/** Age band by sex with both margins and the total. */
export async function ageBySex(scope: Scope, window: Window, counts = populationCounts(scope, window)): Promise<CountTable> {
  const rows = await counts;
  const sexes = Object.keys(sexGenderLabels);
  const cell = (band: string, sex: string) => groupedBy(rows, "band", "sex").find((c) => c.band === band && c.sex === sex);
  const bandTotal = (band: string) => groupedBy(rows, "band").find((c) => c.band === band);
  const sexTotal = (sex: string) => groupedBy(rows, "sex").find((c) => c.sex === sex);
  return {
    rows: ageBands,
    columns: sexes.map((s) => sexGenderLabels[s as keyof typeof sexGenderLabels]),
    counts: ageBands.map((band) => sexes.map((s) => cell(band, s)?.count ?? 0)),
    keys: ageBands.map((band) => sexes.map((s) => cell(band, s)?.key ?? 0)),
    rowTotals: { counts: ageBands.map((band) => bandTotal(band)?.count ?? 0), keys: ageBands.map((band) => bandTotal(band)?.key ?? 0) },
    columnTotals: { counts: sexes.map((s) => sexTotal(s)?.count ?? 0), keys: sexes.map((s) => sexTotal(s)?.key ?? 0) },
    total: await populationTotal(counts),
  };
}

export async function byRegion(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  return oneColumn([], cellsOf(await counts, "region"), await populationTotal(counts));
}

export async function byReferralSource(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  return oneColumn(Object.values(referralSourceLabels), labelled(referralSourceLabels)(cellsOf(await counts, "source")), await populationTotal(counts));
}

export async function byWithdrawalDuration(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  return oneColumn(durationBands, cellsOf(await counts, "duration"), await populationTotal(counts));
}

export async function closureOutcomes(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  const found = cellsOf(await counts, "closure");
  return oneColumn(Object.values(closureOutcomeLabels), labelled(closureOutcomeLabels)(found), sumOf(found), "Cases closed");
}

/** Cases with each factor (or category): a case can count in several rows, so the total is the cases counted. */
export async function factors(scope: Scope, window: Window, by: "category" | "factor", counts = populationCounts(scope, window)) {
  const label = by === "category" ? sql`cat.name` : sql`f.name`;
  const [found, sum] = await Promise.all([
    // Over the distinct factor sets with their key sums; a label counts a set once, however many
    // of its factors share the label.
    selectRows<Cell>(sql`with p as (${population(scope, window)}),
      sets as materialized (${factorSets(sql`p.record_key`)})
      select l.label as row, sum(s.n)::int as count, (sum(s.keys) % 256)::int as key
      from sets s cross join lateral (select distinct ${label} as label from unnest(s.fs) t(factor_id)
        join factors f on f.id = t.factor_id join factor_categories cat on cat.id = f.category_id) l
      group by l.label`),
    populationTotal(counts),
  ]);
  return oneColumn([], found, sum, "Cases with it", false);
}

export async function milestones(scope: Scope, window: Window, counts = populationCounts(scope, window)) {
  const [found, sum] = await Promise.all([
    selectRows<Cell>(sql`with p as (${population(scope, window)})
      select m.milestone::text as row, count(*)::int as count, (sum(p.record_key) % 256)::int as key
      from p join case_milestones m on m.case_id = p.id and m.removed_at is null and m.reached_on <= ${window.end}::date
      group by m.milestone`),
    populationTotal(counts),
  ]);
  return oneColumn(Object.values(milestoneLabels), labelled(milestoneLabels)(found), sum, "Cases reaching it", false);
}

export type OutcomeFigures = { instrument: string; cases: number; key: number; improved: number; improvedKey: number; medianChange: number | null };

/** Per instrument, cases with two or more results up to the end: how many improved, and the median change. */
export async function outcomeChange(scope: Scope, window: Window) {
  const rows = await selectRows<OutcomeFigures>(sql`with p as not materialized (${population(scope, window)}),
    change as (select o.*, o.carried as record_key from (${firstAndLatest(window.end, sql`p.record_key`)}) o)
    select instrument, count(*)::int as cases, (sum(record_key) % 256)::int as key,
      count(*) filter (where case when direction = 'lower_is_better' then latest < first else latest > first end)::int as improved,
      (coalesce(sum(record_key) filter (where case when direction = 'lower_is_better' then latest < first else latest > first end), 0) % 256)::int as "improvedKey",
      (percentile_cont(0.5) within group (order by latest - first))::float8 as "medianChange"
    from change group by instrument`);
  return instruments.map(
    (instrument) => rows.find((r) => r.instrument === instrument.code) ?? { instrument: instrument.code, cases: 0, key: 0, improved: 0, improvedKey: 0, medianChange: null },
  );
}

/** Cases left out because their client did not consent: itself a count to protect. */
export async function withoutConsent(scope: Scope, window: Window): Promise<Total> {
  const [row] = await selectRows<Total>(sql`with p as (${population(scope, window, false)})
    select count(*)::int as count, ${keyOf} as key from p`);
  return row ?? { count: 0, key: 0 };
}
