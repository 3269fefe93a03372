import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type Driver = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Db;
  driver: Driver;
  /** The server's connection string (postgres driver only). */
  url?: string;
  /** Runs raw SQL and returns its rows the same way on both drivers. */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throwaway database. */
  dataDir?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.url) return openPostgres(config.url);
  return openPglite(config.dataDir ?? "memory://");
}

type Sql = import("postgres").Sql;

/**
 * Distinct statement texts one pool prepares, at most. Each costs every connection that runs it
 * 50–100 KB of server memory until postgres.js replaces the connection (after 30–60 minutes). A
 * list filter keeps one text however many values it has (`anyOf`, lib/db.ts), but the filters a
 * list page combines, and its sorts, still make hundreds. Texts beyond it are sent unprepared.
 */
export const PREPARED_TEXTS = 200;

/**
 * postgres.js sends an unprepared statement with parameters in two round trips (it asks the server
 * for the parameter types first), and drizzle prepares only named queries. Statements are prepared
 * here, on the pool and in each transaction, so after a connection's first use of one it is one
 * round trip with nothing to parse (docs/performance.md, eighth round). Covers the forms drizzle
 * and lib/ use: `unsafe(text, params, options)`, `begin([options,] fn)`, `savepoint([name,] fn)`.
 */
function preparing<T extends Sql>(sql: T, prepared = new Set<string>()): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (text: string, params?: never[], options?: object) => {
          const prepare = prepared.has(text) || (prepared.size < PREPARED_TEXTS && prepared.add(text).has(text));
          return target.unsafe(text, params, { ...options, prepare });
        };
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const run = args.pop() as (inner: Sql) => unknown;
          return (Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown)(...args, (inner: Sql) => run(preparing(inner, prepared)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = preparing(postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connect_timeout: 5,
    onnotice: () => {},
    // JIT compiling a report query cost more than running it: 205 of 319 ms for one statistics
    // table over 100,000 cases (EXPLAIN ANALYZE, docs/performance.md). Tsunagu's queries are
    // short aggregates that never win that back. The reports' hashes and sorts over a whole service
    // (~100,000 cases) spilled to disk at the default 4 MB of work memory (docs/performance.md).
    //
    // Parallel workers only for statements big enough to repay starting them (ten times the
    // default cost): a report already runs its tables as statements side by side, and workers for
    // 10–50 ms statements cost more than they saved on 2 cores (whole-service report 233–244 →
    // 206–227 ms p50, case page 32–38 → 21–24 ms, alternating; docs/performance.md).
    //
    // Statements are prepared (see `preparing`), but planned for their parameters each time as
    // before: a plan made once for any counsellor or period could suit one and not another.
    connection: {
      application_name: "tsunagu",
      jit: "off",
      work_mem: "32MB",
      parallel_setup_cost: "10000",
      plan_cache_mode: "force_custom_plan",
    },
  }));
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    url,
    query: async (text, params = []) =>
      (await client.unsafe(text, params as never[])) as unknown as never[],
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const inMemory = dataDir.startsWith("memory://");
  const releaseLock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    return await wrapPglite(await PGlite.create(inMemory ? dataDir : path.resolve(dataDir)), releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** A handle around an open PGlite instance (tests start theirs from a migrated template). */
export async function wrapPglite(client: PGlite, onClose: () => void = () => {}): Promise<DatabaseHandle> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    query: async (text, params = []) => (await client.query(text, params)).rows as never[],
    close: async () => {
      await client.close();
      onClose();
    },
  };
}

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * A lock file holding the owner's pid refuses a second process; a lock left by a dead process
 * is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database at ${path.resolve(dataDir)} is already in use by process ${owner}. ` +
            "Stop that process, or set TSUNAGU_DATA_DIR to another directory.",
        );
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock the embedded database at ${path.resolve(dataDir)}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
