import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { pgEnum, pgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { anyOf } from "@/lib/db";
import { testDriver, withOneConnection } from "./helpers/database";

/**
 * A list filter (`anyOf`) on a connection that was open before the filtered column's enum type
 * existed, as on a first start, when the migrations create every enum after the pool has opened.
 * Drivers learn array types when a connection opens; a JS array for a type learnt later went out
 * as "a,b" and PostgreSQL refused it as a malformed array literal.
 */
const moods = ["calm", "tense", "a,b", 'say "hi"', "back\\slash", "NULL"];

async function onAConnectionOpenedBefore(run: (handle: DatabaseHandle) => Promise<void>) {
  if (testDriver === "postgres") return withOneConnection(async (handle) => {
    await handle.query("select 1");
    await run(handle);
  });
  const handle = await openDatabase({ dataDir: "memory://" });
  try {
    await run(handle);
  } finally {
    await handle.close();
  }
}

describe("a list filter", () => {
  it("matches the chosen values, commas, quotes and backslashes included, on a type newer than its connection", async () => {
    const name = `mood_${randomBytes(4).toString("hex")}`;
    const mood = pgEnum(name, moods as [string, ...string[]]);
    const table = pgTable(`${name}_rows`, { mood: mood("mood").notNull() });
    await onAConnectionOpenedBefore(async (handle) => {
      await handle.query(`create type ${name} as enum (${moods.map((m) => `'${m.replace(/'/g, "''")}'`).join(", ")})`);
      await handle.query(`create table ${name}_rows (mood ${name} not null)`);
      try {
        await handle.query(`insert into ${name}_rows select unnest(enum_range(null::${name}))`);
        const chosen = async (values: string[]) =>
          (await handle.db.select({ mood: sql<string>`${table.mood}::text` }).from(table).where(anyOf(table.mood, values))).map((row) => row.mood).sort();
        expect(await chosen(["calm"])).toEqual(["calm"]);
        expect(await chosen(["a,b", 'say "hi"', "back\\slash", "NULL"])).toEqual(["NULL", "a,b", "back\\slash", 'say "hi"'].sort());
        expect(await chosen([])).toEqual([]);
      } finally {
        await handle.query(`drop table ${name}_rows`);
        await handle.query(`drop type ${name}`);
      }
    });
  });
});
