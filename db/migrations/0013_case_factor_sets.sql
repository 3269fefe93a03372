CREATE TABLE "case_factor_sets" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"factor_ids" uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_factor_sets" ADD CONSTRAINT "case_factor_sets_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Found by the service-scale benchmark (docs/performance.md): a report counted the factor sets of
-- a whole service's cases by grouping ~250,000 tags by case, sorting each case's (250 ms). Each
-- tagged case's current factors are now kept here, in the transaction that tags or untags, and a
-- report groups these rows instead. A case that loses its last tag keeps a row with no factors
-- (the application cannot delete).
--
-- Recomputes the given cases' sets from their current tags. Each set's row is first made to exist
-- and locked, which waits for any transaction tagging the same case; the recount then runs on a
-- fresh snapshot that includes that transaction's tags (read committed; each statement here takes
-- its own snapshot). Only the sets are locked, never the cases, which the application locks first
-- and other tables' foreign keys share: either would risk a deadlock.
CREATE FUNCTION case_factor_sets_refresh(case_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(case_ids) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO case_factor_sets (case_id, factor_ids)
    SELECT DISTINCT w.id, '{}'::uuid[] FROM unnest(case_ids) w(id) ORDER BY 1
    ON CONFLICT DO NOTHING;
  PERFORM 1 FROM case_factor_sets WHERE case_id = ANY (case_ids) ORDER BY case_id FOR UPDATE;
  UPDATE case_factor_sets s SET factor_ids = t.factor_ids
  FROM (
    SELECT w.id, coalesce(array_agg(cf.factor_id ORDER BY cf.factor_id) FILTER (WHERE cf.factor_id IS NOT NULL), '{}') AS factor_ids
    FROM (SELECT DISTINCT unnest(case_ids) AS id) w
      LEFT JOIN case_factors cf ON cf.case_id = w.id AND cf.removed_at IS NULL
    GROUP BY w.id
  ) t
  WHERE s.case_id = t.id AND s.factor_ids IS DISTINCT FROM t.factor_ids;
END;
$$;
--> statement-breakpoint
-- Every case a statement touched, before and after: tagging, untagging and (harmlessly) marking
-- the primary factor, and any change made outside the application.
CREATE FUNCTION case_factors_refresh_sets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM case_factor_sets_refresh(array(SELECT a.case_id FROM new_rows a));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM case_factor_sets_refresh(array(SELECT a.case_id FROM new_rows a UNION SELECT b.case_id FROM old_rows b));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM case_factor_sets_refresh(array(SELECT b.case_id FROM old_rows b));
  ELSE
    UPDATE case_factor_sets SET factor_ids = '{}' WHERE factor_ids <> '{}';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_factors_refresh_insert AFTER INSERT ON case_factors
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_factors_refresh_sets();
--> statement-breakpoint
CREATE TRIGGER case_factors_refresh_update AFTER UPDATE ON case_factors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_factors_refresh_sets();
--> statement-breakpoint
CREATE TRIGGER case_factors_refresh_delete AFTER DELETE ON case_factors
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_factors_refresh_sets();
--> statement-breakpoint
CREATE TRIGGER case_factors_refresh_truncate AFTER TRUNCATE ON case_factors
  FOR EACH STATEMENT EXECUTE FUNCTION case_factors_refresh_sets();
--> statement-breakpoint
-- Every set recomputed at once: here for the tags that exist before this migration, and after a
-- bulk load that ran with triggers off (the benchmark's generator). It locks out tagging while it
-- runs: for migrations and bulk loads, never for the application.
CREATE FUNCTION case_factor_sets_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE case_factors IN SHARE ROW EXCLUSIVE MODE;
  PERFORM case_factor_sets_refresh(array(SELECT case_id FROM case_factors UNION SELECT case_id FROM case_factor_sets));
END;
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION case_factor_sets_rebuild() FROM PUBLIC;
--> statement-breakpoint
SELECT case_factor_sets_rebuild();
