import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, test } from "../fixtures";
import { CANARY, canaryForms, E2E_DATA_DIR, OBSERVED_DIR } from "./values";

// Runs after the whole suite (the "canary-check" project in playwright.config.ts).


function hitsIn(source: string, text: string): string[] {
  const lower = text.toLowerCase();
  const labels = canaryForms()
    .filter(({ needle }) => lower.includes(needle))
    .map(({ label }) => label);
  return [...new Set(labels)].map((label) => `${label} in ${source}`);
}

/** The server still holds its database, so the check reads a copy of the data directory. */
async function openCopyOfDatabase(): Promise<PGlite> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-canary-"));
  fs.cpSync(path.join(E2E_DATA_DIR, "pglite"), copy, { recursive: true });
  return PGlite.create(copy);
}

test("no canary string reached the server log, the audit trail, a URL or browser storage", async () => {
  test.setTimeout(120_000);
  const hits: string[] = [];

  const observed = fs
    .readdirSync(OBSERVED_DIR)
    .filter((file) => file.endsWith(".jsonl"))
    .flatMap((file) => fs.readFileSync(path.join(OBSERVED_DIR, file), "utf8").trim().split("\n"))
    .map((line) => JSON.parse(line) as { kind: "url" | "storage"; value: string });
  const urls = observed.filter((entry) => entry.kind === "url");
  const storage = observed.filter((entry) => entry.kind === "storage");
  // Proof the recorder watched the suite: thousands of requests, storage read at every context's end.
  expect(urls.length).toBeGreaterThan(1_000);
  expect(storage.length).toBeGreaterThan(10);
  for (const entry of observed) hits.push(...hitsIn(`${entry.kind} ${entry.value.slice(0, 200)}`, entry.value));

  const log = fs.readFileSync(path.join(E2E_DATA_DIR, "server.log"), "utf8");
  expect(log, "the log holds the server's output").toContain("Ready");
  hits.push(...hitsIn("the server log", log));

  const db = await openCopyOfDatabase();
  try {
    // The seed really stored the canary, so finding none elsewhere means something.
    const stored = await db.query<{ clients: number; notes: number }>(
      `select (select count(*)::int from clients where given_name = $1 and family_name = $2 and date_of_birth = $3 and address = $4) as clients,
              (select count(*)::int from session_notes where content::text like '%' || $5 || '%') as notes`,
      [CANARY.givenName, CANARY.familyName, CANARY.dateOfBirth, CANARY.address, CANARY.noteText],
    );
    expect(stored.rows[0]).toEqual({ clients: 1, notes: 1 });

    const audit = await db.query<{ row: string }>("select row_to_json(a)::text as row from audit_events a");
    expect(audit.rows.length).toBeGreaterThan(100);
    for (const { row } of audit.rows) hits.push(...hitsIn(`audit row ${row.slice(0, 200)}`, row));

    console.log(
      `canary: ${urls.length} URLs, ${storage.length} storage snapshots, ${log.split("\n").length} server log lines, ` +
        `${audit.rows.length} audit rows checked; hits: ${hits.length}`,
    );
  } finally {
    await db.close();
  }
  expect(hits).toEqual([]);
});
