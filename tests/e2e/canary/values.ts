import fs from "node:fs";
import path from "node:path";

/**
 * Strings that exist nowhere but in the canary client's record. The seed enters them through the
 * UI before the suite; the check afterwards looks for them everywhere they must never go.
 */
export const CANARY = {
  givenName: "Wrenfield",
  familyName: "Quillbury7Q4X",
  dateOfBirth: "1958-02-27",
  address: "41 Lapwing Close, Harrowdene QX7 4ZK",
  noteText: "Spoke about the lighthouse keeper's orrery 7Q4X-NOTE.",
} as const;

/** Every form a canary string could take on the way out: as typed, in lower case, URL-encoded. */
export function canaryForms(): { label: string; needle: string }[] {
  return Object.entries(CANARY).flatMap(([label, value]) => {
    const forms = new Set([value, value.toLowerCase(), encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, "+")]);
    return [...forms].map((needle) => ({ label, needle: needle.toLowerCase() }));
  });
}

/**
 * What the browser side of the suite saw: every URL requested and what pages kept in storage.
 * It lives beside the e2e server's database and log, which each run starts afresh.
 */
export const E2E_DATA_DIR = path.resolve(".data/e2e");
export const OBSERVED_DIR = path.join(E2E_DATA_DIR, "observed");

export function recordObserved(kind: "url" | "storage", value: string): void {
  fs.mkdirSync(OBSERVED_DIR, { recursive: true });
  fs.appendFileSync(path.join(OBSERVED_DIR, `observed-${process.pid}.jsonl`), `${JSON.stringify({ kind, value })}\n`);
}
