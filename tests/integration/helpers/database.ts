import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres, { type Sql, type TransactionSql } from "postgres";
import { inject } from "vitest";
import { openDatabase, wrapPglite, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { installDatabase } from "@/lib/db";

/**
 * A fresh, migrated database per test file: embedded PGlite in memory by default, or a new
 * database on the Postgres server named by TEST_DATABASE_URL when TSUNAGU_TEST_DRIVER=postgres.
 * The server database is dropped afterwards, so runs never share state.
 */
let handle: DatabaseHandle | undefined;
/** The factor taxonomy as the migrations left it, read when the database opens. */
let taxonomy: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

export const testDriver = process.env.TSUNAGU_TEST_DRIVER === "postgres" ? "postgres" : "pglite";

export async function openTestDatabase(): Promise<void> {
  if (testDriver === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TSUNAGU_TEST_DRIVER=postgres needs TEST_DATABASE_URL");
    const name = `tsunagu_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString() });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    await migrateDatabase(handle);
  } else {
    const template = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
    handle = await wrapPglite(await PGlite.create({ loadDataDir: template }));
  }
  taxonomy = JSON.stringify(await handle.query("select id, name, sort_order, retired_at, version, updated_at from factors"));
  installDatabase(handle);
}

export function testDatabase(): DatabaseHandle {
  if (!handle) throw new Error("The test database is not open");
  return handle;
}

/** A pool of one connection to the test database, so every statement shares that connection. */
export async function withOneConnection(run: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const previous = process.env.DATABASE_POOL_SIZE;
  let handle: DatabaseHandle | undefined;
  try {
    process.env.DATABASE_POOL_SIZE = "1";
    handle = await openDatabase({ url: testDatabase().url });
  } finally {
    if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = previous;
  }
  try {
    await run(handle);
  } finally {
    await handle.close();
  }
}

// Everything but the factor taxonomy, which migrations provide; factors a test added are removed.
const tables = [
  "audit_events",
  "note_addenda",
  "session_notes",
  "measure_results",
  "outcome_summaries",
  "case_factor_sets",
  "case_milestones",
  "account_tokens",
  "sessions",
  "login_attempts",
  "case_factors",
  "case_flags",
  "case_assignments",
  "case_status_history",
  "cases",
  "case_reference_counters",
  "client_contacts",
  "clients",
  "accounts",
  "teams",
];

// Append-only tables refuse TRUNCATE; a test database lifts that for the moment of a reset only.
const truncateGuards = [
  ["audit_events", "audit_events_no_truncate"],
  ["session_notes", "session_notes_no_truncate"],
  ["note_addenda", "note_addenda_no_truncate"],
  ["measure_results", "measure_results_no_truncate"],
  ["case_milestones", "case_milestones_no_truncate"],
];


/**
 * Empties every table, and puts the factor taxonomy back as the migrations shipped it: a test
 * may rename or retire a built-in factor (the fuzz test does, with real ids), and a retired
 * "depression" in the next test's fixtures failed every test after it.
 */
export async function resetTestDatabase(): Promise<void> {
  const db = testDatabase();
  for (const [table, trigger] of truncateGuards) await db.query(`alter table ${table} disable trigger ${trigger}`);
  await db.query(`truncate ${tables.join(", ")} restart identity cascade`);
  await db.query("delete from factors where code like 'custom\\_%'");
  // Names first to something unique (their ids), so restoring one never collides with another's rename.
  const shipped = "jsonb_to_recordset($1::jsonb) as s(id uuid, name text, sort_order int, retired_at timestamptz, version int, updated_at timestamptz)";
  const changed = "f.id = s.id and (f.name, f.sort_order, f.retired_at, f.version) is distinct from (s.name, s.sort_order, s.retired_at, s.version)";
  await db.query(`update factors f set name = f.id::text from ${shipped} where ${changed}`, [taxonomy]);
  await db.query(
    `update factors f set name = s.name, sort_order = s.sort_order, retired_at = s.retired_at, version = s.version, updated_at = s.updated_at
     from ${shipped} where ${changed}`,
    [taxonomy],
  );
  for (const [table, trigger] of truncateGuards) await db.query(`alter table ${table} enable trigger ${trigger}`);
  // The settings row references accounts, so the cascade empties it: put back the row the migration ships.
  await db.query("insert into service_settings (id) values (1) on conflict (id) do nothing");
}

export async function closeTestDatabase(): Promise<void> {
  await handle?.close();
  await dropDatabase?.();
  handle = undefined;
}

/** Raw SQL, the way an attacker with a database connection (or a careless script) would write it. */
export function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return testDatabase().query<T>(text, params);
}

/**
 * For tests that hold a lock on one connection: waits until exactly `expected` other backends of
 * this database wait on a lock (narrowed by `also`, SQL over pg_stat_activity) and returns their
 * pids. Polled every 20 ms through `watcher`, a connection of its own; fails after 10 s.
 */
export async function waitingOnLocks(watcher: Sql, expected: number, what: string, also = "true"): Promise<number[]> {
  for (let waited = 0; ; waited += 20) {
    const rows = await watcher.unsafe<{ pid: number }[]>(
      `select pid from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid() and ${also}`,
    );
    if (rows.length === expected) return rows.map((row) => row.pid);
    if (waited > 10_000) throw new Error(`expected ${expected} to wait on ${what}; ${rows.length} waiting`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * For tests of writes that must wait for one another: runs `first` in a transaction on a
 * connection of its own and, while that transaction is still open, starts `second` (on the app's
 * pool) and waits until it is blocked on a lock; then commits the first and waits for both.
 * Needs two server connections, so Postgres only.
 */
export async function secondWaitsForFirst(first: (tx: TransactionSql) => Promise<unknown>, second: () => Promise<unknown>, what: string) {
  const url = testDatabase().url;
  if (!url) throw new Error("the Postgres test database has no URL");
  const holder = postgres(url, { max: 1, onnotice: () => {} });
  const watcher = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let written!: () => void;
    let release!: () => void;
    const firstWritten = new Promise<void>((resolve) => (written = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = holder.begin(async (tx) => {
      await first(tx);
      written();
      await held;
    });
    await Promise.race([firstWritten, holding]);
    const waiting = second();
    await waitingOnLocks(watcher, 1, what);
    release();
    await holding;
    await waiting;
  } finally {
    await holder.end({ timeout: 5 });
    await watcher.end({ timeout: 5 });
  }
}
