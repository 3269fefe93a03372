import { describe, expect, it } from "vitest";
import { authenticate, SIGN_IN_FAILED, SIGN_IN_THROTTLED } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/sessions";
import { context, createPeople, PASSWORD } from "./helpers/people";
import { sql } from "./helpers/database";

const attempt = (email: string, password: string, ip = context.ip) =>
  authenticate({ email, password }, { ...context, ip }).then(
    (ok) => ({ ok: true as const, ...ok }),
    (error: Error & { kind?: string }) => ({ ok: false as const, kind: error.kind, message: error.message }),
  );

describe("sign-in", () => {
  it("opens a session for the right password and records the success", async () => {
    const { counsellorNorth } = await createPeople();
    const result = await attempt("Counsellor.North@test.example ", PASSWORD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.accountId).toBe(counsellorNorth.id);
    const actor = await resolveSession(result.sessionId);
    expect(actor).toMatchObject({ id: counsellorNorth.id, role: "counsellor", teamId: counsellorNorth.teamId });
    const [audit] = await sql<{ action: string; outcome: string; actor_id: string }>(
      "select action, outcome, actor_id from audit_events",
    );
    expect(audit).toEqual({ action: "auth.login", outcome: "success", actor_id: counsellorNorth.id });
  });

  it("gives one answer for a wrong password, an unknown address and a deactivated account", async () => {
    const { counsellorSouth } = await createPeople();
    await sql("update accounts set status = 'deactivated' where id = $1", [counsellorSouth.id]);
    const wrong = await attempt("counsellor.north@test.example", "not-the-password-at-all");
    const unknown = await attempt("nobody@test.example", PASSWORD);
    const deactivated = await attempt("counsellor.south@test.example", PASSWORD);
    for (const result of [wrong, unknown, deactivated]) {
      expect(result).toEqual({ ok: false, kind: "Invalid", message: SIGN_IN_FAILED });
    }
    const rows = await sql<{ outcome: string; reason: string }>(
      "select outcome, details->>'reason' as reason from audit_events order by id",
    );
    expect(rows).toEqual([
      { outcome: "failure", reason: "wrong password" },
      { outcome: "failure", reason: "unknown account" },
      { outcome: "failure", reason: "account deactivated" },
    ]);
    const [{ n }] = (await sql<{ n: number }>("select count(*)::int as n from sessions")) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("refuses the 6th attempt within 15 minutes, even with the right password", async () => {
    await createPeople();
    for (let i = 0; i < 5; i++) {
      expect(await attempt("counsellor.north@test.example", `wrong-password-${i}-xx`)).toMatchObject({ kind: "Invalid" });
    }
    expect(await attempt("counsellor.north@test.example", PASSWORD)).toEqual({
      ok: false,
      kind: "RateLimited",
      message: SIGN_IN_THROTTLED,
    });
    // Another address is not affected.
    expect((await attempt("counsellor.south@test.example", PASSWORD)).ok).toBe(true);
    const [throttled] = await sql<{ n: number }>(
      "select count(*)::int as n from login_attempts where outcome = 'throttled'",
    );
    expect(throttled!.n).toBe(1);
  });

  it("lets the person in again once the lock has run out", async () => {
    await createPeople();
    for (let i = 0; i < 5; i++) await attempt("counsellor.north@test.example", `wrong-password-${i}-xx`);
    expect(await attempt("counsellor.north@test.example", PASSWORD)).toMatchObject({ kind: "RateLimited" });
    await sql("update login_attempts set attempted_at = attempted_at - interval '16 minutes'");
    expect((await attempt("counsellor.north@test.example", PASSWORD)).ok).toBe(true);
  });

  it("does not count failures from before the last successful sign-in", async () => {
    await createPeople();
    for (let i = 0; i < 4; i++) await attempt("counsellor.north@test.example", `wrong-password-${i}-xx`);
    expect((await attempt("counsellor.north@test.example", PASSWORD)).ok).toBe(true);
    await attempt("counsellor.north@test.example", "wrong-password-again");
    expect((await attempt("counsellor.north@test.example", PASSWORD)).ok).toBe(true);
  });

  it("throttles unknown addresses the same way, so locking reveals nothing", async () => {
    await createPeople();
    for (let i = 0; i < 5; i++) await attempt("ghost@test.example", `wrong-password-${i}-xx`);
    expect(await attempt("ghost@test.example", "anything-at-all-here")).toMatchObject({ kind: "RateLimited" });
  });

  it("caps failures per client address across accounts", async () => {
    await createPeople();
    await sql(
      `insert into login_attempts (email, ip, outcome)
       select 'spray' || g || '@test.example', '198.51.100.9', 'failure' from generate_series(1, 100) g`,
    );
    expect(await attempt("counsellor.north@test.example", PASSWORD, "198.51.100.9")).toMatchObject({ kind: "RateLimited" });
    expect((await attempt("counsellor.north@test.example", PASSWORD, "198.51.100.10")).ok).toBe(true);
  });

  it("survives malformed input without an error of its own", async () => {
    await createPeople();
    for (const input of [null, 42, { email: 1, password: [] }, { email: "x".repeat(10_000), password: "y" }]) {
      await expect(authenticate(input, context)).rejects.toMatchObject({ kind: "Invalid", message: SIGN_IN_FAILED });
    }
  });
});
