import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Several app instances may start together against one server: the advisory lock lets one
// migrate while the others wait, then find nothing left to do. Lock, migrations and unlock
// must share one connection, hence a dedicated single-connection client.
const MIGRATION_LOCK = 7_270_001;

/**
 * Applies pending migrations. On a server, `migrationUrl` (the schema owner's connection, see
 * DATABASE_MIGRATION_URL) is used when given; otherwise the handle's own connection string.
 */
export async function migrateDatabase(handle: DatabaseHandle, migrationUrl?: string): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
    return;
  }
  await migratePostgres(migrationUrl ?? handle.url!);
}

export async function migratePostgres(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } catch (error) {
    if (!isPermissionRefusal(error)) throw error;
    const [who] = await client<{ user: string }[]>`select current_user as user`.catch(() => [{ user: "?" }]);
    throw new Error(
      `The database role "${who!.user}" may not change the schema. ` +
        "When DATABASE_URL names the restricted application role, set DATABASE_MIGRATION_URL to the " +
        "schema owner's connection string, or migrate with it beforehand and set TSUNAGU_MIGRATE_ON_START=no " +
        "(see \"Separate database roles\" in the README).",
      { cause: error },
    );
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * How many migrations the server has not applied yet, read the way drizzle's migrator decides
 * (by the newest applied migration's timestamp). The restricted application role may read the
 * migrations table, so an app that does not migrate at start can still refuse an old schema.
 */
export async function pendingMigrations(handle: DatabaseHandle): Promise<number> {
  const { readMigrationFiles } = await import("drizzle-orm/migrator");
  const migrations = readMigrationFiles({ migrationsFolder });
  let last = 0;
  try {
    const [row] = await handle.query<{ created_at: string }>(
      "select created_at::text as created_at from drizzle.__drizzle_migrations order by created_at desc limit 1",
    );
    last = Number(row?.created_at ?? 0);
  } catch (error) {
    // No migrations table (or schema) yet: nothing has been applied.
    if (!["42P01", "3F000"].includes(sqlState(error) ?? "")) throw error;
  }
  return migrations.filter((migration) => migration.folderMillis > last).length;
}

/** The server refused for lack of a privilege (not one of our triggers, which share the SQLSTATE). */
function isPermissionRefusal(error: unknown): boolean {
  const message = String((error as { cause?: { message?: unknown } })?.cause?.message ?? (error as Error)?.message ?? "");
  return sqlState(error) === "42501" && /permission denied|must be owner/.test(message);
}

/** The SQLSTATE of a driver error, also when drizzle wrapped it. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = typeof e?.code === "string" ? e.code : e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

async function main() {
  const { openDatabase } = await import("./client");
  const { databaseConfig } = await import("../lib/env");
  const config = databaseConfig();
  const handle = await openDatabase(config);
  try {
    await migrateDatabase(handle, config.migrationUrl);
    console.log(`Migrations applied (${handle.driver}${config.url ? "" : `: ${config.dataDir}`}).`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
