import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Several app instances may start together against one server: the advisory lock lets one
// migrate while the others wait, then find nothing left to do. Lock, migrations and unlock
// must share one connection, hence a dedicated single-connection client.
const MIGRATION_LOCK = 7_270_001;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
    return;
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function main() {
  const { openDatabase } = await import("./client");
  const { databaseConfig } = await import("../lib/env");
  const config = databaseConfig();
  const handle = await openDatabase(config);
  try {
    await migrateDatabase(handle);
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
