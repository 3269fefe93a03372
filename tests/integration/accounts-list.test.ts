import { describe, expect, it } from "vitest";
import { listAccounts } from "@/lib/accounts/queries";
import { sql } from "./helpers/database";
import { context, createPeople, signInAs } from "./helpers/people";

describe("accounts list (admin)", () => {
  it("pages, sorts and counts in the database", async () => {
    const people = await createPeople();
    await sql(
      `insert into accounts (email, name, role, team_id)
       select 'bulk' || g || '@test.example', 'Bulk ' || lpad(g::text, 3, '0'), 'counsellor', $1 from generate_series(1, 60) g`,
      [people.teams.north.id],
    );
    const admin = await signInAs(people.admin.email);
    const first = await listAccounts(admin, { page: 1, perPage: 25 }, context);
    expect(first.total).toBe(66);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.name).toBe("admin");
    const third = await listAccounts(admin, { page: 3, perPage: 25 }, context);
    expect(third.rows).toHaveLength(16);
    const pastEnd = await listAccounts(admin, { page: 9, perPage: 25 }, context);
    expect(pastEnd).toMatchObject({ rows: [], total: 66 });
    const desc = await listAccounts(admin, { sort: "name", dir: "desc", perPage: 5 }, context);
    expect(desc.rows.map((r) => r.name)).toEqual(["supervisor.south", "supervisor.north", "counsellor.south", "counsellor.north", "Bulk 060"]);
    expect(Object.keys(first.rows[0]!)).not.toContain("passwordHash");
  });

  it("filters by search text, role, team and status together", async () => {
    const people = await createPeople();
    await sql("update accounts set status = 'deactivated' where id = $1", [people.counsellorSouth.id]);
    const admin = await signInAs(people.admin.email);
    const bySearch = await listAccounts(admin, { q: "NORTH" }, context);
    expect(bySearch.rows.map((r) => r.email).sort()).toEqual(["counsellor.north@test.example", "supervisor.north@test.example"]);
    const byRoleTeam = await listAccounts(admin, { role: ["counsellor", "supervisor"], team: [people.teams.south.id] }, context);
    expect(byRoleTeam.total).toBe(2);
    const byStatus = await listAccounts(admin, { status: ["deactivated"] }, context);
    expect(byStatus.rows.map((r) => r.id)).toEqual([people.counsellorSouth.id]);
    const wildcard = await listAccounts(admin, { q: "%" }, context);
    expect(wildcard.total).toBe(0);
  });

  it("falls back to defaults for nonsense in the URL instead of failing", async () => {
    const people = await createPeople();
    const admin = await signInAs(people.admin.email);
    const result = await listAccounts(
      admin,
      { page: -4, perPage: 10_000, sort: "password_hash", dir: "sideways", q: "\u0000".repeat(500), role: ["wizard"], team: ["not-a-uuid"] },
      context,
    );
    expect(result).toMatchObject({ page: 1, perPage: 25, total: 6 });
  });
});
