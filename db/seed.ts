import { pathToFileURL } from "node:url";
import { count } from "drizzle-orm";
import type { DatabaseHandle } from "./client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TEAMS } from "./demo-accounts";
import { seedDemoCases } from "./demo-cases";
import { seedDemoNotes } from "./demo-notes";
import { seedDemoOutcomes } from "./demo-outcomes";
import { accounts, teams } from "./schema";
import { hashPassword } from "../lib/auth/hashing";

export async function seedDemoData(handle: DatabaseHandle): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await handle.db.transaction(async (tx) => {
    const teamRows = await tx
      .insert(teams)
      .values(DEMO_TEAMS.map((name) => ({ name })))
      .returning({ id: teams.id, name: teams.name });
    const teamId = new Map(teamRows.map((t) => [t.name, t.id]));
    const created = await tx.insert(accounts).values(
      DEMO_ACCOUNTS.map((a) => ({
        email: a.email,
        name: a.name,
        role: a.role,
        teamId: a.team ? teamId.get(a.team)! : null,
        passwordHash,
        passwordChangedAt: new Date(),
      })),
    ).returning({ id: accounts.id, role: accounts.role, teamId: accounts.teamId });
    await seedDemoCases(
      tx,
      created.filter((a) => a.role === "counsellor").map((a) => ({ id: a.id, teamId: a.teamId! })),
    );
    await seedDemoNotes(tx);
    await seedDemoOutcomes(tx);
  });
}

/** The embedded database gets demo data on first start, and never once anyone has an account. */
export async function seedDemoDataIfEmpty(handle: DatabaseHandle): Promise<boolean> {
  const [row] = await handle.db.select({ n: count() }).from(accounts);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemoData(handle);
  return true;
}

async function main() {
  const { openDatabase } = await import("./client");
  const { migrateDatabase } = await import("./migrate");
  const { databaseConfig } = await import("../lib/env");
  const config = databaseConfig();
  if (config.url && process.env.NODE_ENV === "production" && process.env.TSUNAGU_ALLOW_DEMO_SEED !== "yes") {
    throw new Error("Refusing to load demo accounts into a production database (set TSUNAGU_ALLOW_DEMO_SEED=yes if you really mean it).");
  }
  const handle = await openDatabase(config);
  try {
    await migrateDatabase(handle, config.migrationUrl);
    const seeded = await seedDemoDataIfEmpty(handle);
    console.log(seeded ? "Demo data loaded." : "The database already has accounts; demo data not loaded.");
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
