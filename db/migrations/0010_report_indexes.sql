-- Found by the service-scale benchmark (docs/performance.md): reports over a period read notes
-- by session date, and outcome change reads every days-out observation of the period's cases.
-- Both scanned the whole notes table (~1M rows with their content); these covering indexes let
-- them read only the columns they aggregate (index-only scans). drizzle-orm cannot declare
-- INCLUDE columns, hence a hand-written migration.
CREATE INDEX "session_notes_session_date_idx" ON "session_notes" USING btree ("session_date") INCLUDE ("author_id", "duration_minutes", "case_id");
--> statement-breakpoint
CREATE INDEX "session_notes_days_out_idx" ON "session_notes" USING btree ("case_id") INCLUDE ("session_date", "created_at", "days_out") WHERE "days_out" IS NOT NULL;
