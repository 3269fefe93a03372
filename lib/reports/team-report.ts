import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { percentOf } from "../format";
import { selectRows } from "../db";
import type { RequestContext } from "../request";
import { milestoneLadder } from "../milestones/labels";
import { firstAndLatest } from "./chronological";
import { factorSets } from "./factor-sets";
import type { Period } from "./period";
import { inScopeCases, ofScope, reportScope, type ReportScope } from "./scope";

/**
 * The supervisor's report over their team or (where allowed) the whole service. Every figure is a
 * SQL aggregate over the scope's rows; only the per-row results (one per counsellor, factor,
 * instrument…) come back to the application.
 *
 * "The cases in the period" are the scope's cases open at any time in it: referred on or
 * before its last day and not closed before its first. Both ends of a period are included.
 */
export type CaseloadRow = {
  counsellorId: string;
  counsellor: string;
  openCases: number;
  referrals: number;
  closed: number;
  sessions: number;
  hours: number;
  medianDaysSinceContact: number | null;
  noContact30: number;
};
export type CountRow = { key: string; count: number };
export type FlowRow = { from: string | null; to: string; count: number };
export type FactorRow = { factor: string; category: string; cases: number; share: number };
export type CategoryRow = { category: string; cases: number; share: number };
export type PairRow = { first: string; second: string; cases: number };
export type OutcomeRow = {
  instrument: string;
  cases: number;
  medianFirst: number;
  medianLatest: number;
  improved: number;
  noChange: number;
  worse: number;
};
export type MilestoneRow = { milestone: string; cases: number; share: number; medianDays: number | null };

export type TeamReport = Awaited<ReturnType<typeof teamReport>>;


/** The scope's cases open at some time in the period, as a CTE body. */
const inPeriod = (scope: ReportScope, { from, to }: Period) =>
  sql`select c.id, c.referral_date from cases c
      where ${ofScope(scope)} and c.referral_date <= ${to}::date and (c.closed_on is null or c.closed_on >= ${from}::date)`;

/** A share of the period's cases in percent, to one decimal, as every share of the report is given. */
const shareOf = (cases: number, population: number) => percentOf(cases, population) ?? 0;

export function caseloadByCounsellor(scope: ReportScope, { from, to }: Period) {
  return selectRows<CaseloadRow>(sql`
    with per_case as (
      select c.counsellor_id as id,
        count(*) filter (where c.status <> 'closed')::int as open_cases,
        count(*) filter (where c.referral_date between ${from}::date and ${to}::date)::int as referrals,
        count(*) filter (where c.closed_on between ${from}::date and ${to}::date)::int as closed,
        (percentile_cont(0.5) within group (order by current_date - c.last_contact_on)
          filter (where c.status <> 'closed' and c.last_contact_on is not null))::float8 as median_days,
        count(*) filter (where c.status <> 'closed' and (c.last_contact_on is null or c.last_contact_on <= current_date - 30))::int as no_contact
      from cases c where ${ofScope(scope)} group by c.counsellor_id
    ), per_author as (
      select n.author_id as id, count(*)::int as sessions, coalesce(sum(n.duration_minutes), 0)::int as minutes
      from session_notes n ${inScopeCases(scope, sql`n.case_id`)}
      where n.session_date between ${from}::date and ${to}::date
      group by n.author_id
    )
    select a.id::text as "counsellorId", a.name as counsellor,
      coalesce(pc.open_cases, 0) as "openCases", coalesce(pc.referrals, 0) as referrals, coalesce(pc.closed, 0) as closed,
      coalesce(pa.sessions, 0) as sessions, round(coalesce(pa.minutes, 0) / 60.0, 1)::float8 as hours,
      pc.median_days as "medianDaysSinceContact", coalesce(pc.no_contact, 0) as "noContact30"
    from accounts a
      left join per_case pc on pc.id = a.id
      left join per_author pa on pa.id = a.id
    where (${ofScope(scope, sql`a.team_id`)} and a.role = 'counsellor' and a.status = 'active') or pc.id is not null or pa.id is not null
    order by lower(a.name), a.id`);
}

export function statusDistribution(scope: ReportScope) {
  return selectRows<CountRow>(sql`
    select c.status::text as key, count(*)::int as count from cases c where ${ofScope(scope)}
    group by c.status order by c.status`);
}

