-- Appends one audit event to the hash chain in a single statement (lib/audit.ts).
--
-- Found by the service-scale benchmark (docs/performance.md): the append was four round trips
-- (lock, read the last hash, insert, and for reads a transaction of its own around them), and the
-- chain lock stayed held while the Node process, busy rendering other pages, got round to sending
-- the next statement, so under load every audited request queued behind the slowest event loop.
-- Here the lock, the read and the insert run inside the server; for an event with no other write
-- the statement is its own transaction, so the lock is never held across a round trip.
--
-- The application computes the row's canonical encoding (it does not depend on the previous hash);
-- the hash is SHA-256 over the previous hash, a newline and that encoding, exactly as
-- lib/audit-chain.ts computes it, and `npm run audit:verify` recomputes every link from the stored
-- columns, so an encoding that does not match the row is reported as a broken link.
--
-- VOLATILE on purpose: in READ COMMITTED each statement of a volatile function takes a fresh
-- snapshot, so the last hash is read after the lock is granted and sees the event committed by
-- the previous holder.
CREATE FUNCTION "audit_append"(
  "p_occurred_at" timestamptz,
  "p_actor_id" uuid,
  "p_actor_role" text,
  "p_action" text,
  "p_entity_type" text,
  "p_entity_id" text,
  "p_case_id" uuid,
  "p_outcome" "audit_outcome",
  "p_ip" text,
  "p_user_agent" text,
  "p_request_id" text,
  "p_details" jsonb,
  "p_encoded" text
) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(7270002);
  SELECT "hash" INTO previous FROM "audit_events" ORDER BY "id" DESC LIMIT 1;
  previous := coalesce(previous, repeat('0', 64));
  INSERT INTO "audit_events" (
    "occurred_at", "actor_id", "actor_role", "action", "entity_type", "entity_id", "case_id",
    "outcome", "ip", "user_agent", "request_id", "details", "prev_hash", "hash"
  ) VALUES (
    p_occurred_at, p_actor_id, p_actor_role, p_action, p_entity_type, p_entity_id, p_case_id,
    p_outcome, p_ip, p_user_agent, p_request_id, p_details, previous,
    encode(sha256(convert_to(previous || E'\n' || p_encoded, 'UTF8')), 'hex')
  );
END
$$;
