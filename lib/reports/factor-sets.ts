import { sql, type SQL } from "drizzle-orm";

/**
 * A CTE body: the distinct sets of current factors among the cases of the CTE `p`, each with how
 * many cases have it (`n`) and the sum of `keyed`, a column of `p`, over them (`keys`). A case has
 * a factor at most once (case_factors_current_key), and a service's cases share few sets (124 for
 * 73,000 cases in the benchmark), so every factor, category and pair count is a sum over them.
 */
export const factorSets = (keyed: SQL = sql`0`): SQL => sql`
  select fs, count(*)::int as n, sum(keyed) as keys from (
    select array_agg(cf.factor_id order by cf.factor_id) as fs, min(${keyed}) as keyed
    from case_factors cf join p on p.id = cf.case_id where cf.removed_at is null group by cf.case_id
  ) per_case group by fs`;
