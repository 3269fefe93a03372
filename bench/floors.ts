import type { DatabaseHandle } from "../db/client";
import type { Period } from "@/lib/reports/period";
import type { StatisticsInput } from "@/lib/statistics/schemas";

/**
 * The SQL floor of each report: the same figures written by hand as one statement, sent straight
 * to the driver (no authorisation, no audit row, no ORM, no disclosure control in JavaScript).
 * The domain call can only approach this; the ratio shows what the layers and the query shapes
 * cost. Every figure is returned, so no part of a plan is skipped.
 */

/**
 * Team report (teamId) or service report (null): every table of lib/reports/team-report.ts, one
 * statement per table sent at once, as the domain layer does (on 2 cores one statement per
 * table in parallel beats one statement doing all of them in turn). Each uses the cheapest shape
 * the schema allows, as the domain does: outcome change from the summaries the triggers keep (the
 * period ends today), factors from the distinct factor sets the triggers keep per case, notes and
 * history read without their case for the whole service.
 */
export function reportFloor(db: DatabaseHandle, teamId: string | null, { from, to }: Period) {
  // NOT MATERIALIZED: `p` reads `scoped` too, and a CTE read twice is otherwise written out in full
  // (every column of every case) before any table is counted.
  const ctes = `with scoped as not materialized (select * from cases c where $1::uuid is null or c.team_id = $1::uuid),
     p as not materialized (select id, referral_date from scoped where referral_date <= $3::date and (closed_on is null or closed_on >= $2::date))`;
  // Rows that belong to a case, narrowed to the team only when there is one.
  const ofTeam = (alias: string) => (teamId ? `join cases c on c.id = ${alias}.case_id and c.team_id = $1::uuid` : "");
  const tables = [
    `select count(*) from p`,
    `select counsellor_id, count(*) filter (where status <> 'closed') as open,
       count(*) filter (where referral_date between $2::date and $3::date) as referrals,
       count(*) filter (where closed_on between $2::date and $3::date) as closed,
       percentile_cont(0.5) within group (order by current_date - last_contact_on) filter (where status <> 'closed' and last_contact_on is not null) as median,
       count(*) filter (where status <> 'closed' and (last_contact_on is null or last_contact_on <= current_date - 30)) as no_contact
     from scoped group by counsellor_id`,
    `select n.author_id, count(*), sum(n.duration_minutes) from session_notes n ${ofTeam("n")}
     where n.session_date between $2::date and $3::date group by n.author_id`,
    `select status, count(*) from scoped group by status`,
    `select h.from_status, h.to_status, count(*) from case_status_history h ${ofTeam("h")}
     where h.changed_at >= $2::date and h.changed_at < $3::date + 1 group by 1, 2`,
    `, sets as materialized (select s.factor_ids as fs, count(*) as n from case_factor_sets s join p on p.id = s.case_id
       where s.factor_ids <> '{}' group by 1)
     select json_build_object(
       'factors', (select json_agg(x) from (select t.factor_id, sum(s.n) from sets s, unnest(s.fs) t(factor_id) group by 1) x),
       'categories', (select json_agg(x) from (select f.category_id, sum(s.n) from sets s
         join lateral (select distinct f.category_id from unnest(s.fs) t(factor_id) join factors f on f.id = t.factor_id) f on true group by 1) x),
       'pairs', (select json_agg(x) from (select s.fs[i] as a, s.fs[j] as b, sum(s.n) from sets s, generate_subscripts(s.fs, 1) i, generate_subscripts(s.fs, 1) j
         where i < j group by 1, 2 order by 3 desc limit 10) x))`,
    `select instrument, count(*), percentile_cont(0.5) within group (order by s.first_value), percentile_cont(0.5) within group (order by s.latest_value),
       count(*) filter (where case when direction = 'lower_is_better' then s.latest_value < s.first_value else s.latest_value > s.first_value end),
       count(*) filter (where s.latest_value = s.first_value)
     from outcome_summaries s join p on p.id = s.case_id where s.observations >= 2 group by instrument`,
    `select m.milestone, count(*), percentile_cont(0.5) within group (order by m.reached_on - p.referral_date)
     from case_milestones m join p on p.id = m.case_id where m.removed_at is null and m.reached_on <= $3::date group by 1`,
    `select closure_outcome, count(*) from scoped where closed_on between $2::date and $3::date group by 1`,
    `select count(*) from session_notes n ${ofTeam("n")} where n.status = 'signed' and n.reviewed_at is null`,
  ];
  return Promise.all(tables.map((table) => db.query(`${ctes} ${table}`, [teamId, from, to])));
}

const age = `extract(year from age(c.referral_date, cl.date_of_birth))::int`;
const months = `(extract(year from age(c.referral_date, c.withdrawal_onset)) * 12 + extract(month from age(c.referral_date, c.withdrawal_onset)))::int`;

/**
 * Every count table of lib/statistics/tables.ts for the whole service in one pass: the consented
 * population computed once, then one GROUPING SETS aggregate for the one- and two-way tables.
 */
