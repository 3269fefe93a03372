import { describe, expect, it } from "vitest";
import { changePasswordAction } from "@/app/(app)/account/actions";
import {
  createAccountAction,
  issuePasswordLinkAction,
  setAccountStatusAction,
  updateAccountAction,
} from "@/app/(app)/admin/accounts/actions";
import { createTeamAction, renameTeamAction } from "@/app/(app)/admin/teams/actions";
import { listAccounts, listTeams } from "@/lib/accounts/queries";
import { authenticate } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/sessions";
import { sql } from "./helpers/database";
import { context, createPeople, form, PASSWORD, signInAs, signOut } from "./helpers/people";

type People = Awaited<ReturnType<typeof createPeople>>;
type FormAction = (previous: null, data: FormData) => Promise<{ ok: boolean }>;

/** Every admin action with a valid payload: refused roles must fail on authority, not on input. */
const adminActions: { name: string; run: FormAction; payload: (p: People) => Record<string, string | number> }[] = [
  {
    name: "create account",
    run: createAccountAction,
    payload: (p) => ({ name: "Someone New", email: "someone.new@test.example", role: "counsellor", teamId: p.teams.north.id }),
  },
  {
    name: "update account",
    run: updateAccountAction,
    payload: (p) => ({ accountId: p.counsellorNorth.id, version: 1, name: "Renamed", role: "supervisor", teamId: p.teams.north.id }),
  },
  {
    name: "deactivate account",
    run: setAccountStatusAction,
    payload: (p) => ({ accountId: p.counsellorNorth.id, version: 1, status: "deactivated" }),
  },
  { name: "issue password link", run: issuePasswordLinkAction, payload: (p) => ({ accountId: p.counsellorNorth.id }) },
  { name: "create team", run: createTeamAction, payload: () => ({ name: "East" }) },
  { name: "rename team", run: renameTeamAction, payload: (p) => ({ teamId: p.teams.south.id, version: 1, name: "West" }) },
];

const refusedRoles = ["anonymous", "analyst", "supervisorNorth", "counsellorNorth"] as const;

async function snapshot() {
  return sql(
    `select (select json_agg(a order by a.id) from (select id, name, role, team_id, status, version, password_hash from accounts) a) as accounts,
            (select json_agg(t order by t.id) from (select id, name, version from teams) t) as teams,
            (select count(*)::int from account_tokens) as tokens,
            (select count(*)::int from sessions where revoked_at is not null) as revoked`,
  );
}

