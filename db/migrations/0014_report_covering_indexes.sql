-- Found by the service-scale benchmark (docs/performance.md, fifth round): the whole-service report
-- read every outcome summary's row (46 MB with its arrays, half of it cases with one observation)
-- to take two numbers from each, the status flow read the whole status history for a year of it,
-- and the caseload read every case's row in counsellor order. drizzle-orm cannot declare INCLUDE
-- columns, hence the hand-written indexes. The cases index comes last: its DROP locks every read
-- of cases until the migration commits, so nothing else is built while it is held.
--
-- The value of a chronological key ([day, time recorded, value], outcome_key in migration 0012):
-- the one place that knows where the value sits.
CREATE FUNCTION outcome_value(key bigint[]) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT key[3]::integer
$$;--> statement-breakpoint
-- The first and latest values as plain columns, computed by the database from the keys the
-- triggers keep, so no writer has to set them. One statement: the table is rewritten once.
ALTER TABLE "outcome_summaries" ADD COLUMN "first_value" integer GENERATED ALWAYS AS (outcome_value(first)) STORED, ADD COLUMN "latest_value" integer GENERATED ALWAYS AS (outcome_value(latest)) STORED;--> statement-breakpoint
-- Outcome change reads only the summaries with two or more observations, and only these columns
-- (10 MB at 100,000 cases against 46 MB of rows). Rows changed since the last vacuum are still
-- read from the table: summaries change with every result and every note's days out.
CREATE INDEX "outcome_summaries_change_idx" ON "outcome_summaries" USING btree ("case_id") INCLUDE ("instrument", "direction", "first_value", "latest_value") WHERE "observations" >= 2;--> statement-breakpoint
-- The status changes in a period, read by their time alone (with the case, for a team's report).
CREATE INDEX "case_status_history_changed_idx" ON "case_status_history" USING btree ("changed_at") INCLUDE ("from_status", "to_status", "case_id");--> statement-breakpoint
-- The caseload's per-counsellor figures need these columns of every case, in counsellor order:
-- the index the case list already uses for a counsellor's cases now carries them. The price: a
-- note that moves a case's last contact now updates this index too (no longer a heap-only update).
DROP INDEX "cases_counsellor_status_idx";--> statement-breakpoint
CREATE INDEX "cases_counsellor_status_idx" ON "cases" USING btree ("counsellor_id", "status") INCLUDE ("referral_date", "closed_on", "last_contact_on");