export function statisticsFloor(db: DatabaseHandle, { start, end }: StatisticsInput) {
  return db.query(
    `with p as materialized (
       select c.id, c.record_key as k, c.stats_consent as consent,
         case when c.referral_date >= $1::date then to_char(c.referral_date, 'YYYY-MM') end as month,
         case when $2::date >= current_date then c.status::text else coalesce((select h.to_status::text from case_status_history h
           where h.case_id = c.id and h.changed_at < $2::date + 1 order by h.changed_at desc, h.id desc limit 1), 'referred') end as status,
         case when c.date_of_birth is null then 'Not recorded' when c.years < 15 then 'Under 15' when c.years >= 65 then '65+' else (c.years / 5 * 5)::text end as age,
         c.sex_gender::text as sex, coalesce(c.region_code, 'Not recorded') as region, c.referral_source::text as source,
         case when c.withdrawal_onset is null then 'Not recorded' when c.months < 6 then '<6' when c.months < 12 then '6-12' when c.months < 36 then '1-3y'
           when c.months < 60 then '3-5y' when c.months < 120 then '5-10y' else '10y+' end as duration,
         case when c.closed_on between $1::date and $2::date then c.closure_outcome::text end as closure
       -- Ages worked out once per case (OFFSET 0 keeps them from being inlined into every band test).
       from (select c.*, cl.stats_consent, cl.date_of_birth, cl.sex_gender, cl.region_code,
           ${age} as years, ${months} as months
         from cases c join clients cl on cl.id = c.client_id
         where c.referral_date <= $2::date and (c.closed_on is null or c.closed_on >= $1::date) offset 0) c),
     consented as (select * from p where consent),
     change as (
       select s.instrument, p.k, s.direction, s.first_value as first, s.latest_value as latest
       from outcome_summaries s join consented p on p.id = s.case_id where s.observations >= 2)
     select json_build_object(
       'cells', (select json_agg(x) from (select month, status, age, sex, region, source, duration, closure, count(*), sum(k) % 256
         from consented group by grouping sets ((), (month), (status), (age, sex), (age), (sex), (region), (source), (duration), (closure))) x),
       'factors', (select json_agg(x) from (select f.id, f.category_id, count(distinct p.id), sum(p.k) % 256 from consented p
         join case_factor_sets s on s.case_id = p.id cross join unnest(s.factor_ids) t(factor_id) join factors f on f.id = t.factor_id
         group by grouping sets ((f.id, f.category_id), (f.category_id))) x),
       'milestones', (select json_agg(x) from (select m.milestone, count(*), sum(p.k) % 256 from consented p
         join case_milestones m on m.case_id = p.id and m.removed_at is null and m.reached_on <= $2::date group by 1) x),
       'outcomes', (select json_agg(x) from (select instrument, count(*), sum(k) % 256,
         count(*) filter (where case when direction = 'lower_is_better' then latest < first else latest > first end),
         percentile_cont(0.5) within group (order by latest - first) from change group by instrument) x),
       'withoutConsent', (select json_build_object('count', count(*), 'key', sum(k) % 256) from p where not consent)
     ) as figures`,
    [start, end],
  );
}

/** The research extract's rows, generalised and k-anonymised in SQL (a window count per combination). */
export function researchFloor(db: DatabaseHandle, { start, end }: StatisticsInput, k: number) {
  const area = `case when cl.region_code !~* '^JP-\\d{2}$' then coalesce(nullif(cl.region_code, ''), 'Not recorded')
    else (select a from (values (1, 1, 'Hokkaido'), (2, 7, 'Tohoku'), (8, 14, 'Kanto'), (15, 23, 'Chubu'), (24, 30, 'Kansai'), (31, 35, 'Chugoku'),
      (36, 39, 'Shikoku'), (40, 47, 'Kyushu and Okinawa')) v(lo, hi, a) where substr(cl.region_code, 4)::int between lo and hi) end`;
  return db.query(
    `with p as (
       select c.id, c.closure_outcome, ${months} as months,
         case when cl.date_of_birth is null then 'Not recorded' when ${age} < 15 then 'Under 15' when ${age} >= 65 then '65+'
           when ${age} < 25 then '15' else ((${age} - 5) / 10 * 10 + 5)::text end as age_band,
         cl.sex_gender::text as sex, ${area} as area, extract(year from c.referral_date)::int as year, c.referral_source::text as source
       from cases c join clients cl on cl.id = c.client_id
       where cl.stats_consent and c.referral_date <= $2::date and (c.closed_on is null or c.closed_on >= $1::date)),
     cats as (select s.case_id, n.names from case_factor_sets s join (select d.fs, (select string_agg(distinct cat.name, '; ' order by cat.name)
         from unnest(d.fs) t(factor_id) join factors f on f.id = t.factor_id join factor_categories cat on cat.id = f.category_id) as names
       from (select distinct factor_ids as fs from case_factor_sets) d) n on n.fs = s.factor_ids),
     bands as (select case_id, jsonb_object_agg(instrument, jsonb_build_object('first', first, 'latest', latest)) as bands from (
       select r.case_id, r.instrument, (array_agg(r.band_label order by r.administered_on, r.recorded_at))[1] as first,
         (array_agg(r.band_label order by r.administered_on desc, r.recorded_at desc))[1] as latest
       from measure_results r join p on p.id = r.case_id where r.superseded_at is null and r.administered_on <= $2::date group by 1, 2) b group by case_id),
     rows as (select p.*, cats.names, bands.bands, count(*) over (partition by age_band, sex, area, year, source) as size
       from p left join cats on cats.case_id = p.id left join bands on bands.case_id = p.id)
     select md5(random()::text) as pseudonym, age_band, sex, area, year, source, months, names, closure_outcome, bands from rows where size >= $3
     order by 1`,
    [start, end, k],
  );
}
