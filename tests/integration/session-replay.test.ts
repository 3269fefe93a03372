import { describe, expect, it } from "vitest";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { issuePasswordLinkAction, setAccountStatusAction, updateAccountAction } from "@/app/(app)/admin/accounts/actions";
import { findClientsAction } from "@/app/(app)/cases/actions";
import { setPasswordAction } from "@/app/(auth)/set-password/actions";
import { GET as reportCsv } from "@/app/api/reports/[table]/route";
import { sql } from "./helpers/database";
import { createPeople, form, PASSWORD, signInAs } from "./helpers/people";
import { requestState } from "./helpers/request";

/**
 * A change to who someone is ends the sessions they already have, at their very next request:
 * the test keeps the person's session cookie, makes the change through the real admin action (as
 * the admin, with the admin's own cookie), then replays the old cookie against a route handler
 * and a server action that worked with it a moment before.
 *
 * Related checks elsewhere: tests/integration/sessions.test.ts (idle and absolute expiry, a
 * deactivation made directly in the database, sign-out, forged cookies), admin-actions.test.ts and
 * password-links.test.ts (the same commands, checked on the session row rather than the cookie).
 */

type People = Awaited<ReturnType<typeof createPeople>>;
const COOKIE = "next-auth.session-token";
const NEW_PASSWORD = "tidal-copper-garden-55";
const csv = () => reportCsv(new Request("http://localhost/api/reports/caseload?preset=12m"), { params: Promise.resolve({ table: "caseload" }) });

/** Signs the supervisor in and proves the cookie works: the team report downloads, an action runs. */
async function supervisorCookie(people: People): Promise<string> {
  await signInAs(people.supervisorNorth.email);
  const cookie = requestState.cookies.get(COOKIE)!;
  expect((await csv()).status).toBe(200);
  expect(await findClientsAction(null, form({ q: "anyone" }))).toMatchObject({ ok: true });
  return cookie;
}

async function expectCookieDead(cookie: string) {
  requestState.cookies.set(COOKIE, cookie);
  expect((await csv()).status, "the old cookie gets 401 from a route handler").toBe(401);
  expect(await findClientsAction(null, form({ q: "anyone" })), "the old cookie gets a signed-out answer from an action").toMatchObject({
    ok: false,
    error: expect.stringContaining("Your session has ended"),
  });
}

const changes: { name: string; change: (people: People) => Promise<{ ok: boolean }> }[] = [
  {
    name: "a role change",
    change: (p) =>
      updateAccountAction(null, form({ accountId: p.supervisorNorth.id, version: 1, name: p.supervisorNorth.name, role: "counsellor", teamId: p.teams.north.id })),
  },
  {
    name: "a team change",
    change: (p) =>
      updateAccountAction(null, form({ accountId: p.supervisorNorth.id, version: 1, name: p.supervisorNorth.name, role: "supervisor", teamId: p.teams.south.id })),
  },
  { name: "deactivation", change: (p) => setAccountStatusAction(null, form({ accountId: p.supervisorNorth.id, version: 1, status: "deactivated" })) },
  { name: "a password reset", change: (p) => issuePasswordLinkAction(null, form({ accountId: p.supervisorNorth.id })) },
];

describe("access changes end existing sessions at the next request (old cookie replayed)", () => {
  for (const { name, change } of changes) {
    it(`${name} made by an administrator`, async () => {
      const people = await createPeople();
      const old = await supervisorCookie(people);
      await signInAs(people.admin.email);
      expect(await change(people)).toMatchObject({ ok: true });
      await expectCookieDead(old);
    });
  }

  it("a name change does not end the session (the check is about access, not any edit)", async () => {
    const people = await createPeople();
    const old = await supervisorCookie(people);
    await signInAs(people.admin.email);
    const renamed = await updateAccountAction(
      null,
      form({ accountId: people.supervisorNorth.id, version: 1, name: "Renamed Supervisor", role: "supervisor", teamId: people.teams.north.id }),
    );
    expect(renamed).toMatchObject({ ok: true });
    requestState.cookies.set(COOKIE, old);
    expect((await csv()).status).toBe(200);
  });

  it("a password set from a reset link ends every session, including one opened after the reset", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    const link = await issuePasswordLinkAction(null, form({ accountId: people.supervisorNorth.id }));
    expect(link).toMatchObject({ ok: true });
    const token = (link as { data?: { token: string } }).data!.token;
    // A session that exists when the link is used: opened by putting a password back directly.
    await sql("update accounts set password_hash = (select password_hash from accounts where id = $1) where id = $2", [people.admin.id, people.supervisorNorth.id]);
    await signInAs(people.supervisorNorth.email, PASSWORD);
    const old = requestState.cookies.get(COOKIE)!;
    expect((await csv()).status).toBe(200);
    requestState.cookies.clear();
    expect(await setPasswordAction(null, form({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toMatchObject({ ok: true });
    await expectCookieDead(old);
  });

  it("changing one's own password ends the other devices' sessions, not this one", async () => {
    const people = await createPeople();
    const otherDevice = await supervisorCookie(people);
    const thisDevice = await supervisorCookie(people);
    requestState.cookies.set(COOKIE, thisDevice);
    expect(await changePasswordAction(null, form({ currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toMatchObject({
      ok: true,
    });
    expect((await csv()).status, "this device stays signed in").toBe(200);
    await expectCookieDead(otherDevice);
  });
});
