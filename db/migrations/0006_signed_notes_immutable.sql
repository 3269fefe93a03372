-- Clinical record integrity: a signed note is final. No code path, raw SQL included, may change
-- its content, and no note is ever deleted. The only change a signed note accepts is the
-- supervisor's review, once. Columns are compared as a whole row, so a column added later is
-- protected without anyone remembering to list it here.
CREATE FUNCTION session_notes_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  review_columns text[] := ARRAY['reviewed_by', 'reviewed_at', 'review_comment', 'version', 'updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'session notes are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'signed' THEN
    IF to_jsonb(NEW) - review_columns IS DISTINCT FROM to_jsonb(OLD) - review_columns THEN
      RAISE EXCEPTION 'signed note % cannot be changed; add an addendum instead', OLD.id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.reviewed_at IS NOT NULL AND (NEW.reviewed_by, NEW.reviewed_at, NEW.review_comment)
        IS DISTINCT FROM (OLD.reviewed_by, OLD.reviewed_at, OLD.review_comment) THEN
      RAISE EXCEPTION 'the review of note % is already recorded', OLD.id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_notes_guard
  BEFORE UPDATE OR DELETE ON session_notes
  FOR EACH ROW EXECUTE FUNCTION session_notes_guard();
--> statement-breakpoint
CREATE FUNCTION clinical_rows_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% refused on %: clinical records are append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- TRUNCATE skips row triggers, so it needs its own refusal.
CREATE TRIGGER session_notes_no_truncate
  BEFORE TRUNCATE ON session_notes
  FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER note_addenda_append_only
  BEFORE UPDATE OR DELETE ON note_addenda
  FOR EACH ROW EXECUTE FUNCTION clinical_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER note_addenda_no_truncate
  BEFORE TRUNCATE ON note_addenda
  FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_refuse_change();
--> statement-breakpoint
-- An addendum corrects a signed note; a draft is simply edited.
CREATE FUNCTION note_addenda_require_signed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM session_notes WHERE id = NEW.note_id AND status = 'signed') THEN
    RAISE EXCEPTION 'addenda can only be added to a signed note' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER note_addenda_require_signed
  BEFORE INSERT ON note_addenda
  FOR EACH ROW EXECUTE FUNCTION note_addenda_require_signed();
