import { sql, type SQL } from "drizzle-orm";

/**
 * A CTE body: the distinct sets of current factors among the cases of the CTE `p`, each with how
 * many cases have it (`n`) and the sum of `keyed`, a column of `p`, over them (`keys`). The sets
 * are kept per case by the database (case_factor_sets, migration 0013); cases without a factor
 * are no set. A service's cases share few sets (124 for 73,000 cases in the benchmark), so every
 * factor, category and pair count is a sum over them.
 */
export const factorSets = (keyed: SQL = sql`0`): SQL => sql`
  select s.factor_ids as fs, count(*)::int as n, sum(${keyed}) as keys
  from case_factor_sets s join p on p.id = s.case_id where s.factor_ids <> '{}' group by s.factor_ids`;
