-- TRUNCATE skips row triggers, so it needs its own refusal to keep the audit trail append-only.
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
