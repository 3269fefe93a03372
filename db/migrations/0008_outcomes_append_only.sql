-- Outcome history is append-only, like notes: a result is corrected by a newer one, a milestone
-- is undone by marking it removed. The one change each row accepts is that mark, made once.
CREATE FUNCTION outcome_rows_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  mark text[] := CASE TG_TABLE_NAME
    WHEN 'measure_results' THEN ARRAY['superseded_at']
    ELSE ARRAY['removed_at', 'removed_by', 'removal_reason']
  END;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF to_jsonb(NEW) - mark IS DISTINCT FROM to_jsonb(OLD) - mark THEN
    RAISE EXCEPTION '% rows cannot be changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF to_jsonb(OLD) -> mark[1] <> 'null'::jsonb THEN
    RAISE EXCEPTION 'this % row is already marked', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_results_guard
  BEFORE UPDATE OR DELETE ON measure_results
  FOR EACH ROW EXECUTE FUNCTION outcome_rows_guard();
--> statement-breakpoint
CREATE TRIGGER measure_results_no_truncate
  BEFORE TRUNCATE ON measure_results
  FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_milestones_guard
  BEFORE UPDATE OR DELETE ON case_milestones
  FOR EACH ROW EXECUTE FUNCTION outcome_rows_guard();
--> statement-breakpoint
CREATE TRIGGER case_milestones_no_truncate
  BEFORE TRUNCATE ON case_milestones
  FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_refuse_change();
