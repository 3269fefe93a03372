/**
 * `npm run db:roles`: sets up the two PostgreSQL roles Tsunagu runs with, on the database named by
 * DATABASE_ADMIN_URL (a superuser's connection). Safe to run again at any time: it creates what is
 * missing and puts every privilege back to the state below.
 *
 * - The owner role (default `tsunagu_owner`) owns the schema and every table, type and function
 *   in it, and runs the migrations (DATABASE_MIGRATION_URL). It is the only role that can change
 *   the schema or lift a trigger.
 * - The application role (default `tsunagu_app`, DATABASE_URL) may SELECT, INSERT and UPDATE the
 *   tables, and nothing more: no DELETE or TRUNCATE anywhere (the app never deletes a row), no
 *   CREATE, no ALTER. On the append-only tables (`audit_events`, `note_addenda`) it may only
 *   SELECT and INSERT, so the server refuses UPDATE, DELETE and TRUNCATE by privilege, before
 *   the append-only triggers are even reached. Tables that later migrations add (created by the
 *   owner) get SELECT, INSERT and UPDATE through default privileges.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Sql, TransactionSql } from "postgres";
import { migratePostgres } from "./migrate";

/** Tables the application appends to and never changes: SELECT and INSERT only. */
export const INSERT_ONLY_TABLES = ["audit_events", "note_addenda"] as const;
/** What the application role may do on every other table. */
export const APP_TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE"] as const;