export function statusFlow(scope: ReportScope, { from, to }: Period) {
  return selectRows<FlowRow>(sql`
    select h.from_status::text as "from", h.to_status::text as "to", count(*)::int as count
    from case_status_history h ${inScopeCases(scope, sql`h.case_id`)}
    where h.changed_at >= ${from}::date and h.changed_at < ${to}::date + 1
    group by h.from_status, h.to_status order by h.from_status nulls first, h.to_status`);
}

/**
 * Factors, categories and the top ten pairs, each a sum over the period's distinct factor sets
 * (lib/reports/factor-sets.ts). Three queries joining the tags to the cases each took 150–330 ms
 * over a whole service (docs/performance.md). Shares are of the period's cases, counted once per
 * report (`population`) rather than again by each table.
 */
export async function factorPrevalence(scope: ReportScope, period: Period, population = populationSize(scope, period)) {
  const query = selectRows<{ factors: Omit<FactorRow, "share">[] | null; categories: Omit<CategoryRow, "share">[] | null; pairs: PairRow[] | null }>(sql`
    with p as (${inPeriod(scope, period)}),
    sets as materialized (${factorSets()}),
    tally as (
      select f.name as factor, cat.name as category, sum(s.n)::int as cases
      from sets s cross join unnest(s.fs) t(factor_id) join factors f on f.id = t.factor_id join factor_categories cat on cat.id = f.category_id
      group by f.id, f.name, cat.name),
    in_category as (
      select cat.name as category, cat.sort_order, sum(s.n)::int as cases
      from sets s join factor_categories cat
        on exists (select 1 from unnest(s.fs) t(factor_id) join factors f on f.id = t.factor_id where f.category_id = cat.id)
      group by cat.id, cat.name, cat.sort_order),
    -- Each pair reads, and ties sort, in name order whatever the factor ids; the ordering (and so
    -- which pairs make the top ten) is done on those names in SQL, not on the ids.
    paired as (
      select least(f1.name, f2.name) as first, greatest(f1.name, f2.name) as second, sum(s.n)::int as cases
      from sets s cross join generate_subscripts(s.fs, 1) i cross join generate_subscripts(s.fs, 1) j
        join factors f1 on f1.id = s.fs[i] join factors f2 on f2.id = s.fs[j]
      where i < j
      group by f1.id, f2.id, f1.name, f2.name order by 3 desc, 1, 2 limit 10)
    select
      (select json_agg(json_build_object('factor', factor, 'category', category, 'cases', cases) order by cases desc, factor) from tally) as factors,
      (select json_agg(json_build_object('category', category, 'cases', cases) order by cases desc, sort_order) from in_category) as categories,
      (select json_agg(json_build_object('first', first, 'second', second, 'cases', cases) order by cases desc, first, second) from paired) as pairs`);
  const [[row], total] = await Promise.all([query, population]);
  return {
    factors: (row?.factors ?? []).map((r) => ({ ...r, share: shareOf(r.cases, total) })),
    categories: (row?.categories ?? []).map((r) => ({ ...r, share: shareOf(r.cases, total) })),
    pairs: row?.pairs ?? [],
  };
}

/**
 * Per instrument, over the cases with at least two current results up to the period's end:
 * the median first and latest score and how many improved, did not change or got worse, in the
 * instrument's own direction (stored with each result). Days out of home also come from notes.
 */
export function outcomeChange(scope: ReportScope, period: Period) {
  return selectRows<OutcomeRow>(sql`
    with p as not materialized (${inPeriod(scope, period)}), change as (${firstAndLatest(period.to)})
    select instrument, count(*)::int as cases,
      percentile_cont(0.5) within group (order by first)::float8 as "medianFirst",
      percentile_cont(0.5) within group (order by latest)::float8 as "medianLatest",
      count(*) filter (where case when direction = 'lower_is_better' then latest < first else latest > first end)::int as improved,
      count(*) filter (where latest = first)::int as "noChange",
      count(*) filter (where case when direction = 'lower_is_better' then latest > first else latest < first end)::int as worse
    from change group by instrument order by instrument`);
}

/**
 * Every step of the ladder, in order, with how many of the period's cases reached it (zero included).
 * The days are gathered per milestone and each median taken over its own array: a median in the
 * grouped query itself made PostgreSQL sort all ~150,000 reached milestones of a service by the
 * milestone first, comparing enum values (98 ms against 142 ms p50, docs/performance.md).
 */
