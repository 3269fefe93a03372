import { eq, sql as raw } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { accounts } from "@/db/schema";
import { testDatabase } from "./helpers/database";

/**
 * Every statement with parameters is prepared on its connection (db/client.ts), in a transaction
 * as on the pool, so a repeat is one round trip with nothing to parse, and planned for its
 * parameters each time. Prepared statements are the server's, so Postgres only.
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

  it("are prepared on the pool, and raw queries with parameters too, and planned for their parameters", async () => {
    const previous = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "1"; // one connection, so every statement below shares it
    const handle = await openDatabase({ url: testDatabase().url });
    try {
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
    } finally {
      await handle.close();
      if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
      else process.env.DATABASE_POOL_SIZE = previous;
    }
  });
});