export interface RoleSetup {
  /** A superuser's connection string to the Tsunagu database. */
  adminUrl: string;
  ownerRole?: string;
  appRole?: string;
  /** Set (or reset) the role's password when given; stored as a SCRAM-SHA-256 verifier. */
  ownerPassword?: string;
  appPassword?: string;
  log?: (line: string) => void;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Role names are checked against ROLE_NAME, so quoting is all they need in a statement. */
const ident = (name: string) => `"${name}"`;

export async function setupDatabaseRoles(setup: RoleSetup): Promise<{ ownerRole: string; appRole: string }> {
  const ownerRole = setup.ownerRole ?? "tsunagu_owner";
  const appRole = setup.appRole ?? "tsunagu_app";
  const log = setup.log ?? (() => {});
  for (const name of [ownerRole, appRole]) {
    if (!ROLE_NAME.test(name)) throw new Error(`"${name}" is not a plain role name (lower-case letters, digits and _).`);
  }
  if (ownerRole === appRole) throw new Error("The owner and application roles must be two different roles.");

  const { default: postgres } = await import("postgres");
  const admin = postgres(setup.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [me] = await admin<{ name: string; superuser: boolean; database: string }[]>`
      select current_user as name, rolsuper as superuser, current_database() as database
      from pg_roles where rolname = current_user`;
    if (!me!.superuser) throw new Error(`Run this as a superuser (connected as "${me!.name}", which is not).`);
    if ([ownerRole, appRole].includes(me!.name)) {
      throw new Error(`"${me!.name}" is the role running this setup; name two other roles for Tsunagu.`);
    }

    await admin.begin(async (tx) => {
      await ensureRole(tx, ownerRole, setup.ownerPassword, log);
      await ensureRole(tx, appRole, setup.appPassword, log);
      const [member] = await tx<{ yes: boolean }[]>`select pg_has_role(${appRole}, ${ownerRole}, 'MEMBER') as yes`;
      if (member!.yes) throw new Error(`"${appRole}" is a member of "${ownerRole}"; revoke that membership first.`);
    });

    // The schema as this version of Tsunagu expects it, so the grants below cover every table
    // (above all the append-only ones, which must never pick up the default UPDATE privilege).
    await migratePostgres(setup.adminUrl);
    log("Migrations applied.");

    await admin.begin(async (tx) => {
      const db = tx(me!.database);
      const owner = tx(ownerRole);
      const app = tx(appRole);

      // The owner owns the schemas and everything in them (objects a superuser created, such as
      // the migrations just applied, are handed over).
      await tx`grant connect, create, temporary on database ${db} to ${owner}`;
      await tx`grant connect on database ${db} to ${app}`;
      await tx`alter schema public owner to ${owner}`;
      await tx`revoke create on schema public from public`;
      await tx`alter schema drizzle owner to ${owner}`;
      const handedOver = await adoptObjects(tx, ownerRole);
      if (handedOver > 0) log(`${handedOver} object(s) handed over to ${ownerRole}.`);

      // The application role: from nothing to exactly these privileges, every run.
      await tx`revoke all on all tables in schema public from ${app}`;
      await tx`revoke all on all sequences in schema public from ${app}`;
      await tx`revoke all on all tables in schema drizzle from ${app}`;
      await tx`grant usage on schema public to ${app}`;
      await tx.unsafe(`grant ${APP_TABLE_PRIVILEGES.join(", ")} on all tables in schema public to ${ident(appRole)}`);
      await tx`grant usage on all sequences in schema public to ${app}`;
      for (const table of INSERT_ONLY_TABLES) {
        const [found] = await tx<{ seq: string | null }[]>`
          select pg_get_serial_sequence(${`public.${table}`}, 'id') as seq from pg_tables
          where schemaname = 'public' and tablename = ${table}`;
        if (!found) throw new Error(`The append-only table ${table} does not exist after migrating.`);
        await tx`revoke all on ${tx(table)} from ${app}, public`;
        await tx`grant select, insert on ${tx(table)} to ${app}`;
        // Identity columns need no sequence privilege to insert; setval could only skip ids.
        if (found.seq) await tx.unsafe(`revoke all on sequence ${found.seq} from ${ident(appRole)}, public`);
      }
      // The app reads (only) which migrations are applied, to refuse to run on an old schema.
      await tx`grant usage on schema drizzle to ${app}`;
      await tx`grant select on drizzle.__drizzle_migrations to ${app}`;

      // Tables and sequences that later migrations create (as the owner) get the same grants.
      await tx.unsafe(
        `alter default privileges for role ${ident(ownerRole)} in schema public grant ${APP_TABLE_PRIVILEGES.join(", ")} on tables to ${ident(appRole)}`,
      );
      await tx`alter default privileges for role ${owner} in schema public grant usage on sequences to ${app}`;

      await checkAppPrivileges(tx, appRole);
    });
    log(
      `Roles ready on database ${me!.database}: ${ownerRole} owns the schema and runs migrations; ` +
        `${appRole} may SELECT/INSERT/UPDATE, and only SELECT/INSERT on ${INSERT_ONLY_TABLES.join(", ")}.`,
    );
    return { ownerRole, appRole };
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function ensureRole(tx: TransactionSql, name: string, password: string | undefined, log: (line: string) => void) {
  const [existing] = await tx<{ superuser: boolean }[]>`select rolsuper as superuser from pg_roles where rolname = ${name}`;
  if (existing?.superuser) throw new Error(`"${name}" is a superuser; Tsunagu's roles must not be.`);
  if (!existing) {
    await tx`create role ${tx(name)}`;
    log(`Created role ${name}.`);
  }
  await tx`alter role ${tx(name)} login nocreatedb nocreaterole noreplication nobypassrls`;
  if (password !== undefined) {
    // A verifier, not the password, travels to the server: nothing to leak into its logs.
    await tx.unsafe(`alter role ${ident(name)} password '${scramVerifier(password)}'`);
    log(`Password set for ${name}.`);
  } else if (!existing) {
    log(`${name} has no password: it can only sign in where pg_hba.conf trusts it.`);
  }
}

/** Hands every table, view, sequence, type and function of Tsunagu's schemas to the owner. */
async function adoptObjects(tx: TransactionSql, ownerRole: string): Promise<number> {
  const statements = await tx<{ statement: string }[]>`
    with schemas as (select oid from pg_namespace where nspname in ('public', 'drizzle')),
    extension_members as (select objid from pg_depend where deptype = 'e')
    select format('alter table %s owner to %I', c.oid::regclass, ${ownerRole}::text) as statement
      from pg_class c
     where c.relnamespace in (select oid from schemas) and c.relkind in ('r', 'p', 'v', 'm', 'f')
       and c.relowner <> ${ownerRole}::regrole and c.oid not in (select objid from extension_members)
    union all
    -- Sequences that belong to a column move with their table.
    select format('alter sequence %s owner to %I', c.oid::regclass, ${ownerRole}::text)
      from pg_class c
     where c.relnamespace in (select oid from schemas) and c.relkind = 'S'
       and c.relowner <> ${ownerRole}::regrole and c.oid not in (select objid from extension_members)
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i'))
    union all
    select format('alter type %s owner to %I', t.oid::regtype, ${ownerRole}::text)
      from pg_type t
     where t.typnamespace in (select oid from schemas) and t.typtype in ('e', 'd', 'r')
       and t.typowner <> ${ownerRole}::regrole and t.oid not in (select objid from extension_members)
    union all
    -- Composite types of their own (a table's row type moves with its table).
    select format('alter type %s owner to %I', c.reltype::regtype, ${ownerRole}::text)
      from pg_class c
     where c.relnamespace in (select oid from schemas) and c.relkind = 'c'
       and c.relowner <> ${ownerRole}::regrole and c.oid not in (select objid from extension_members)
    union all
    select format('alter routine %s owner to %I', p.oid::regprocedure, ${ownerRole}::text)
      from pg_proc p
     where p.pronamespace in (select oid from schemas) and p.prokind in ('f', 'p')
       and p.proowner <> ${ownerRole}::regrole and p.oid not in (select objid from extension_members)`;
  for (const { statement } of statements) await tx.unsafe(statement);
  return statements.length;
}

/** Refuses to finish unless the server itself now answers the way the issue demands. */
async function checkAppPrivileges(sql: Sql | TransactionSql, appRole: string) {
  const rows = await sql<{ table: string; privilege: string; granted: boolean }[]>`
    select t.name as table, p.privilege, has_table_privilege(${appRole}, 'public.' || t.name, p.privilege) as granted
    from unnest(${sql.array([...INSERT_ONLY_TABLES])}::text[]) as t(name)
    cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as p(privilege)`;
  const wrong = rows.filter((row) => row.granted !== ["SELECT", "INSERT"].includes(row.privilege));
  if (wrong.length > 0) {
    throw new Error(
      `${appRole} ends up with the wrong privileges: ${wrong.map((w) => `${w.privilege} on ${w.table} ${w.granted ? "granted" : "missing"}`).join(", ")}.`,
    );
  }
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, 4096 iterations,
 * as the server computes it for `PASSWORD 'plain'`), so the plain password never reaches it.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  if (!/^[\x21-\x7e]+$/.test(password)) {
    throw new Error("Use a database password of printable ASCII characters without spaces (for example `openssl rand -hex 32`, which also needs no escaping in a connection URL).");
  }
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

async function main() {
  const adminUrl = process.argv[2] ?? process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) {
    throw new Error(
      "Give a superuser's connection string to the Tsunagu database: DATABASE_ADMIN_URL=postgres://postgres@host:5432/tsunagu npm run db:roles",
    );
  }
  await setupDatabaseRoles({
    adminUrl,
    ownerRole: process.env.TSUNAGU_DB_OWNER_ROLE || undefined,
    appRole: process.env.TSUNAGU_DB_APP_ROLE || undefined,
    ownerPassword: process.env.TSUNAGU_DB_OWNER_PASSWORD || undefined,
    appPassword: process.env.TSUNAGU_DB_APP_PASSWORD || undefined,
    log: (line) => console.log(line),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
