import { describe, expect, it } from "vitest";
import { createAccountAction } from "@/app/(app)/admin/accounts/actions";
import { audit, auditAlone, verifyAuditChain } from "@/lib/audit";
import { transaction } from "@/lib/db";
import { authenticate } from "@/lib/auth/login";
import { sql, testDatabase } from "./helpers/database";
import { context, createPeople, form, PASSWORD, signInAs } from "./helpers/people";

async function someHistory() {
  const people = await createPeople();
  await authenticate({ email: people.counsellorNorth.email, password: "wrong-password-here" }, context).catch(() => {});
  await signInAs(people.admin.email);
  await createAccountAction(null, form({ name: "Audited", email: "audited@test.example", role: "analyst", teamId: "" }));
  await authenticate({ email: people.counsellorNorth.email, password: PASSWORD }, context);
  return people;
}

describe("audit trail", () => {
  it("records sign-in failures and successes and admin actions, with who, where and no secrets", async () => {
    const people = await someHistory();
    const rows = await sql<Record<string, unknown>>(
      "select actor_id, actor_role, action, entity_type, outcome, ip, user_agent, request_id, details::text as details from audit_events order by id",
    );
    expect(rows.map((r) => [r.action, r.outcome, r.actor_id])).toEqual([
      ["auth.login", "failure", people.counsellorNorth.id],
      ["auth.login", "success", people.admin.id],
      ["account.create", "success", people.admin.id],
      ["auth.login", "success", people.counsellorNorth.id],
    ]);
    for (const row of rows) {
      expect(row.ip).toBe("203.0.113.7");
      expect(row.user_agent).toBe("vitest");
      expect(row.request_id).toEqual(expect.any(String));
      expect(String(row.details)).not.toMatch(/quiet-river|wrong-password-here|audited@/i);
    }
  });

  it("verify walks an intact chain", async () => {
    await someHistory();
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 4, broken: null });
  });

  it("stays verifiable whatever case a uuid was written in", async () => {
    const people = await someHistory();
    await transaction((tx) =>
      audit(tx, { actor: { id: people.admin.id.toUpperCase(), role: "admin" }, action: "test.case", caseId: "6F9619FF-8B86-4011-B42D-00C04FC964FF", outcome: "success", details: { n: 1.0, big: 1e21 } }, context),
    );
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 5, broken: null });
  });

  it("the database hashes what the application encodes: non-ASCII text and a client-supplied user agent verify", async () => {
    const people = await someHistory();
    const odd = { ip: "2001:db8::1", userAgent: "ブラウザ 🌸 \"quoted\" \\ back\u2028slash", requestId: "req-ü" };
    await auditAlone({ actor: { id: people.admin.id, role: "admin" }, action: "test.unicode", outcome: "success", details: { 名前: "値", emoji: "🙂" } }, odd);
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 5, broken: null });
  });

  it("appends racing from many requests form one unbroken chain, in commit order", async () => {
    const people = await someHistory();
    const actor = { id: people.counsellorNorth.id, role: "counsellor" };
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? auditAlone({ actor, action: "test.race", outcome: "success", details: { i } }, context)
          : transaction((tx) => audit(tx, { actor, action: "test.race", outcome: "success", details: { i } }, context)),
      ),
    );
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 44, broken: null });
  });

  it("an event whose transaction rolls back leaves no row and no gap in the chain", async () => {
    const people = await someHistory();
    const actor = { id: people.admin.id, role: "admin" };
    await expect(
      transaction(async (tx) => {
        await audit(tx, { actor, action: "test.rolled-back", outcome: "success" }, context);
        throw new Error("the change failed after its audit row");
      }),
    ).rejects.toThrow(/failed after/);
    await auditAlone({ actor, action: "test.after", outcome: "success" }, context);
    const actions = await sql<{ action: string }>("select action from audit_events order by id");
    expect(actions.map((r) => r.action)).not.toContain("test.rolled-back");
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 5, broken: null });
  });

  it("verify also works in small batches across batch boundaries", async () => {
    await someHistory();
    expect(await verifyAuditChain(testDatabase().db, 3)).toEqual({ checked: 4, broken: null });
  });

  it("the table refuses UPDATE, DELETE and TRUNCATE, even through raw SQL", async () => {
    await someHistory();
    await expect(sql("update audit_events set outcome = 'success' where id = 1")).rejects.toThrow(/append-only/);
    await expect(sql("delete from audit_events where id = 1")).rejects.toThrow(/append-only/);
    await expect(sql("truncate audit_events")).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 4, broken: null });
  });

  it("verify reports the first row an owner tampered with behind the trigger's back", async () => {
    await someHistory();
    await sql("alter table audit_events disable trigger audit_events_append_only");
    await sql("update audit_events set outcome = 'success' where id = 1");
    await sql("update audit_events set action = 'nothing.here' where id = 3");
    await sql("alter table audit_events enable trigger audit_events_append_only");
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 0, broken: { id: 1, reason: "content changed" } });
  });

  it("verify notices a removed row", async () => {
    await someHistory();
    await sql("alter table audit_events disable trigger audit_events_append_only");
    await sql("delete from audit_events where id = 2");
    await sql("alter table audit_events enable trigger audit_events_append_only");
    expect(await verifyAuditChain(testDatabase().db)).toEqual({ checked: 1, broken: { id: 3, reason: "link broken" } });
  });
});
