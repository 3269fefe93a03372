import { describe, expect, it } from "vitest";
import { setPasswordAction } from "@/app/(auth)/set-password/actions";
import { createAccount, issuePasswordLink, setAccountStatus } from "@/lib/accounts/commands";
import { authenticate } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/sessions";
import { sql } from "./helpers/database";
import { context, createPeople, form, PASSWORD, signInAs } from "./helpers/people";

const NEW_PASSWORD = "amber-meadow-kettle-93";

async function newCounsellor() {
  const people = await createPeople();
  const admin = await signInAs(people.admin.email);
  const created = await createAccount(
    admin,
    { name: "New Colleague", email: "new.colleague@test.example", role: "counsellor", teamId: people.teams.north.id },
    context,
  );
  return { ...people, adminActor: admin, ...created };
}

const setPassword = (token: string, password = NEW_PASSWORD, confirmPassword = password) =>
  setPasswordAction(null, form({ token, password, confirmPassword }));

describe("single-use set-password links", () => {
  it("sets the password once; the new colleague can then sign in", async () => {
    const { token, accountId } = await newCounsellor();
    const [stored] = await sql<{ token_hash: string }>("select token_hash from account_tokens where account_id = $1", [accountId]);
    expect(stored!.token_hash).not.toContain(token);
    expect(await setPassword(token)).toMatchObject({ ok: true });
    const signedIn = await authenticate({ email: "new.colleague@test.example", password: NEW_PASSWORD }, context);
    expect(signedIn.accountId).toBe(accountId);
  });

  it("cannot be used twice", async () => {
    const { token } = await newCounsellor();
    expect(await setPassword(token)).toMatchObject({ ok: true });
    const second = await setPassword(token, "another-fine-passphrase-1");
    expect(second).toMatchObject({ ok: false, error: expect.stringContaining("expired or has already been used") });
    await expect(
      authenticate({ email: "new.colleague@test.example", password: "another-fine-passphrase-1" }, context),
    ).rejects.toMatchObject({ kind: "Invalid" });
  });

  it("cannot be used after 24 hours", async () => {
    const { token } = await newCounsellor();
    await sql("update account_tokens set expires_at = now() - interval '1 second'");
    expect(await setPassword(token)).toMatchObject({ ok: false, error: expect.stringContaining("expired") });
    const [row] = await sql<{ has: boolean }>("select password_hash is not null as has from accounts where email = 'new.colleague@test.example'");
    expect(row!.has).toBe(false);
  });

  it("stays usable when the chosen password is refused", async () => {
    const { token } = await newCounsellor();
    const weak = await setPassword(token, "qwerty123456");
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("too common")] } });
    const personal = await setPassword(token, "new.colleague-secret");
    expect(personal).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("email")] } });
    const mismatch = await setPassword(token, NEW_PASSWORD, "something-else-entirely");
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: [expect.any(String)] } });
    expect(await setPassword(token)).toMatchObject({ ok: true });
  });

  it("a new link revokes the earlier one", async () => {
    const { token, accountId, adminActor } = await newCounsellor();
    const second = await issuePasswordLink(adminActor, { accountId }, context);
    expect(second.purpose).toBe("set_password");
    expect(await setPassword(token)).toMatchObject({ ok: false });
    expect(await setPassword(second.token)).toMatchObject({ ok: true });
  });

  it("a reset ends the person's sessions and their old password at once", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    const admin = await signInAs(people.admin.email);
    const reset = await issuePasswordLink(admin, { accountId: people.counsellorNorth.id }, context);
    expect(reset.purpose).toBe("reset_password");
    expect(await resolveSession(counsellor.sessionId)).toBeNull();
    expect(await resolveSession(admin.sessionId)).not.toBeNull();
    await expect(authenticate({ email: people.counsellorNorth.email, password: PASSWORD }, context)).rejects.toMatchObject({ kind: "Invalid" });
    expect(await setPassword(reset.token)).toMatchObject({ ok: true });
    await expect(authenticate({ email: people.counsellorNorth.email, password: NEW_PASSWORD }, context)).resolves.toBeTruthy();
  });

  it("deactivating an account kills its outstanding link, even after reactivation", async () => {
    const { token, accountId, adminActor } = await newCounsellor();
    await setAccountStatus(adminActor, { accountId, version: 1, status: "deactivated" }, context);
    await setAccountStatus(adminActor, { accountId, version: 2, status: "active" }, context);
    expect(await setPassword(token)).toMatchObject({ ok: false, error: expect.stringContaining("expired") });
  });

  it("a made-up token is refused and audited without touching any account", async () => {
    await newCounsellor();
    expect(await setPassword("A".repeat(43))).toMatchObject({ ok: false, error: expect.stringContaining("expired") });
    const [row] = await sql<{ reason: string }>("select details->>'reason' as reason from audit_events where action = 'account.set-password'");
    expect(row!.reason).toBe("invalid link");
  });

  it("rejects malformed tokens and unknown fields without touching anything", async () => {
    await newCounsellor();
    expect(await setPassword("short")).toMatchObject({ ok: false, fieldErrors: { token: [expect.any(String)] } });
    const extra = form({ token: "a".repeat(43), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, role: "admin" });
    expect(await setPasswordAction(null, extra)).toMatchObject({ ok: false });
    const [row] = await sql<{ n: number }>("select count(*)::int as n from account_tokens where used_at is not null");
    expect(row!.n).toBe(0);
  });
});
