import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { installDatabase } from "@/lib/db";
import { databaseUnreachable } from "@/lib/health";
import { testDatabase } from "./helpers/database";

/**
 * The page-load check of proxy.ts: a pool too busy to answer in time is load, not an outage (at 20
 * connections, whole-service reports kept every pooled connection busy for seconds and pages were
 * answered "temporarily unavailable"). Needs a real connection pool, so Postgres only.
 */
describe("the page-load database check", () => {
  it("does not take a busy pool for an outage", async () => {
    const healthy = testDatabase();
    const previous = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "1"; // one connection, which the slow statement below holds
    const busy = await openDatabase({ url: healthy.url });
    if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = previous;
    installDatabase(busy);
    try {
      await busy.query("select 1"); // connected before the pool is taken
      const slow = busy.query("select pg_sleep(1.5)");
      expect(await databaseUnreachable(300)).toBe(false);
      await slow;
      expect(await databaseUnreachable(300)).toBe(false);
    } finally {
      installDatabase(healthy);
      await busy.close();
    }
  });

  it("counts a server that refuses the connection as an outage", async () => {
    const healthy = testDatabase();
    const unreachable = await openDatabase({ url: "postgres://tsunagu@127.0.0.1:1/nowhere" });
    installDatabase(unreachable);
    try {
      expect(await databaseUnreachable(2_000)).toBe(true);
    } finally {
      installDatabase(healthy);
      await unreachable.close();
    }
  });
});
