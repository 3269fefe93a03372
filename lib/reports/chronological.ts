import { sql, type SQL } from "drizzle-orm";

/**
 * A value keyed by when it was observed (day, then time recorded), as an array that sorts in that
 * order: min() gives the first value and max() the latest. Over a whole service this is a plain
 * hash aggregate, where array_agg(… order by …)[1] sorted every case's results (8.7 s → see
 * docs/performance.md). Read the value back with `(min(k))[3]` / `(max(k))[3]`.
 */
export const chronological = (day: SQL, at: SQL, value: SQL) =>
  sql`array[(${day} - date '2000-01-01')::bigint, (extract(epoch from ${at}) * 1000000)::bigint, ${value}::bigint]`;
