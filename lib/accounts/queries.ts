import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { accounts, teams } from "@/db/schema";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { anyOf, getDb } from "../db";
import { notFound } from "../errors";
import { assertCan } from "../policy";
import { likePattern } from "../validation";
import type { RequestContext } from "../request";
import { accountListInput, type AccountListInput } from "./schemas";

/** What the accounts table shows: never the password hash. */
const accountColumns = {
  id: accounts.id,
  name: accounts.name,
  email: accounts.email,
  role: accounts.role,
  status: accounts.status,
  teamId: accounts.teamId,
  teamName: teams.name,
  hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
  lastLoginAt: accounts.lastLoginAt,
  createdAt: accounts.createdAt,
  version: accounts.version,
};

export type AccountRow = {
  id: string;
  name: string;
  email: string;
  role: (typeof accounts.role.enumValues)[number];
  status: (typeof accounts.status.enumValues)[number];
  teamId: string | null;
  teamName: string | null;
  hasPassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
};

// People expect "anna" and "Ben" in alphabetical order whatever the database's collation.
const sortColumns = {
  name: sql`lower(${accounts.name})`,
  email: accounts.email,
  role: accounts.role,
  team: sql`lower(${teams.name})`,
  status: accounts.status,
  lastLoginAt: accounts.lastLoginAt,
  createdAt: accounts.createdAt,
};


/** One page of accounts and the total matching, in one query. */
export async function listAccounts(
  actor: Actor,
  params: AccountListInput,
  context: RequestContext,
): Promise<{ rows: AccountRow[]; total: number; page: number; perPage: number }> {
  assertCan(actor, "accounts.manage");
  const input = accountListInput.parse(params);
  const filters: (SQL | undefined)[] = [
    input.q ? or(ilike(accounts.name, likePattern(input.q)), ilike(accounts.email, likePattern(input.q))) : undefined,
    input.role.length ? anyOf(accounts.role, input.role) : undefined,
    input.status.length ? anyOf(accounts.status, input.status) : undefined,
    input.team.length ? anyOf(accounts.teamId, input.team) : undefined,
  ];
  const order = input.dir === "asc" ? asc : desc;
  const db = await getDb();
  const rows = await db
    .select({ ...accountColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(accounts)
    .leftJoin(teams, eq(teams.id, accounts.teamId))
    .where(and(...filters))
    .orderBy(sql`${order(sortColumns[input.sort])} nulls last`, asc(accounts.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage);
  await auditAlone({ actor, action: "accounts.list", entityType: "account", outcome: "success", details: { page: input.page } }, context);
  const total = rows[0]?.total ?? (input.page > 1 ? await countAccounts(and(...filters)) : 0);
  return { rows: rows.map(({ total: _, ...row }) => row), total, page: input.page, perPage: input.perPage };
}

// A page past the end has no row to carry the window count.
async function countAccounts(where: SQL | undefined): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(accounts).where(where);
  return row?.n ?? 0;
}

export async function getAccount(actor: Actor, accountId: string): Promise<AccountRow> {
  assertCan(actor, "accounts.manage");
  const db = await getDb();
  const [row] = await db
    .select(accountColumns)
    .from(accounts)
    .leftJoin(teams, eq(teams.id, accounts.teamId))
    .where(eq(accounts.id, accountId));
  if (!row) throw notFound("That account");
  return row;
}

export async function getOwnAccount(actor: Actor): Promise<AccountRow> {
  assertCan(actor, "account.read-own");
  const db = await getDb();
  const [row] = await db
    .select(accountColumns)
    .from(accounts)
    .leftJoin(teams, eq(teams.id, accounts.teamId))
    .where(eq(accounts.id, actor.id));
  if (!row) throw notFound("Your account");
  return row;
}

export type TeamRow = { id: string; name: string; version: number; members: number };

export async function listTeams(actor: Actor): Promise<TeamRow[]> {
  assertCan(actor, "teams.manage");
  const db = await getDb();
  return db
    .select({
      id: teams.id,
      name: teams.name,
      version: teams.version,
      members: sql<number>`(select count(*) from ${accounts} where ${accounts.teamId} = ${teams.id} and ${accounts.status} = 'active')`.mapWith(Number),
    })
    .from(teams)
    .orderBy(asc(teams.name));
}

export type AccountSummary = { role: AccountRow["role"]; active: number; deactivated: number; awaitingPassword: number }[];

/** Counts for the administrator's home page. */
export async function accountSummary(actor: Actor): Promise<AccountSummary> {
  assertCan(actor, "accounts.manage");
  const db = await getDb();
  return db
    .select({
      role: accounts.role,
      active: sql<number>`count(*) filter (where ${accounts.status} = 'active')`.mapWith(Number),
      deactivated: sql<number>`count(*) filter (where ${accounts.status} = 'deactivated')`.mapWith(Number),
      awaitingPassword: sql<number>`count(*) filter (where ${accounts.passwordHash} is null and ${accounts.status} = 'active')`.mapWith(Number),
    })
    .from(accounts)
    .groupBy(accounts.role)
    .orderBy(accounts.role);
}
