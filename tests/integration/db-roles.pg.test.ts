import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase, pendingMigrations } from "@/db/migrate";
import { INSERT_ONLY_TABLES, scramVerifier, setupDatabaseRoles } from "@/db/roles";
import { verifyAuditChain } from "@/lib/audit";
import { authenticate } from "@/lib/auth/login";
import { database, installDatabase } from "@/lib/db";
import { createCaseFor } from "./helpers/cases";
import { sql, testDatabase } from "./helpers/database";
import { addendumTo, signedNote, writeNote } from "./helpers/notes";
import { context, createPeople, signInAs } from "./helpers/people";

/**
 * The separate database roles of `npm run db:roles`, on the Postgres server only (roles and
 * grants do not exist in PGlite). Roles belong to the whole server, so every run names its own
 * and drops them afterwards.
 */
const run = randomBytes(4).toString("hex");
const ownerRole = `tsunagu_owner_test_${run}`;
const appRole = `tsunagu_app_test_${run}`;
const ownerPassword = `owner-${randomBytes(12).toString("hex")}`;
const appPassword = `app-${randomBytes(12).toString("hex")}`;

function urlAs(role: string, base = testDatabase().url!): string {
  const url = new URL(base);
  url.username = role;
  url.password = "";
  return url.toString();
}

function setup(adminUrl = testDatabase().url!) {
  return setupDatabaseRoles({ adminUrl, ownerRole, appRole, ownerPassword, appPassword });
}

/** What the server refused, or null when it ran the statement. */
async function refusal(handle: DatabaseHandle, statement: string): Promise<{ code?: string; message: string } | null> {
  return handle.query(statement).then(
    () => null,
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );
}

/** Every privilege and owner the setup decides, as the catalogue holds them. */
async function privilegeSnapshot(query: (text: string) => Promise<Record<string, unknown>[]>) {
  return {
    relations: await query(`
      select c.relname, c.relkind, pg_get_userbyid(c.relowner) as owner, c.relacl::text as acl
      from pg_class c where c.relnamespace in ('public'::regnamespace, 'drizzle'::regnamespace)
        and c.relkind in ('r', 'S', 'v', 'm') order by c.relname`),
    schemas: await query(`
      select nspname, pg_get_userbyid(nspowner) as owner, nspacl::text as acl
      from pg_namespace where nspname in ('public', 'drizzle') order by nspname`),
    database: await query("select datacl::text as acl from pg_database where datname = current_database()"),
    defaults: await query("select defaclobjtype, defaclacl::text as acl from pg_default_acl order by defaclobjtype"),
  };
}

let app: DatabaseHandle;
const otherDatabases: string[] = [];

beforeAll(async () => {
  await setup();
  app = await openDatabase({ url: urlAs(appRole) });
  installDatabase(app);
});

afterAll(async () => {
  await app?.close();
  installDatabase(testDatabase());
  for (const name of otherDatabases) await sql(`drop database if exists ${name} with (force)`);
  const existing = (await sql<{ rolname: string }>("select rolname from pg_roles where rolname = any($1)", [[ownerRole, appRole]]))
    .map((row) => row.rolname);
  if (existing.length === 0) return;
  await sql(`reassign owned by ${existing.join(", ")} to current_user`);
  await sql(`drop owned by ${existing.join(", ")}`);
  for (const role of existing) await sql(`drop role ${role}`);
});

