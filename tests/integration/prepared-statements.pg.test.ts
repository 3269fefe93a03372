import { eq, sql as raw } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PREPARED_TEXTS } from "@/db/client";
import { accounts } from "@/db/schema";
import { anyOf } from "@/lib/db";
import { testDatabase, withOneConnection } from "./helpers/database";
import { createPeople } from "./helpers/people";

/**
 * Statements with parameters are prepared on their connection (db/client.ts), in a transaction as
 * on the pool, so a repeat is one round trip with nothing to parse; a pool prepares a bounded
 * number of distinct texts. Prepared statements are the server's, so Postgres only.
 */
const ACCOUNTS_STATEMENT = `select statement from pg_prepared_statements where statement like '%from "accounts"%'`;

const lookUp = (db: ReturnType<typeof testDatabase>["db"]) =>
  db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, "nobody@tsunagu.example"));

describe("statements on the Postgres server", () => {
  it("are prepared in a transaction, once for both runs of the same statement", async () => {
    const { db } = testDatabase();
    const prepared = await db.transaction(async (tx) => {
      await lookUp(tx as never);
      await lookUp(tx as never);
      return (await tx.execute(raw.raw(ACCOUNTS_STATEMENT))) as unknown as { statement: string }[];
    });
    expect(prepared.map((row) => row.statement)).toEqual([expect.stringContaining(`where "accounts"."email" = $1`)]);
  });

  it("are prepared on the pool, raw queries with parameters too, each planned for its parameters", async () => {
    await withOneConnection(async (handle) => {
      await lookUp(handle.db);
      await lookUp(handle.db);
      await handle.query("select count(*) from accounts where role = $1", ["admin"]);
      const statements = await handle.query<{ statement: string }>(
        // postgres.js prepares its own read of the array types when it connects.
        "select statement from pg_prepared_statements where statement like '%accounts%' order by statement",
      );
      expect(statements.map((row) => row.statement)).toEqual([
        expect.stringContaining(`where "accounts"."email" = $1`),
        "select count(*) from accounts where role = $1",
      ]);
      expect(await handle.query("show plan_cache_mode")).toEqual([{ plan_cache_mode: "force_custom_plan" }]);
    });
  });

  it("keep one text for a list filter however many values are chosen, and still filter by them", async () => {
    await createPeople(); // two counsellors, two supervisors, an analyst, an admin
    await withOneConnection(async (handle) => {
      const counted = [];
      for (const roles of [["admin"], ["admin", "analyst"], ["analyst", "supervisor", "counsellor"]]) {
        const [row] = await handle.db.select({ n: raw<number>`count(*)::int` }).from(accounts).where(anyOf(accounts.role, roles));
        counted.push(row!.n);
      }
      expect(counted).toEqual([1, 2, 5]);
      const texts = await handle.query<{ statement: string }>(
        `select statement from pg_prepared_statements where statement like '%from "accounts"%any($1::account_role[])%'`,
      );
      expect(texts).toHaveLength(1);
    });
  });

  it("are prepared for at most a bounded number of distinct texts; the rest still run, unprepared", async () => {
    await withOneConnection(async (handle) => {
      const texts = PREPARED_TEXTS + 50;
      for (let i = 0; i < texts; i++) {
        expect(await handle.query(`select $1::int + ${i} as n`, [1])).toEqual([{ n: 1 + i }]);
      }
      // A prepared text runs again from what its connection kept.
      expect(await handle.query("select $1::int + 0 as n", [2])).toEqual([{ n: 2 }]);
      const [kept] = await handle.query<{ n: number }>(
        "select count(*)::int as n from pg_prepared_statements where statement like 'select $1::int + %'",
      );
      expect(kept!.n).toBe(PREPARED_TEXTS);
    });
  });
});
