import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "@/db/client";
import { resetTestDatabase, sql, testDriver } from "./helpers/database";
import { createPeople } from "./helpers/people";

describe("schema constraints hold on this driver", () => {
  it(`emails are unique whatever their case, and stored lower-case (${testDriver})`, async () => {
    await createPeople();
    await expect(sql("insert into accounts (email, name, role) values ('admin@test.example', 'x', 'admin')")).rejects.toThrow();
    await expect(sql("insert into accounts (email, name, role) values ('Other@test.example', 'x', 'admin')")).rejects.toThrow();
  });

  it("counsellors and supervisors must belong to a team", async () => {
    await expect(sql("insert into accounts (email, name, role) values ('c@test.example', 'c', 'counsellor')")).rejects.toThrow();
    await expect(sql("insert into accounts (email, name, role) values ('s@test.example', 's', 'supervisor')")).rejects.toThrow();
  });
});

describe("embedded database directory lock", () => {
  it("refuses a second process on the same directory with a clear message, and frees it on release", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-lock-"));
    const dataDir = path.join(dir, "pglite");
    const release = lockDataDir(dataDir);
    const script = `import("${path.resolve("db/client.ts")}").then((m) => { const lockDataDir = m.lockDataDir ?? m.default.lockDataDir; try { lockDataDir(${JSON.stringify(dataDir)}); console.log("LOCKED"); } catch (e) { console.log(e.message); } })`;
    const second = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
    expect(second.stdout).toContain("already in use by process");
    release();
    const third = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
    expect(third.stdout).toContain("LOCKED");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a lock left behind by a process that no longer exists", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-lock-"));
    const dataDir = path.join(dir, "pglite");
    fs.writeFileSync(`${dataDir}.lock`, "999999999");
    const release = lockDataDir(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the reset between tests", () => {
  it("puts back a built-in factor that a test renamed or retired, and drops the ones it added", async () => {
    const shipped = await sql<{ id: string; name: string; retired: boolean; version: number }>(
      "select id, name, retired_at is not null as retired, version from factors order by id",
    );
    await sql("update factors set retired_at = now(), version = version + 1 where code = 'depression'");
    await sql("update factors set name = 'Renamed by a test', version = version + 1 where code = 'social_anxiety'");
    await sql(
      "insert into factors (category_id, code, name) select category_id, 'custom_reset_check', 'Added by a test' from factors where code = 'depression'",
    );
    await resetTestDatabase();
    expect(
      await sql("select id, name, retired_at is not null as retired, version from factors order by id"),
    ).toEqual(shipped);
  });
});
