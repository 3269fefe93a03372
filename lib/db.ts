import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect, type PgColumn } from "drizzle-orm/pg-core";
import { openDatabase, type DatabaseHandle, type Db, type Tx } from "@/db/client";
import { migrateDatabase, pendingMigrations } from "@/db/migrate";
import { CommitOutcomeUnknown, refusedByServer } from "./availability";
import { databaseConfig, env } from "./env";

const dialect = new PgDialect();

const holder = globalThis as unknown as { __tsunaguDatabase?: Promise<DatabaseHandle> };

/**
 * Opens the database once per process (lazily, so `next build` never touches it), applies
 * migrations, and loads the demo data into an empty embedded database. A failed open is
 * forgotten, so the app recovers when the database comes back.
 */
export function database(): Promise<DatabaseHandle> {
  holder.__tsunaguDatabase ??= start().catch((error) => {
    holder.__tsunaguDatabase = undefined;
    throw error;
  });
  return holder.__tsunaguDatabase;
}

async function start(): Promise<DatabaseHandle> {
  const config = databaseConfig();
  const handle = await openDatabase(config);
  try {
    if (handle.driver === "pglite" || config.migrateOnStart) {
      // With separate roles, DATABASE_MIGRATION_URL (the schema owner) migrates; the app role cannot.
      await migrateDatabase(handle, config.migrationUrl);
    } else {
      const pending = await pendingMigrations(handle);
      if (pending > 0) {
        throw new Error(
          `The database schema is ${pending} migration(s) behind this version of Tsunagu and TSUNAGU_MIGRATE_ON_START=no: ` +
            "run `npm run db:migrate` with DATABASE_MIGRATION_URL set to the schema owner's connection string.",
        );
      }
    }
    if (handle.driver === "pglite" && env().TSUNAGU_DEMO_DATA === "auto") {
      const { seedDemoDataIfEmpty } = await import("@/db/seed");
      await seedDemoDataIfEmpty(handle);
    }
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}

/** Tests hand in the database they created for their file. */
export function installDatabase(handle: DatabaseHandle): void {
  holder.__tsunaguDatabase = Promise.resolve(handle);
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/**
 * One transaction. A failure after `work` finished happened during COMMIT: unless the server
 * answered with a refusal of its own (then it rolled back), whether it committed is unknown, and
 * that is told apart from a failure before it, so no one is told "not saved" about a change that
 * may have been saved.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  let committing = false;
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      committing = true;
      return result;
    });
  } catch (error) {
    if (committing && !refusedByServer(error)) throw new CommitOutcomeUnknown(error);
    throw error;
  }
}

/** A unique constraint refused the write (drizzle wraps the driver's error as its cause). */
export function isUniqueViolation(error: unknown): boolean {
  const codes = [(error as { code?: string })?.code, (error as { cause?: { code?: string } })?.cause?.code];
  return codes.includes("23505");
}

/** PostgreSQL's text form of an array of strings: each element quoted, `"` and `\` escaped. */
const arrayLiteral = (values: readonly string[]) => `{${values.map((value) => `"${value.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/**
 * `column = any($1)` for a filter's chosen values: one statement text however many are chosen, so
 * the filter keeps one prepared statement (drizzle's `inArray` writes a placeholder per value, and
 * every count made a text of its own, db/client.ts). The parameter is typed as an array of the
 * column's own type: sent as text[] and cast, it stayed an expression the planner could not see
 * into, and a team's list by risk chose a scan of every case by date (56 ms against 2 ms). It goes
 * as an array literal: both drivers serialise a JS array only for array types they read when the
 * connection opened, and an enum the migrations create after that (a first start) went as
 * "active,paused".
 */
// sql.raw only for the column's type name, which comes from db/schema.ts, never from a request.
export const anyOf = (column: PgColumn, values: readonly string[]): SQL =>
  sql`${column} = any(${arrayLiteral(values)}::${sql.raw(column.getSQLType())}[])`;

/**
 * Runs a hand-written SQL statement (built with drizzle's `sql` template, so every value is a
 * parameter) and returns plain rows the same way on both drivers. Cast what you select to the
 * type you want (`::int`, `::float8`, `::text`): drivers parse bigint and date differently.
 */
export async function selectRows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const handle = await database();
  const { sql: text, params } = dialect.sqlToQuery(query);
  return handle.query<T>(text, params);
}
