-- Found by the service-scale benchmark (docs/performance.md, fifth round): the whole-service report
-- read every outcome summary's row (46 MB with its arrays, half of it cases with one observation)
-- to take two numbers from each, the caseload read every case's row in counsellor order, and the
-- status flow read the whole status history for a year of it.
-- The first and latest values become plain columns, computed by the database from the keys the
-- triggers keep, so nothing else has to write them.
ALTER TABLE "outcome_summaries" ADD COLUMN "first_value" integer GENERATED ALWAYS AS ((first[3])::integer) STORED;--> statement-breakpoint
ALTER TABLE "outcome_summaries" ADD COLUMN "latest_value" integer GENERATED ALWAYS AS ((latest[3])::integer) STORED;--> statement-breakpoint
-- Outcome change reads only the summaries with two or more observations, and only these columns:
-- an index-only scan of this index (10 MB at 100,000 cases). drizzle-orm cannot declare INCLUDE
-- columns, hence hand-written.
CREATE INDEX "outcome_summaries_change_idx" ON "outcome_summaries" USING btree ("case_id") INCLUDE ("instrument", "direction", "first_value", "latest_value") WHERE "observations" >= 2;--> statement-breakpoint
-- The caseload's per-counsellor figures need these columns of every case, in counsellor order:
-- the index the case list already uses for a counsellor's cases now carries them.
DROP INDEX "cases_counsellor_status_idx";--> statement-breakpoint
CREATE INDEX "cases_counsellor_status_idx" ON "cases" USING btree ("counsellor_id", "status") INCLUDE ("referral_date", "closed_on", "last_contact_on");--> statement-breakpoint
-- The status changes in a period, read by their time alone (with the case, for a team's report).
CREATE INDEX "case_status_history_changed_idx" ON "case_status_history" USING btree ("changed_at") INCLUDE ("from_status", "to_status", "case_id");