describe("admin actions", () => {
  for (const entry of adminActions) {
    for (const who of refusedRoles) {
      it(`${entry.name}: refused for ${who}, nothing changed, refusal audited`, async () => {
        const people = await createPeople();
        if (who === "anonymous") signOut();
        else await signInAs(people[who].email);
        const before = await snapshot();
        const result = await entry.run(null, form(entry.payload(people)));
        expect(result.ok).toBe(false);
        expect(await snapshot()).toEqual(before);
        const [audit] = await sql<{ outcome: string; reason: string }>(
          "select outcome, details->>'reason' as reason from audit_events where outcome = 'denied'",
        );
        expect(audit).toEqual({ outcome: "denied", reason: who === "anonymous" ? "Unauthenticated" : "Forbidden" });
      });
    }

    it(`${entry.name}: allowed for an admin and audited`, async () => {
      const people = await createPeople();
      const admin = await signInAs(people.admin.email);
      const result = await entry.run(null, form(entry.payload(people)));
      expect(result).toMatchObject({ ok: true });
      const rows = await sql<{ actor_id: string; outcome: string }>(
        "select actor_id, outcome from audit_events where action not like 'auth.%' and outcome = 'success'",
      );
      expect(rows).toEqual([{ actor_id: admin.id, outcome: "success" }]);
    });
  }

  it("create account returns a link and the account waits for its password", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    const result = await createAccountAction(
      null,
      form({ name: "  Mio Ito ", email: " Mio.Ito@Test.example", role: "counsellor", teamId: people.teams.south.id }),
    );
    expect(result).toMatchObject({ ok: true, data: { token: expect.stringMatching(/^[\w-]{43}$/) } });
    const [row] = await sql<{ name: string; email: string; password_hash: string | null }>(
      "select name, email, password_hash from accounts where email = 'mio.ito@test.example'",
    );
    expect(row).toEqual({ name: "Mio Ito", email: "mio.ito@test.example", password_hash: null });
  });

  it("create account explains every bad field at once and writes nothing", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    const before = await snapshot();
    const result = await createAccountAction(null, form({ name: "", email: "not-an-email", role: "wizard", teamId: "x" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.any(String)], email: [expect.any(String)], role: [expect.any(String)], teamId: [expect.any(String)] },
    });
    const noTeam = await createAccountAction(null, form({ name: "A Person", email: "a.person@test.example", role: "counsellor", teamId: "" }));
    expect(noTeam).toMatchObject({ ok: false, fieldErrors: { teamId: ["Counsellors and supervisors belong to a team."] } });
    const taken = await createAccountAction(null, form({ name: "Dup", email: "COUNSELLOR.NORTH@test.example", role: "analyst", teamId: "" }));
    expect(taken).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining("already exists")] } });
    const long = await createAccountAction(null, form({ name: "n".repeat(201), email: "long@test.example", role: "analyst", teamId: "" }));
    expect(long).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses control characters and out-of-range numbers as field errors", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    const before = await snapshot();
    expect(await createTeamAction(null, form({ name: "East\u0000" }))).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    expect(
      await setAccountStatusAction(null, form({ accountId: people.counsellorNorth.id, version: 99_999_999_999, status: "deactivated" })),
    ).toMatchObject({ ok: false, fieldErrors: { version: [expect.any(String)] } });
    expect(await snapshot()).toEqual(before);
  });

  it("an analyst or admin never keeps a team, whatever the form says", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    await createAccountAction(null, form({ name: "Team-less", email: "teamless@test.example", role: "analyst", teamId: people.teams.north.id }));
    const [row] = await sql<{ team_id: string | null }>("select team_id from accounts where email = 'teamless@test.example'");
    expect(row!.team_id).toBeNull();
  });

  it("a stale version is a conflict, never a silent overwrite", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    const first = await updateAccountAction(
      null,
      form({ accountId: people.counsellorNorth.id, version: 1, name: "First edit", role: "counsellor", teamId: people.teams.north.id }),
    );
    expect(first.ok).toBe(true);
    const second = await updateAccountAction(
      null,
      form({ accountId: people.counsellorNorth.id, version: 1, name: "Second edit", role: "counsellor", teamId: people.teams.north.id }),
    );
    expect(second).toMatchObject({ ok: false, error: expect.stringContaining("Someone else changed") });
    const [row] = await sql<{ name: string; version: number }>("select name, version from accounts where id = $1", [people.counsellorNorth.id]);
    expect(row).toEqual({ name: "First edit", version: 2 });
  });

  it("a role change ends the person's sessions; a name change does not", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    await signInAs(people.admin.email);
    await updateAccountAction(null, form({ accountId: people.counsellorNorth.id, version: 1, name: "New name", role: "counsellor", teamId: people.teams.north.id }));
    expect(await resolveSession(counsellor.sessionId)).not.toBeNull();
    await updateAccountAction(null, form({ accountId: people.counsellorNorth.id, version: 2, name: "New name", role: "supervisor", teamId: people.teams.north.id }));
    expect(await resolveSession(counsellor.sessionId)).toBeNull();
  });

  it("deactivation ends sessions; an admin cannot deactivate or demote themselves", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorSouth.email);
    await signInAs(people.admin.email);
    expect(await setAccountStatusAction(null, form({ accountId: people.counsellorSouth.id, version: 1, status: "deactivated" }))).toMatchObject({ ok: true });
    expect(await resolveSession(counsellor.sessionId)).toBeNull();
    expect(await setAccountStatusAction(null, form({ accountId: people.admin.id, version: 1, status: "deactivated" }))).toMatchObject({ ok: false });
    expect(await setAccountStatusAction(null, form({ accountId: people.admin.id.toUpperCase(), version: 1, status: "deactivated" }))).toMatchObject({ ok: false });
    expect(await updateAccountAction(null, form({ accountId: people.admin.id, version: 1, name: "Admin", role: "analyst", teamId: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { role: [expect.any(String)] },
    });
  });

  it("an unknown account is not found and nothing is written", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    const result = await setAccountStatusAction(null, form({ accountId: "00000000-0000-4000-8000-000000000000", version: 1, status: "deactivated" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("not found") });
  });

  it("team names are unique regardless of case", async () => {
    const people = await createPeople();
    await signInAs(people.admin.email);
    expect(await createTeamAction(null, form({ name: "north" }))).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining("already exists")] } });
    expect(await renameTeamAction(null, form({ teamId: people.teams.south.id, version: 1, name: "NORTH" }))).toMatchObject({ ok: false });
  });

  it("account and team lists are for admins only", async () => {
    const people = await createPeople();
    for (const who of ["analyst", "supervisorNorth", "counsellorNorth"] as const) {
      const actor = await signInAs(people[who].email);
      await expect(listAccounts(actor, {}, context)).rejects.toMatchObject({ kind: "Forbidden" });
      await expect(listTeams(actor)).rejects.toMatchObject({ kind: "Forbidden" });
    }
  });
});