export async function milestonesReached(scope: ReportScope, period: Period, population = populationSize(scope, period)): Promise<MilestoneRow[]> {
  const [reached, total] = await Promise.all([
    selectRows<Omit<MilestoneRow, "share">>(sql`
      with p as (${inPeriod(scope, period)})
      select milestone::text as milestone, cases, (select percentile_cont(0.5) within group (order by d) from unnest(days) d)::float8 as "medianDays"
      from (
        select m.milestone, count(*)::int as cases, array_agg(m.reached_on - p.referral_date) as days
        from case_milestones m join p on p.id = m.case_id
        where m.removed_at is null and m.reached_on <= ${period.to}::date
        group by m.milestone) per_milestone`),
    population,
  ]);
  return milestoneLadder.map((milestone) => {
    const found = reached.find((r) => r.milestone === milestone);
    return found ? { ...found, share: shareOf(found.cases, total) } : { milestone, cases: 0, share: 0, medianDays: null };
  });
}

export function closuresByOutcome(scope: ReportScope, { from, to }: Period) {
  return selectRows<CountRow>(sql`
    select c.closure_outcome::text as key, count(*)::int as count from cases c
    where ${ofScope(scope)} and c.closed_on between ${from}::date and ${to}::date
    group by c.closure_outcome order by count(*) desc, c.closure_outcome`);
}

export async function reviewQueueSize(scope: ReportScope) {
  const [row] = await selectRows<{ count: number }>(sql`
    select count(*)::int as count from session_notes n ${inScopeCases(scope, sql`n.case_id`)}
    where n.status = 'signed' and n.reviewed_at is null`);
  return row?.count ?? 0;
}

export async function populationSize(scope: ReportScope, period: Period) {
  const [row] = await selectRows<{ count: number }>(sql`with p as (${inPeriod(scope, period)}) select count(*)::int as count from p`);
  return row?.count ?? 0;
}

/** Everything on the reports screen for the supervisor's own team, in one audited read. */
export async function teamReport(actor: Actor, period: Period, context: RequestContext) {
  return report(actor, await reportScope(actor, "team"), period, context);
}

/** The same report over every team, for supervisors when an administrator allows the service scope. */
export async function serviceReport(actor: Actor, period: Period, context: RequestContext) {
  return report(actor, await reportScope(actor, "service"), period, context);
}

/** What a report's audit row is about: the team, or the whole service. */
const reportEntity = (scope: ReportScope) => (scope.teamId ? { entityType: "team", entityId: scope.teamId } : { entityType: "service", entityId: "service" });

async function report(actor: Actor, scope: ReportScope, period: Period, context: RequestContext) {
  const counted = populationSize(scope, period);
  const [population, caseload, status, flow, factors, outcomes, milestones, closures, reviewQueue] = await Promise.all([
    counted,
    caseloadByCounsellor(scope, period),
    statusDistribution(scope),
    statusFlow(scope, period),
    factorPrevalence(scope, period, counted),
    outcomeChange(scope, period),
    milestonesReached(scope, period, counted),
    closuresByOutcome(scope, period),
    reviewQueueSize(scope),
  ]);
  await auditAlone({ actor, action: "report.view", ...reportEntity(scope), outcome: "success", details: { from: period.from, to: period.to } }, context);
  return { period, population, caseload, status, flow, ...factors, outcomes, milestones, closures, reviewQueue };
}

export const reportTables = ["caseload", "status", "flow", "factors", "categories", "pairs", "outcomes", "milestones", "closures"] as const;
export type ReportTable = (typeof reportTables)[number];

/** One table of the team (or whole-service) report, for a download; audited as an export. */
export async function teamReportTable(actor: Actor, table: ReportTable, period: Period, context: RequestContext, requested: "team" | "service" = "team") {
  const scope = await reportScope(actor, requested);
  const rows: Record<ReportTable, () => Promise<object[]>> = {
    caseload: () => caseloadByCounsellor(scope, period),
    status: () => statusDistribution(scope),
    flow: () => statusFlow(scope, period),
    factors: async () => (await factorPrevalence(scope, period)).factors,
    categories: async () => (await factorPrevalence(scope, period)).categories,
    pairs: async () => (await factorPrevalence(scope, period)).pairs,
    outcomes: () => outcomeChange(scope, period),
    milestones: () => milestonesReached(scope, period),
    closures: () => closuresByOutcome(scope, period),
  };
  const result = await rows[table]();
  await auditAlone(
    { actor, action: "report.export", ...reportEntity(scope), outcome: "success", details: { table, from: period.from, to: period.to, rows: result.length } },
    context,
  );
  return result;
}
