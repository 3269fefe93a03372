import { faker } from "@faker-js/faker";
import type { DatabaseHandle } from "../db/client";
import { instruments } from "@/lib/measures/instruments";
import { bandFor } from "@/lib/measures/scoring";
import { BENCH_EMAIL, type Scale } from "./scale";

// md5 with the version and variant digits of a v4 uuid, which the app's uuid checks expect.
const id = (kind: string, n: string) => `overlay(overlay(md5('${kind}' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;
const team = (n: string) => id("team", n);
const counsellor = (n: string) => id("counsellor", n);
const caseId = (n: string) => id("case", n);
/** A repeatable number from 0 to 2^28 for a row, where random() would be evaluated only once. */
const hash = (expr: string, salt: string) => `(('x' || substr(md5(${expr} || '${salt}'), 1, 7))::bit(28)::int)`;
/** One of the values, at random, cast to the enum. */
const pick = (type: string, values: string[]) => `(array[${values.map((v) => `'${v}'`).join(",")}])[1 + floor(random() * ${values.length})::int]::${type}`;

export type Generated = { seconds: number; rows: Record<string, number> };

/**
 * Synthetic service data, written by INSERT … SELECT over generate_series so that the database
 * does the work (one statement per table, no rows through Node). Ids are md5 of a name and a
 * number, so every statement can find the rows of the one before without a lookup; random()
 * after setseed() and a fixed faker seed make a run repeatable. Proportions follow the demo
 * data: ~10 notes, ~3 results, ~2.5 factors and ~2 milestones per case.
 */
export async function generate(db: DatabaseHandle, scale: Scale, passwordHash: string): Promise<Generated> {
  const started = performance.now();
  const q = (text: string, params: unknown[] = []) => db.query(text, params);
  faker.seed(9009);
  await q(`select setseed(0.9009)`);
  // Foreign-key checks are triggers, and at a million rows they cost more than the inserts. Every
  // id below is taken from the table it references, so they are skipped during the load and the
  // whole data set is checked against every foreign key at the end (verifyForeignKeys). Check
  // constraints, unique indexes and NOT NULL still apply to each row.
  await q(`set session_replication_role = replica`);
  await writePools(q);
  const { teams: T, counsellors: C, cases: N } = scale;

  await q(`insert into teams (id, name) select ${team("t")}, 'Team ' || t from generate_series(0, $1 - 1) t`, [T]);
  // Counsellor k belongs to team k % T; one supervisor per team; one admin and one analyst.
  await q(
    `insert into accounts (id, email, name, role, team_id, password_hash, password_changed_at)
     select ${counsellor("k")}, 'counsellor' || k || '${BENCH_EMAIL}', g.v || ' ' || f.v, 'counsellor', ${team("(k % $2)")}, $3, now()
     from generate_series(0, $1 - 1) k join bench_given g on g.n = k % 400 join bench_family f on f.n = k * 7 % 400`,
    [C, T, passwordHash],
  );
  await q(
    `insert into accounts (id, email, name, role, team_id, password_hash, password_changed_at)
     select ${id("supervisor", "t")}, 'supervisor' || t || '${BENCH_EMAIL}', 'Supervisor ' || t, 'supervisor'::account_role, ${team("t")}, $2, now()
     from generate_series(0, $1 - 1) t
     union all select ${id("admin", "''")}, 'admin${BENCH_EMAIL}', 'Bench Admin', 'admin'::account_role, null::uuid, $2, now()
     union all select ${id("analyst", "''")}, 'analyst${BENCH_EMAIL}', 'Bench Analyst', 'analyst'::account_role, null::uuid, $2, now()`,
    [T, passwordHash],
  );
  // Supervisors may choose the service-wide scope, so the bench can time it.
  await q(`update service_settings set supervisors_see_service = true`);

  await q(
    `insert into clients (id, given_name, family_name, date_of_birth, phone, sex_gender, region_code, stats_consent, stats_consent_date)
     select ${id("client", "i")}, g.v, f.v,
       current_date - (5480 + floor(random() * 14600))::int, '090-' || lpad((i % 100000000)::text, 8, '0'),
       (array['female','male','male','female','non_binary','other','not_stated'])[1 + floor(random() * 7)::int]::sex_gender,
       'JP-' || lpad((1 + floor(random() * 47))::int::text, 2, '0'), random() < 0.85, current_date - 30
     from generate_series(0, $1 - 1) i join bench_given g on g.n = i % 400 join bench_family f on f.n = i * 31 % 400`,
    [N],
  );
  // Status mix of a mature service: two in five closed, most of the rest active.
  await q(
    `with g as (select i, random() as x, current_date - floor(random() * 2190)::int as referral, 30 + floor(random() * 700)::int as stay
       from generate_series(0, $1 - 1) i)
     insert into cases (id, reference, client_id, counsellor_id, team_id, status, referral_source, referral_date, withdrawal_onset,
       living_situation, risk_level, closed_on, closure_outcome, last_contact_on, next_contact_on, next_contact_modality, created_by)
     select ${caseId("i")}, 'TSU-B' || lpad(i::text, 7, '0'), ${id("client", "i")}, ${counsellor("(i % $2)")}, ${team("(i % $2 % $3)")},
       s.status, ${pick("referral_source", ["self", "family", "family", "school", "health_service", "social_services", "employment_service", "other"])},
       g.referral, date_trunc('month', g.referral - (90 + floor(random() * 3000))::int)::date,
       ${pick("living_situation", ["with_parents", "with_parents", "with_other_family", "alone", "with_partner", "shared_housing", "supported_housing", "other"])},
       ${pick("risk_level", ["low", "low", "medium", "high"])},
       case when s.status = 'closed' then least(current_date, g.referral + g.stay) end,
       case when s.status = 'closed' then ${pick("closure_outcome", ["returned_to_education", "returned_to_employment", "community_activity", "improved_still_withdrawn", "no_change", "lost_contact", "transferred", "moved_away", "other"])} end,
       least(current_date, g.referral + floor(random() * 400)::int), case when s.status <> 'closed' then current_date + floor(random() * 21)::int end,
       case when s.status <> 'closed' then 'home_visit'::note_modality end, ${counsellor("(i % $2)")}
     from g cross join lateral (select (case when g.x < 0.05 then 'referred' when g.x < 0.13 then 'assessment' when g.x < 0.53 then 'active'
       when g.x < 0.60 then 'paused' else 'closed' end)::case_status as status) s`,
    [N, C, T],
  );
  // The path each case took to its status, one row per step, plus its one assignment.
  await q(
    `insert into case_status_history (case_id, from_status, to_status, changed_by, changed_at)
     select c.id, p.path[k - 1], p.path[k], c.counsellor_id, c.referral_date + (k - 1) * 14
     from cases c cross join lateral (select case c.status
         when 'referred' then array['referred'] when 'assessment' then array['referred','assessment']
         when 'active' then array['referred','assessment','active'] when 'paused' then array['referred','assessment','active','paused']
         else array['referred','assessment','active','closed'] end::case_status[] as path) p
       cross join lateral generate_series(1, cardinality(p.path)) k`,
  );
  await q(
    `insert into case_assignments (case_id, counsellor_id, assigned_by, assigned_at)
     select c.id, c.counsellor_id, c.counsellor_id, c.referral_date from cases c`,
  );
  await q(
    `insert into case_flags (case_id, kind, raised_by) select c.id, ${pick("flag_kind", ["self_harm_risk", "safeguarding", "family_in_crisis", "other"])}, c.counsellor_id
     from cases c where random() < 0.06`,
  );
  // 1–4 consecutive (so distinct) factors of the taxonomy per case, the first one primary.
  await q(
    `with f as (select array_agg(id order by code) as ids, count(*)::int as n from factors)
     insert into case_factors (case_id, factor_id, is_primary, added_by, added_at)
     select c.id, f.ids[1 + (${hash("c.reference", "f")} + k) % f.n], k = 0, c.counsellor_id, c.referral_date
     from cases c cross join f cross join lateral generate_series(0, ${hash("c.reference", "m")} % 4) k`,
  );
  await q(
    `insert into case_milestones (case_id, milestone, reached_on, recorded_by)
     select c.id, (enum_range(null::milestone))[k], least(current_date, c.referral_date + k * 45), c.counsellor_id
     from cases c cross join lateral generate_series(1, ${hash("c.reference", "s")} % 5) k`,
  );
  // Three in a hundred notes still drafts; a signed note carries a fingerprint (not a real one:
  // the timeline checks it the same way and flags it, which costs the same). Supervisors have
  // reviewed nearly every signed note older than two weeks, so the review queue is a backlog,
  // not the whole history.
  await q(
    `insert into session_notes (case_id, author_id, session_date, start_time, duration_minutes, modality, attendees, template, content,
       days_out, status, signed_by, signed_at, content_hash, reviewed_by, reviewed_at)
     select c.id, c.counsellor_id, n.day, '10:00', 30 + floor(random() * 60)::int,
       (enum_range(null::note_modality))[1 + floor(random() * 7)::int], array['client']::note_attendee[], 'soap',
       jsonb_build_object('subjective', s.v, 'plan', p.v),
       case when random() < 0.3 then floor(random() * 8)::int end,
       n.status, case when n.status = 'signed' then c.counsellor_id end,
       case when n.status = 'signed' then n.day + time '18:00' end, case when n.status = 'signed' then md5(c.id::text || n.k) end,
       case when n.reviewed and n.status = 'signed' then sup.id end, case when n.reviewed and n.status = 'signed' then n.day + 3 + time '12:00' end
     from cases c join accounts sup on sup.team_id = c.team_id and sup.role = 'supervisor'
       cross join lateral (select k, least(current_date, c.referral_date + k * 21) as day,
         (case when random() < 0.03 then 'draft' else 'signed' end)::note_status as status, floor(random() * 300)::int as s, floor(random() * 300)::int as p,
         random() < 0.95 and c.referral_date + k * 21 < current_date - 14 as reviewed
         from generate_series(1, 1 + ${hash("c.reference", "n")} % ${2 * scale.notesPerCase - 1}) k) n
       join bench_text s on s.n = n.s join bench_text p on p.n = n.p`,
  );
  await q(
    `insert into measure_results (case_id, instrument, administered_on, total, band_code, band_label, concern, direction, recorded_by)
     select c.id, b.instrument, least(current_date, c.referral_date + r.k * 90), b.total, b.code, b.label, b.concern, b.direction::measure_direction, c.counsellor_id
     from cases c cross join lateral (select k, floor(random() * (select count(*) from bench_bands))::int as pick
         from generate_series(1, 1 + ${hash("c.reference", "r")} % ${2 * scale.resultsPerCase - 1}) k) r
       join bench_bands b on b.n = r.pick`,
  );
  await q(`set session_replication_role = default`);
  await verifyForeignKeys(q);
  // The load ran with triggers off, so what they keep (outcome summaries, each case's factors) is built once here.
  await q(`select outcome_summaries_rebuild()`);
  await q(`select case_factor_sets_rebuild()`);
  // A database in service has been vacuumed: the visibility map lets index-only scans skip the heap.
  await q(`vacuum analyze`);
  // And its pages are on disk: otherwise the checkpoint after a load of a million rows writes them
  // out during the first minutes of timing.
  await q(`checkpoint`).catch((error: Error) => console.warn(`No checkpoint after the load (${error.message}); the first timings may include its writes.`));
  const counts = await q(
    `select (select count(*) from cases)::int as cases, (select count(*) from session_notes)::int as notes,
       (select count(*) from measure_results)::int as results, (select count(*) from case_factors)::int as factors,
       (select count(*) from case_milestones)::int as milestones, (select count(*) from case_status_history)::int as history`,
  );
  return { seconds: (performance.now() - started) / 1000, rows: counts[0] as Record<string, number> };
}

/** Fails the run if any row points at a row that does not exist, for every single-column foreign key. */
async function verifyForeignKeys(q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) {
  const keys = (await q(
    `select conrelid::regclass::text as child, a.attname as col, confrelid::regclass::text as parent, b.attname as ref
     from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
       join pg_attribute b on b.attrelid = k.confrelid and b.attnum = k.confkey[1]
     where k.contype = 'f' and cardinality(k.conkey) = 1 and k.connamespace = 'public'::regnamespace`,
  )) as { child: string; col: string; parent: string; ref: string }[];
  const broken = await q(
    keys
      .map((k) => `select '${k.child}.${k.col}' as fk, count(*)::int as n from ${k.child} c where c.${k.col} is not null and not exists (select 1 from ${k.parent} p where p.${k.ref} = c.${k.col})`)
      .join(" union all "),
  );
  const bad = broken.filter((row) => Number(row.n) > 0);
  if (bad.length) throw new Error(`Generated rows break foreign keys: ${bad.map((b) => `${b.fk} (${b.n})`).join(", ")}`);
}

/** Names, note text and every (instrument, total) with its band as the real scoring gives it. */
async function writePools(q: (text: string, params?: unknown[]) => Promise<unknown>) {
  const given = Array.from({ length: 400 }, () => faker.person.firstName());
  const family = Array.from({ length: 400 }, () => faker.person.lastName());
  const text = Array.from({ length: 300 }, () => faker.lorem.sentences({ min: 2, max: 5 }));
  // Small keyed tables, joined by number: an array column would be detoasted once per row.
  for (const [table, values] of Object.entries({ bench_given: given, bench_family: family, bench_text: text })) {
    await q(`create temp table ${table} as select (ord - 1)::int as n, v from jsonb_array_elements_text($1::jsonb) with ordinality t(v, ord)`, [
      JSON.stringify(values),
    ]);
  }
  const bands = instruments.flatMap((instrument) =>
    Array.from({ length: instrument.total.max - instrument.total.min + 1 }, (_, i) => {
      const total = instrument.total.min + i;
      const band = bandFor(instrument, total);
      return { instrument: instrument.code, total, code: band.code, label: band.label, concern: band.concern, direction: instrument.direction };
    }),
  );
  await q(
    `create temp table bench_bands as select (row_number() over () - 1)::int as n, b.*
       from jsonb_to_recordset($1::jsonb) as b(instrument text, total int, code text, label text, concern boolean, direction text)`,
    [JSON.stringify(bands)],
  );
}
