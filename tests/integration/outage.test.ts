import { describe, expect, it } from "vitest";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { GET as reportCsv } from "@/app/api/reports/[table]/route";
import { openDatabase } from "@/db/client";
import { UNAVAILABLE_ACTION_MESSAGE, UNAVAILABLE_MESSAGE } from "@/lib/availability";
import { installDatabase } from "@/lib/db";
import { sql, testDatabase } from "./helpers/database";
import { createPeople, form, PASSWORD, signInAs } from "./helpers/people";

/** Runs `work` with the app pointed at a server nobody listens on, then puts the real database back. */
async function whileUnreachable(work: () => Promise<void>) {
  const healthy = testDatabase();
  const unreachable = await openDatabase({ url: "postgres://tsunagu@127.0.0.1:1/nowhere" });
  installDatabase(unreachable);
  try {
    await work();
  } finally {
    await unreachable.close();
    installDatabase(healthy);
  }
}

describe("while the database is unreachable", () => {
  it("a server action answers promptly that nothing was saved, with no technical detail", async () => {
    const people = await createPeople();
    await signInAs(people.counsellorNorth.email);
    const [before] = await sql<{ hash: string }>("select password_hash as hash from accounts where id = $1", [people.counsellorNorth.id]);
    await whileUnreachable(async () => {
      const started = Date.now();
      const result = await changePasswordAction(
        null,
        form({ currentPassword: PASSWORD, password: "a-new-long-passphrase-2026", confirmPassword: "a-new-long-passphrase-2026" }),
      );
      expect(result).toEqual({ ok: false, error: UNAVAILABLE_ACTION_MESSAGE });
      expect(Date.now() - started).toBeLessThan(10_000);
    });
    const [after] = await sql<{ hash: string }>("select password_hash as hash from accounts where id = $1", [people.counsellorNorth.id]);
    expect(after!.hash).toBe(before!.hash);
  });

  it("a download answers 503 with Retry-After and the plain message", async () => {
    const people = await createPeople();
    await signInAs(people.supervisorNorth.email);
    await whileUnreachable(async () => {
      const response = await reportCsv(new Request("http://localhost/api/reports/caseload?preset=12m"), { params: Promise.resolve({ table: "caseload" }) });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.json()).toEqual({ error: UNAVAILABLE_MESSAGE });
    });
    const response = await reportCsv(new Request("http://localhost/api/reports/caseload?preset=12m"), { params: Promise.resolve({ table: "caseload" }) });
    expect(response.status).toBe(200);
  });
});
