import "server-only";
import { eachMonthOfInterval, format, parseISO } from "date-fns";
import { sql, type SQL } from "drizzle-orm";
import { closureOutcomeLabels, referralSourceLabels, sexGenderLabels, statusLabels } from "../cases/labels";
import { selectRows } from "../db";
import { firstAndLatest } from "../reports/chronological";
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

const age = sql`extract(year from age(p.referral_date, p.date_of_birth))::int`;
const ageBand = sql`case when p.date_of_birth is null then 'Not recorded' when ${age} < 15 then 'Under 15' when ${age} >= 65 then '65+'
  else (${age} / 5 * 5)::text || '–' || (${age} / 5 * 5 + 4)::text end`;
const months = sql`(extract(year from age(p.referral_date, p.withdrawal_onset)) * 12 + extract(month from age(p.referral_date, p.withdrawal_onset)))::int`;
const durationBand = sql`case when p.withdrawal_onset is null then 'Not recorded' when ${months} < 6 then 'Under 6 months'
  when ${months} < 12 then '6–12 months' when ${months} < 36 then '1–3 years' when ${months} < 60 then '3–5 years'
  when ${months} < 120 then '5–10 years' else '10 years or more' end`;
const keyOf = sql`(coalesce(sum(p.record_key), 0) % 256)::int`;

async function cells(scope: Scope, window: Window, groupBy: SQL, where: SQL = sql`true`, column?: SQL) {
  return selectRows<Cell>(sql`with p as (${population(scope, window)})
    select ${groupBy} as row, ${column ?? sql`null`} as "column", count(*)::int as count, ${keyOf} as key
    from p where ${where} group by 1, 2`);
}