describe("changing one's own password", () => {
  for (const who of ["admin", "analyst", "supervisorNorth", "counsellorNorth"] as const) {
    it(`works for ${who}, needs the current password, and ends their other sessions`, async () => {
      const people = await createPeople();
      const otherDevice = await signInAs(people[who].email);
      const thisDevice = await signInAs(people[who].email);
      const wrong = await changePasswordAction(null, form({ currentPassword: "not-my-password", password: "tidal-copper-garden-55", confirmPassword: "tidal-copper-garden-55" }));
      expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: [expect.any(String)] } });
      const ok = await changePasswordAction(null, form({ currentPassword: PASSWORD, password: "tidal-copper-garden-55", confirmPassword: "tidal-copper-garden-55" }));
      expect(ok).toMatchObject({ ok: true });
      expect(await resolveSession(otherDevice.sessionId)).toBeNull();
      expect(await resolveSession(thisDevice.sessionId)).not.toBeNull();
    });
  }

  it("wrong current passwords count towards the sign-in lock", async () => {
    const people = await createPeople();
    await signInAs(people.counsellorNorth.email);
    const guess = (currentPassword: string) =>
      changePasswordAction(null, form({ currentPassword, password: "tidal-copper-garden-55", confirmPassword: "tidal-copper-garden-55" }));
    for (let i = 0; i < 5; i++) expect(await guess(`guess-number-${i}-xx`)).toMatchObject({ ok: false, fieldErrors: { currentPassword: [expect.any(String)] } });
    expect(await guess(PASSWORD)).toMatchObject({ ok: false, error: expect.stringContaining("Too many") });
    const [row] = await sql<{ has: boolean }>("select password_hash is not null as has from accounts where id = $1", [people.counsellorNorth.id]);
    expect(row!.has).toBe(true);
    await expect(authenticate({ email: people.counsellorNorth.email, password: PASSWORD }, context)).rejects.toMatchObject({ kind: "RateLimited" });
  });

  it("is refused when signed out", async () => {
    await createPeople();
    signOut();
    const result = await changePasswordAction(null, form({ currentPassword: PASSWORD, password: "tidal-copper-garden-55", confirmPassword: "tidal-copper-garden-55" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("Sign in") });
  });
});
