CREATE TABLE "outcome_summaries" (
	"case_id" uuid NOT NULL,
	"instrument" text NOT NULL,
	"direction" text,
	"observations" integer NOT NULL,
	"first" bigint[],
	"latest" bigint[],
	CONSTRAINT "outcome_summaries_case_id_instrument_pk" PRIMARY KEY("case_id","instrument")
);
--> statement-breakpoint
ALTER TABLE "outcome_summaries" ADD CONSTRAINT "outcome_summaries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Found by the service-scale benchmark (docs/performance.md): outcome change over a whole service
-- grouped ~440,000 observations per report (1 s). Each case's first and latest observation per
-- instrument is now kept here by the triggers below, in the same transaction as the result or
-- note, and a report whose period ends today reads one row per case and instrument.
--
-- The chronological key of an observation (lib/reports/chronological.ts): it sorts by day, then
-- by time recorded, so min() is the first value and max() the latest.
CREATE FUNCTION outcome_key(day date, at timestamptz, value integer) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array[(day - date '2000-01-01')::bigint, (extract(epoch from at) * 1000000)::bigint, value::bigint]
$$;
--> statement-breakpoint
CREATE TYPE outcome_observation AS (case_id uuid, instrument text, direction text, k bigint[]);
--> statement-breakpoint
-- New observations only add: first and latest move outwards and the count goes up, so concurrent
-- inserts commute (each waits on the row for the one before it).
CREATE FUNCTION outcome_summaries_add(added outcome_observation[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO outcome_summaries AS s (case_id, instrument, direction, observations, first, latest)
  SELECT o.case_id, o.instrument, min(o.direction), count(*)::int, min(o.k), max(o.k)
  FROM unnest(added) o
  GROUP BY o.case_id, o.instrument
  ORDER BY o.case_id, o.instrument
  ON CONFLICT (case_id, instrument) DO UPDATE SET
    direction = least(s.direction, excluded.direction),
    observations = s.observations + excluded.observations,
    first = least(s.first, excluded.first),
    latest = greatest(s.latest, excluded.latest)
$$;
--> statement-breakpoint
-- Recounts the given summaries from their current observations (results not superseded, and the
-- days out recorded in notes, which count as DAYSOUT): for a correction or an edited note, where
-- an observation leaves. The app role cannot delete, so a summary left with none stays at zero.
-- Under concurrency the row is first made to exist and locked, which waits for any transaction
-- adding to it; the recount then runs on a fresh snapshot that includes that transaction's work.
CREATE FUNCTION outcome_summaries_recount(case_ids uuid[], names text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outcome_summaries (case_id, instrument, observations)
    SELECT DISTINCT w.case_id, w.instrument, 0 FROM unnest(case_ids, names) w(case_id, instrument)
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  PERFORM 1 FROM outcome_summaries s JOIN unnest(case_ids, names) w(case_id, instrument) USING (case_id, instrument)
    ORDER BY s.case_id, s.instrument FOR UPDATE OF s;
  UPDATE outcome_summaries s SET direction = o.direction, observations = o.observations, first = o.first, latest = o.latest
  FROM (
    SELECT w.case_id, w.instrument, min(x.direction) AS direction, count(x.k)::int AS observations, min(x.k) AS first, max(x.k) AS latest
    FROM (SELECT DISTINCT * FROM unnest(case_ids, names) u(case_id, instrument)) w
      LEFT JOIN LATERAL (
        SELECT r.direction::text AS direction, outcome_key(r.administered_on, r.recorded_at, r.total) AS k
        FROM measure_results r WHERE r.case_id = w.case_id AND r.instrument = w.instrument AND r.superseded_at IS NULL
        UNION ALL
        SELECT 'higher_is_better', outcome_key(n.session_date, n.created_at, n.days_out)
        FROM session_notes n WHERE w.instrument = 'DAYSOUT' AND n.case_id = w.case_id AND n.days_out IS NOT NULL
      ) x ON true
    GROUP BY w.case_id, w.instrument
  ) o
  WHERE s.case_id = o.case_id AND s.instrument = o.instrument;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION measure_results_summarise() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM outcome_summaries_add(array(
      SELECT row(a.case_id, a.instrument, a.direction::text, outcome_key(a.administered_on, a.recorded_at, a.total))::outcome_observation
      FROM new_rows a WHERE a.superseded_at IS NULL));
  ELSE
    -- The one change a result accepts is its superseded mark (migration 0008).
    PERFORM outcome_summaries_recount(array_agg(a.case_id), array_agg(a.instrument))
    FROM old_rows b JOIN new_rows a USING (id) WHERE a.superseded_at IS DISTINCT FROM b.superseded_at;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION session_notes_summarise() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM outcome_summaries_add(array(
      SELECT row(a.case_id, 'DAYSOUT', 'higher_is_better', outcome_key(a.session_date, a.created_at, a.days_out))::outcome_observation
      FROM new_rows a WHERE a.days_out IS NOT NULL));
  ELSE
    -- Most note updates (autosave, signing, review) leave the days out alone and recount nothing.
    PERFORM outcome_summaries_recount(array_agg(changed.case_id), array_agg('DAYSOUT'::text))
    FROM (
      SELECT unnest(array[a.case_id, b.case_id]) AS case_id FROM old_rows b JOIN new_rows a USING (id)
      WHERE (a.case_id, a.days_out, a.session_date, a.created_at) IS DISTINCT FROM (b.case_id, b.days_out, b.session_date, b.created_at)
    ) changed;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_results_summarise_insert AFTER INSERT ON measure_results
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_results_summarise();
--> statement-breakpoint
CREATE TRIGGER measure_results_summarise_update AFTER UPDATE ON measure_results
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_results_summarise();
--> statement-breakpoint
CREATE TRIGGER session_notes_summarise_insert AFTER INSERT ON session_notes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_notes_summarise();
--> statement-breakpoint
CREATE TRIGGER session_notes_summarise_update AFTER UPDATE ON session_notes
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_notes_summarise();
--> statement-breakpoint
-- Every summary recounted at once: here for the rows that exist before this migration, and after
-- a bulk load that ran with triggers off (the benchmark's generator).
CREATE FUNCTION outcome_summaries_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE outcome_summaries IN SHARE ROW EXCLUSIVE MODE;
  UPDATE outcome_summaries SET direction = NULL, observations = 0, first = NULL, latest = NULL WHERE observations > 0;
  INSERT INTO outcome_summaries AS s (case_id, instrument, direction, observations, first, latest)
  SELECT o.case_id, o.instrument, min(o.direction), count(*)::int, min(o.k), max(o.k)
  FROM (
    SELECT r.case_id, r.instrument, r.direction::text AS direction, outcome_key(r.administered_on, r.recorded_at, r.total) AS k
    FROM measure_results r WHERE r.superseded_at IS NULL
    UNION ALL
    SELECT n.case_id, 'DAYSOUT', 'higher_is_better', outcome_key(n.session_date, n.created_at, n.days_out)
    FROM session_notes n WHERE n.days_out IS NOT NULL
  ) o
  GROUP BY o.case_id, o.instrument
  ON CONFLICT (case_id, instrument) DO UPDATE SET
    direction = excluded.direction, observations = excluded.observations, first = excluded.first, latest = excluded.latest;
END;
$$;
--> statement-breakpoint
-- A rebuild locks out every note and result write while it recounts: for migrations and bulk
-- loads, never for the application.
REVOKE EXECUTE ON FUNCTION outcome_summaries_rebuild() FROM PUBLIC;
--> statement-breakpoint
SELECT outcome_summaries_rebuild();
--> statement-breakpoint
-- Whether any observation is dated after a period's last day: the reports read the summaries
-- only when none is (lib/reports/chronological.ts).
CREATE INDEX "outcome_summaries_latest_day_idx" ON "outcome_summaries" USING btree ((latest[1]));
--> statement-breakpoint
-- The review queue's count over a whole service read every unreviewed note's row to find its
-- case (117,000 of them in the benchmark, 230 ms); with the case in the index it reads only the index.
DROP INDEX "session_notes_unreviewed_idx";
--> statement-breakpoint
CREATE INDEX "session_notes_unreviewed_idx" ON "session_notes" USING btree ("signed_at") INCLUDE ("case_id") WHERE "status" = 'signed' AND "reviewed_at" IS NULL;