describe("database roles (npm run db:roles)", () => {
  it("the app runs as the restricted role, which is no superuser and owns nothing", async () => {
    expect(await database()).toBe(app);
    const [me] = await app.query<{ user: string; superuser: string }>("select current_user as user, current_setting('is_superuser') as superuser");
    expect(me).toEqual({ user: appRole, superuser: "off" });
    const owned = await sql<{ n: number }>(
      "select count(*)::int as n from pg_class where relowner = $1::regrole and relnamespace = 'public'::regnamespace",
      [appRole],
    );
    expect(owned[0]!.n).toBe(0);
    const tables = await sql<{ owner: string; n: number }>(
      "select pg_get_userbyid(relowner) as owner, count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' group by 1",
    );
    expect(tables).toEqual([{ owner: ownerRole, n: expect.any(Number) }]);
    // Enums and composite types too (outcome_observation, which the outcome triggers pass around).
    const types = await sql<{ owner: string }>(
      `select distinct pg_get_userbyid(t.typowner) as owner from pg_type t left join pg_class c on c.oid = t.typrelid
       where t.typnamespace = 'public'::regnamespace and (t.typtype = 'e' or c.relkind = 'c')`,
    );
    expect(types).toEqual([{ owner: ownerRole }]);
  });

  it("grants only SELECT and INSERT on the append-only tables, and never DELETE or TRUNCATE", async () => {
    const rows = await sql<{ table: string; privilege: string; granted: boolean }>(
      `select c.relname as table, p.privilege, has_table_privilege($1, c.oid, p.privilege) as granted
       from pg_class c cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) as p(privilege)
       where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1, 2`,
      [appRole],
    );
    const granted = (table: string) => rows.filter((r) => r.table === table && r.granted).map((r) => r.privilege).sort();
    expect(new Set(rows.map((r) => r.table)).size).toBeGreaterThan(15);
    for (const table of new Set(rows.map((r) => r.table))) {
      const expected = (INSERT_ONLY_TABLES as readonly string[]).includes(table) ? ["INSERT", "SELECT"] : ["INSERT", "SELECT", "UPDATE"];
      expect(granted(table), table).toEqual(expected);
    }
    expect(granted("audit_events")).toEqual(["INSERT", "SELECT"]);
  });

  it("writes the audit trail through the real sign-in, case and note commands, and audit:verify reads it", async () => {
    const { counsellorNorth } = await createPeople();
    await expect(authenticate({ email: counsellorNorth.email, password: "not-the-password-at-all" }, context)).rejects.toMatchObject({
      kind: "Invalid",
    });
    const counsellor = await signInAs(counsellorNorth.email);
    const { caseId } = await createCaseFor(counsellor);
    const draft = await writeNote(counsellor, caseId);
    expect(draft.status).toBe("draft");
    const signed = await signedNote(counsellor, caseId);
    expect(signed.status).toBe("signed");
    await addendumTo(counsellor, caseId, signed.noteId);

    const actions = await sql<{ action: string; outcome: string }>("select action, outcome from audit_events order by id");
    expect(actions.slice(0, 3)).toEqual([
      { action: "auth.login", outcome: "failure" },
      { action: "auth.login", outcome: "success" },
      { action: "case.create", outcome: "success" },
    ]);
    expect(actions.map((a) => a.action)).toContain("note.addendum");
    const attempts = await sql<{ outcome: string }>("select outcome from login_attempts order by id");
    expect(attempts.map((a) => a.outcome)).toEqual(["failure", "success"]);

    expect(await verifyAuditChain(app.db)).toEqual({ checked: actions.length, broken: null });
    // The command itself, connected as the app role.
    const { stdout } = await promisify(execFile)("npx", ["tsx", "--conditions=react-server", "lib/cli/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: urlAs(appRole), DATABASE_MIGRATION_URL: "" },
      timeout: 60_000,
    });
    expect(stdout).toContain(`Audit chain intact: ${actions.length} events verified.`);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of the audit trail to the app role by privilege, not only by trigger", async () => {
    const { counsellorNorth } = await createPeople();
    const counsellor = await signInAs(counsellorNorth.email);
    const { caseId } = await createCaseFor(counsellor);
    const signed = await signedNote(counsellor, caseId);
    await addendumTo(counsellor, caseId, signed.noteId);
    const before = await sql("select to_jsonb(a) as row from audit_events a order by id");
    expect(before.length).toBeGreaterThan(2);

    // Lift the append-only triggers, so that only the grants stand in the way.
    const triggers = ["audit_events_append_only", "audit_events_no_truncate", "note_addenda_append_only", "note_addenda_no_truncate"];
    const guarded = [
      "update audit_events set action = 'rewritten'",
      "delete from audit_events",
      "truncate audit_events",
      "update note_addenda set body = 'rewritten'",
      "delete from note_addenda",
      "truncate note_addenda",
    ];
    try {
      for (const trigger of triggers) await sql(`alter table ${trigger.replace(/_(append_only|no_truncate)$/, "")} disable trigger ${trigger}`);
      for (const statement of guarded) {
        const refused = await refusal(app, statement);
        expect(refused, statement).toEqual({ code: "42501", message: expect.stringMatching(/^permission denied for table (audit_events|note_addenda)$/) });
      }
    } finally {
      for (const table of ["audit_events", "note_addenda"]) await sql(`alter table ${table} enable trigger user`);
    }
    expect(await sql("select to_jsonb(a) as row from audit_events a order by id")).toEqual(before);

    // Nor any way around the grants.
    const around: [string, RegExp][] = [
      ["select setval('audit_events_id_seq', 1)", /permission denied for sequence audit_events_id_seq/],
      ["alter table audit_events disable trigger audit_events_append_only", /must be owner of table audit_events/],
      ["delete from accounts", /permission denied for table accounts/],
      ["truncate cases cascade", /permission denied for table cases/],
      ["create table audit_copy (id bigint)", /permission denied for schema public/],
      [`set role ${ownerRole}`, /permission denied to set role/],
      // The rebuilds lock out every write to their tables: for migrations and bulk loads only.
      ["select outcome_summaries_rebuild()", /permission denied for function outcome_summaries_rebuild/],
      ["select case_factor_sets_rebuild()", /permission denied for function case_factor_sets_rebuild/],
    ];
    for (const [statement, message] of around) {
      const refused = await refusal(app, statement);
      expect(refused, statement).toEqual({ code: "42501", message: expect.stringMatching(message) });
    }
    // Granting itself UPDATE only draws a warning from the server, and grants nothing.
    expect(await refusal(app, `grant update, delete, truncate on audit_events to ${appRole}`)).toBeNull();
    const [after] = await sql<{ any: boolean }>(
      "select has_table_privilege($1, 'audit_events', 'UPDATE') or has_table_privilege($1, 'audit_events', 'DELETE') or has_table_privilege($1, 'audit_events', 'TRUNCATE') as any",
      [appRole],
    );
    expect(after!.any).toBe(false);
    expect(await verifyAuditChain(app.db)).toEqual({ checked: before.length, broken: null });
  });

  it("leaves migrations to the owner role; the app role can only tell whether any are pending", async () => {
    await expect(migrateDatabase(app)).rejects.toThrow(/may not change the schema.*DATABASE_MIGRATION_URL/);
    await migrateDatabase(app, urlAs(ownerRole));
    expect(await pendingMigrations(app)).toBe(0);

    const [last] = await sql<{ id: number; hash: string; created_at: string }>(
      "select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1",
    );
    await sql("delete from drizzle.__drizzle_migrations where id = $1", [last!.id]);
    try {
      expect(await pendingMigrations(app)).toBe(1);
    } finally {
      await sql("insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)", [last!.id, last!.hash, last!.created_at]);
    }
    expect(await pendingMigrations(app)).toBe(0);
  });

  it("gives tables that later migrations add the app's grants, without DELETE", async () => {
    const owner = postgres(urlAs(ownerRole), { max: 1, onnotice: () => {} });
    try {
      await owner`create table later_feature (id bigint primary key generated always as identity, label text)`;
      await owner`create table later_serial (id serial primary key, label text)`;
      const [row] = await app.query<{ id: string }>("insert into later_feature (label) values ('a') returning id::text");
      await app.query("insert into later_serial (label) values ('a')");
      expect(await app.query("update later_feature set label = 'b' where id = $1 returning label", [row!.id])).toEqual([{ label: "b" }]);
      expect(await refusal(app, "delete from later_feature")).toMatchObject({ code: "42501" });
      expect(await refusal(app, "truncate later_serial")).toMatchObject({ code: "42501" });
    } finally {
      await owner`drop table if exists later_feature, later_serial`;
      await owner.end({ timeout: 5 });
    }
  });

  it("can run again without changing anything, on this database and on a new empty one", async () => {
    const before = await privilegeSnapshot((text) => sql(text));
    await setup();
    expect(await privilegeSnapshot((text) => sql(text))).toEqual(before);
    expect(JSON.stringify(before.relations)).toContain(`${appRole}=ar/${ownerRole}`);

    // A new, empty database: the setup creates the schema (as the owner's) and the grants.
    const name = `tsunagu_test_roles_${randomBytes(6).toString("hex")}`;
    otherDatabases.push(name);
    await sql(`create database ${name}`);
    const adminUrl = new URL(testDatabase().url!);
    adminUrl.pathname = `/${name}`;
    await setup(adminUrl.toString());
    const fresh = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      const query = (text: string) => fresh.unsafe(text) as unknown as Promise<Record<string, unknown>[]>;
      const first = await privilegeSnapshot(query);
      await setup(adminUrl.toString());
      expect(await privilegeSnapshot(query)).toEqual(first);
      const [audit] = await fresh<{ acl: string }[]>`select relacl::text as acl from pg_class where oid = 'public.audit_events'::regclass`;
      expect(audit!.acl).toBe(`{${ownerRole}=arwdDxt/${ownerRole},${appRole}=ar/${ownerRole}}`);
    } finally {
      await fresh.end({ timeout: 5 });
    }
    const appThere = await openDatabase({ url: urlAs(appRole, adminUrl.toString()) });
    try {
      expect(await pendingMigrations(appThere)).toBe(0);
      expect(await refusal(appThere, "delete from audit_events")).toMatchObject({ code: "42501" });
    } finally {
      await appThere.close();
    }
  });

  it("sends the server the same SCRAM verifier it would compute itself, never the password", async () => {
    const [stored] = await sql<{ verifier: string }>("select rolpassword as verifier from pg_authid where rolname = $1", [appRole]);
    const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored!.verifier);
    expect(match).not.toBeNull();
    expect(scramVerifier(appPassword, Buffer.from(match![2]!, "base64"), Number(match![1]))).toBe(stored!.verifier);
    expect(scramVerifier("another-password", Buffer.from(match![2]!, "base64"), Number(match![1]))).not.toBe(stored!.verifier);

    // Against the server's own computation from a plain password.
    await sql("set password_encryption = 'scram-sha-256'");
    await sql(`alter role ${ownerRole} password 'Plain-Password-0123'`);
    const [server] = await sql<{ verifier: string }>("select rolpassword as verifier from pg_authid where rolname = $1", [ownerRole]);
    const parts = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(server!.verifier)!;
    expect(scramVerifier("Plain-Password-0123", Buffer.from(parts[2]!, "base64"), Number(parts[1]))).toBe(server!.verifier);
    expect(() => scramVerifier("has a space")).toThrow(/printable ASCII/);
  });
});
