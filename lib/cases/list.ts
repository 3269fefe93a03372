import "server-only";
import { and, asc, desc, eq, ilike, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { accounts, caseFactors, caseFlags, cases, clients, factors } from "@/db/schema";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { anyOf, getDb } from "../db";
import { assertCan } from "../policy";
import { likePattern } from "../validation";
import type { RequestContext } from "../request";
import { clientDisplayName } from "./queries";
import { caseListInput, type CaseListInput } from "./schemas";
import { caseScope } from "./scope";

const openFlagCount = sql<number>`(select count(*) from ${caseFlags} where ${caseFlags.caseId} = ${cases.id} and ${caseFlags.resolvedAt} is null)`.mapWith(Number);

const primaryFactor = sql<string | null>`(select ${factors.name} from ${caseFactors} join ${factors} on ${factors.id} = ${caseFactors.factorId}
  where ${caseFactors.caseId} = ${cases.id} and ${caseFactors.isPrimary} and ${caseFactors.removedAt} is null)`;

/**
 * The list looks a row's client up for the rows it shows, not for every case in scope: a join
 * read the client of each of a team's ~1,700 matching cases to show 50 of them. A subquery in the
 * select list runs only for the rows the window and the limit hand on (sorting by client still
 * reads every case's client, as it must).
 */
const listedClientName = sql<string>`(select ${clientDisplayName} from ${clients} where ${clients.id} = ${cases.clientId})`;

const sortColumns = {
  reference: cases.reference,
  client: sql`lower(${listedClientName})`,
  status: cases.status,
  risk: cases.riskLevel,
  counsellor: sql`lower(${accounts.name})`,
  referralDate: cases.referralDate,
  lastContact: cases.lastContactOn,
  updatedAt: cases.updatedAt,
};

export type CaseListRow = {
  id: string;
  reference: string;
  clientName: string;
  status: (typeof cases.status.enumValues)[number];
  riskLevel: (typeof cases.riskLevel.enumValues)[number];
  counsellorName: string;
  referralDate: string;
  withdrawalOnset: string | null;
  lastContactOn: string | null;
  openFlags: number;
  primaryFactor: string | null;
};

/** One page of the cases in scope, filtered and sorted in SQL, with the total in the same query. */
export async function listCases(actor: Actor, params: CaseListInput, context: RequestContext) {
  assertCan(actor, "cases.read");
  const input = caseListInput.parse(params);
  const filters: (SQL | undefined)[] = [
    caseScope(actor),
    input.q
      ? or(
          ilike(cases.reference, likePattern(input.q)),
          sql`exists (select 1 from ${clients} where ${clients.id} = ${cases.clientId} and ${or(
            ilike(clients.givenName, likePattern(input.q)),
            ilike(clients.familyName, likePattern(input.q)),
            ilike(clients.preferredName, likePattern(input.q)),
          )})`,
        )
      : undefined,
    input.status.length ? anyOf(cases.status, input.status) : undefined,
    input.risk.length ? anyOf(cases.riskLevel, input.risk) : undefined,
    input.counsellor.length && actor.role === "supervisor" ? anyOf(cases.counsellorId, input.counsellor) : undefined,
    input.factor.length
      ? sql`exists (select 1 from ${caseFactors} where ${caseFactors.caseId} = ${cases.id} and ${caseFactors.removedAt} is null and ${anyOf(caseFactors.factorId, input.factor)})`
      : undefined,
    input.noContact
      ? and(sql`${cases.status} <> 'closed'`, or(isNull(cases.lastContactOn), lte(cases.lastContactOn, sql`current_date - 30`)))
      : undefined,
  ];
  const order = input.dir === "asc" ? asc : desc;
  const db = await getDb();
  // One audit row per page view: which filters, never the search words. It is written alongside
  // the read, not after it, so it adds no round trip; no row is returned unless it committed. A
  // read that then fails leaves the row: it records an access that was allowed and attempted.
  const applied = (["status", "risk", "factor", "counsellor"] as const).filter((key) => input[key].length);
  const sorted = [sql`${order(sortColumns[input.sort])} nulls last`, asc(cases.reference)];
  // The page's cases are chosen first, and only their rows are then read: a team's list read the
  // rows of all its ~3,300 cases to show 50. The team index now carries the case columns the
  // choice filters and sorts on (migration 0016). Both steps sort alike, so the page keeps its order.
  const page = db
    .select({ id: cases.id, total: sql<number>`count(*) over ()`.as("total") })
    .from(cases)
    .innerJoin(accounts, eq(accounts.id, cases.counsellorId))
    .where(and(...filters))
    .orderBy(...sorted)
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .as("page");
  const [rows] = await Promise.all([
    db
      .select({
        id: cases.id,
        reference: cases.reference,
        clientName: listedClientName,
        status: cases.status,
        riskLevel: cases.riskLevel,
        counsellorName: accounts.name,
        referralDate: cases.referralDate,
        withdrawalOnset: cases.withdrawalOnset,
        lastContactOn: cases.lastContactOn,
        openFlags: openFlagCount,
        primaryFactor,
        total: sql<number>`${page.total}`.mapWith(Number),
      })
      .from(page)
      .innerJoin(cases, eq(cases.id, page.id))
      .innerJoin(accounts, eq(accounts.id, cases.counsellorId))
      .orderBy(...sorted),
    auditAlone(
      {
        actor,
        action: "cases.list",
        entityType: "case",
        outcome: "success",
        details: { page: input.page, filters: [...applied, ...(input.noContact ? ["noContact"] : [])].join(",") || null, searched: Boolean(input.q) },
      },
      context,
    ),
  ]);
  const total =
    rows[0]?.total ??
    (input.page > 1
      ? Number((await db.select({ n: sql<number>`count(*)` }).from(cases).where(and(...filters)))[0]?.n ?? 0)
      : 0);
  return { rows: rows.map(({ total: _, ...row }) => row as CaseListRow), total, input };
}

/** Whether any case in scope has a recorded contact yet: until then "no contact in 30+ days" means nothing. */
export async function hasContactData(actor: Actor): Promise<boolean> {
  assertCan(actor, "cases.read");
  const db = await getDb();
  const [row] = await db.select({ id: cases.id }).from(cases).where(and(caseScope(actor), isNotNull(cases.lastContactOn))).limit(1);
  return Boolean(row);
}