async function total(scope: Scope, window: Window, where: SQL = sql`true`): Promise<Total> {
  const [row] = await selectRows<Total>(sql`with p as (${population(scope, window)})
    select count(*)::int as count, ${keyOf} as key from p where ${where}`);
  return row ?? { count: 0, key: 0 };
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

export async function referralsByMonth(scope: Scope, window: Window) {
  const inWindow = sql`p.referral_date >= ${window.start}::date`;
  const [found, sum] = await Promise.all([cells(scope, window, sql`to_char(p.referral_date, 'YYYY-MM')`, inWindow), total(scope, window, inWindow)]);
  const monthRows = eachMonthOfInterval({ start: parseISO(window.start), end: parseISO(window.end) }).map((m) => format(m, "yyyy-MM"));
  return oneColumn(monthRows, found, sum, "New referrals");
}

export async function statusAtEnd(scope: Scope, window: Window) {
  // A window that ends today ends with each case's current status, kept on the case row; only an
  // earlier end needs the history (one index lookup per case, the slowest table of the export).
  const status = sql`case when ${window.end}::date >= current_date then p.status::text else
    coalesce((select h.to_status::text from case_status_history h where h.case_id = p.id and h.changed_at < ${window.end}::date + 1
    order by h.changed_at desc, h.id desc limit 1), 'referred') end`;
  const [found, sum] = await Promise.all([cells(scope, window, status), total(scope, window)]);
  return oneColumn(Object.values(statusLabels), labelled(statusLabels)(found), sum);
}

/** Age band by sex with both margins and the total, from one pass over the population (grouping sets). */
export async function ageBySex(scope: Scope, window: Window): Promise<CountTable> {
  const sexes = Object.keys(sexGenderLabels);
  const found = await selectRows<Cell & { margin: number }>(sql`with p as (${population(scope, window)})
    select grouping(p.band, p.sex) as margin, p.band as row, p.sex as "column", count(*)::int as count, ${keyOf} as key
    from (select ${ageBand} as band, p.sex_gender::text as sex, p.record_key from p) p
    group by grouping sets ((p.band, p.sex), (p.band), (p.sex), ())`);
  // grouping(): 0 a cell, 1 a row total (sex summed over), 2 a column total, 3 the grand total.
  const cell = (margin: number, row: string | null, column: string | null) =>
    found.find((c) => c.margin === margin && (row === null || c.row === row) && (column === null || c.column === column));
  const sum = cell(3, null, null);
  return {
    rows: ageBands,
    columns: sexes.map((s) => sexGenderLabels[s as keyof typeof sexGenderLabels]),
    counts: ageBands.map((band) => sexes.map((s) => cell(0, band, s)?.count ?? 0)),
    keys: ageBands.map((band) => sexes.map((s) => cell(0, band, s)?.key ?? 0)),
    rowTotals: { counts: ageBands.map((band) => cell(1, band, null)?.count ?? 0), keys: ageBands.map((band) => cell(1, band, null)?.key ?? 0) },
    columnTotals: { counts: sexes.map((s) => cell(2, null, s)?.count ?? 0), keys: sexes.map((s) => cell(2, null, s)?.key ?? 0) },
    total: { count: sum?.count ?? 0, key: sum?.key ?? 0 },
  };
}

export async function byRegion(scope: Scope, window: Window) {
  const [found, sum] = await Promise.all([cells(scope, window, sql`coalesce(p.region_code, 'Not recorded')`), total(scope, window)]);
  return oneColumn([], found, sum);
}

export async function byReferralSource(scope: Scope, window: Window) {
  const [found, sum] = await Promise.all([cells(scope, window, sql`p.referral_source::text`), total(scope, window)]);
  return oneColumn(Object.values(referralSourceLabels), labelled(referralSourceLabels)(found), sum);
}

export async function byWithdrawalDuration(scope: Scope, window: Window) {
  const [found, sum] = await Promise.all([cells(scope, window, durationBand), total(scope, window)]);
  return oneColumn(durationBands, found, sum);
}

export async function closureOutcomes(scope: Scope, window: Window) {
  const closed = sql`p.closed_on between ${window.start}::date and ${window.end}::date`;
  const [found, sum] = await Promise.all([cells(scope, window, sql`p.closure_outcome::text`, closed), total(scope, window, closed)]);
  return oneColumn(Object.values(closureOutcomeLabels), labelled(closureOutcomeLabels)(found), sum, "Cases closed");
}

/** Cases with each factor (or category): a case can count in several rows, so the total is the cases counted. */
export async function factors(scope: Scope, window: Window, by: "category" | "factor") {
  const label = by === "category" ? sql`cat.name` : sql`f.name`;
  const [found, sum] = await Promise.all([
    // The cases reduced to their distinct sets of current factors first (few: a case has each
    // factor at most once), each with its count and key sum; a label counts a set once, however
    // many of its factors share the label.
    selectRows<Cell>(sql`with p as (${population(scope, window)}),
      sets as materialized (
        select fs, count(*)::int as n, sum(record_key) as keys from (
          select p.id, p.record_key, array_agg(cf.factor_id order by cf.factor_id) as fs
          from p join case_factors cf on cf.case_id = p.id and cf.removed_at is null group by p.id, p.record_key
        ) per_case group by fs)
      select l.label as row, sum(s.n)::int as count, (sum(s.keys) % 256)::int as key
      from sets s cross join lateral (select distinct ${label} as label from unnest(s.fs) t(factor_id)
        join factors f on f.id = t.factor_id join factor_categories cat on cat.id = f.category_id) l
      group by l.label`),
    total(scope, window),
  ]);
  return oneColumn([], found, sum, "Cases with it", false);
}

export async function milestones(scope: Scope, window: Window) {
  const [found, sum] = await Promise.all([
    selectRows<Cell>(sql`with p as (${population(scope, window)})
      select m.milestone::text as row, count(*)::int as count, (sum(p.record_key) % 256)::int as key
      from p join case_milestones m on m.case_id = p.id and m.removed_at is null and m.reached_on <= ${window.end}::date
      group by m.milestone`),
    total(scope, window),
  ]);
  return oneColumn(Object.values(milestoneLabels), labelled(milestoneLabels)(found), sum, "Cases reaching it", false);
}

export type OutcomeFigures = { instrument: string; cases: number; key: number; improved: number; improvedKey: number; medianChange: number | null };

/** Per instrument, cases with two or more results up to the end: how many improved, and the median change. */
export async function outcomeChange(scope: Scope, window: Window) {
  const rows = await selectRows<OutcomeFigures>(sql`with p as (${population(scope, window)}),
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
