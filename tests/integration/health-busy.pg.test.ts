import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { installDatabase } from "@/lib/db";
import { checkHealth, databaseUnreachable } from "@/lib/health";
import { testDatabase, withOneConnection } from "./helpers/database";

/**
 * The page-load check of proxy.ts: a pool too busy to answer in time is load, not an outage (at 20
 * connections, whole-service reports kept every pooled connection busy for seconds and pages were
 * answered "temporarily unavailable"). /api/health is not ready then either, but says "busy", not
 * "unreachable". Needs a real connection pool, so Postgres only.
 */
describe("the database checks under load", () => {
  it("does not take a busy pool for an outage", async () => {
    const healthy = testDatabase();
    // One connection, which the slow statement below holds.
    await withOneConnection(async (busy) => {
      installDatabase(busy);
      try {
        await busy.query("select 1"); // connected before the pool is taken
        const slow = busy.query("select pg_sleep(1.5)");
        expect(await databaseUnreachable(300)).toBe(false);
        await slow;
        expect(await databaseUnreachable(300)).toBe(false);
      } finally {
        installDatabase(healthy);
      }
    });
  });

  it("tells a busy pool apart from an unreachable database in the readiness answer", async () => {
    const healthy = testDatabase();
    await withOneConnection(async (busy) => {
      installDatabase(busy);
      try {
        await busy.query("select 1");
        const slow = busy.query("select pg_sleep(1.5)");
        expect(await checkHealth(300)).toEqual({ status: "unavailable", database: "busy" });
        await slow;
        expect(await checkHealth(300)).toEqual({ status: "ok", database: "ok" });
      } finally {
        installDatabase(healthy);
      }
    });
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
