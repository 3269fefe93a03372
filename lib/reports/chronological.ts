import { sql, type SQL } from "drizzle-orm";

/**
 * A value keyed by when it was observed (day, then time recorded), as an array that sorts in that
 * order: min() gives the first value and max() the latest. Over a whole service this is a plain
 * hash aggregate, where array_agg(… order by …)[1] sorted every case's results (8.7 s → see
 * docs/performance.md). The SQL function `outcome_key` (migration 0012) is the one definition,
 * shared with the triggers that keep outcome_summaries; `outcome_value` (migration 0014) reads the
 * value back, as in `outcome_value(min(k))`.
 */
export const chronological = (day: SQL, at: SQL, value: SQL) => sql`outcome_key(${day}, ${at}, ${value})`;

/**
 * For each case of the CTE `p` (with an `id`) and each instrument with two or more observations up
 * to the day `to`: its direction and first and latest value, and `carried`, a column of the case
 * in `p`. `p` should be NOT MATERIALIZED: it is read by both branches below, and materialised it
 * loses the parallel hash join (joining it again for `carried` would too). Days out recorded in notes count
 * as DAYSOUT. When no observation anywhere is dated after `to` (any period that ends today, as
 * nothing can be dated in the future), the summaries the triggers keep are exactly those
 * observations and are read instead (one row per case and instrument); otherwise the observations
 * up to `to` are counted. The database decides, on the data: one index probe, and only the chosen
 * branch runs. The count's condition stands outside it (OFFSET 0 keeps it there): pushed inside, it
 * still launched the count's parallel workers when the summaries were read (~10 ms a report).
 */
export function firstAndLatest(to: string, carried: SQL = sql`null::int`): SQL {
  const later = sql`exists (select 1 from outcome_summaries later where later.latest[1] > (${to}::date - date '2000-01-01')::bigint)`;
  return sql`select s.case_id, s.instrument, s.direction, s.first_value as first, s.latest_value as latest, ${carried} as carried
    from outcome_summaries s join p on p.id = s.case_id where s.observations >= 2 and not ${later}
    union all
    select * from (select o.case_id, o.instrument, min(o.direction) as direction, outcome_value(min(o.k)) as first, outcome_value(max(o.k)) as latest, o.carried
    from (
      select r.case_id, r.instrument, r.direction::text as direction,
        ${chronological(sql`r.administered_on`, sql`r.recorded_at`, sql`r.total`)} as k, ${carried} as carried
      from measure_results r join p on p.id = r.case_id where r.superseded_at is null and r.administered_on <= ${to}::date
      union all
      select n.case_id, 'DAYSOUT', 'higher_is_better', ${chronological(sql`n.session_date`, sql`n.created_at`, sql`n.days_out`)}, ${carried}
      from session_notes n join p on p.id = n.case_id where n.days_out is not null and n.session_date <= ${to}::date
    ) o
    group by o.case_id, o.instrument, o.carried having count(*) >= 2 offset 0) counted
    where ${later}`;
}
