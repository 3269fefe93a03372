-- Found by the service-scale benchmark (docs/performance.md, eighth round): a supervisor's case
-- list read the row of every case of the team (~3,300 at 100,000 cases, spread over 2,500 pages of
-- the table) to filter, count and sort them, and then showed 50. The team index now carries every
-- column the list filters, sorts and joins on, so the page is chosen from the index and only its
-- 50 rows are read (lib/cases/queries.ts). drizzle-orm cannot declare INCLUDE columns, hence the
-- hand-written index. The price: a change to a case's last update or contact also updates this
-- index (such updates were already no longer heap-only, since migration 0014).
DROP INDEX "cases_team_status_idx";--> statement-breakpoint
CREATE INDEX "cases_team_status_idx" ON "cases" USING btree ("team_id", "status") INCLUDE ("risk_level", "counsellor_id", "referral_date", "last_contact_on", "updated_at", "reference", "client_id", "id");
