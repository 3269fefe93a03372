import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { addDays } from "date-fns";
import { z } from "zod";
import { accounts, auditEvents } from "@/db/schema";
import type { Actor } from "./actor";
import { auditAlone } from "./audit";
import { caseHeader } from "./cases/queries";
import { anyOf, getDb } from "./db";
import { invalid } from "./errors";
import { assertCan } from "./policy";
import type { RequestContext } from "./request";
import { allowedList, likePattern, searchText } from "./validation";

const day = z.iso.date().catch("");

// Built from the URL: anything malformed falls back to "no filter" rather than failing the page.
export const auditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  perPage: z.coerce.number().int().min(10).max(200).catch(50),
  who: searchText(200),
  action: searchText(100),
  entity: searchText(50),
  outcome: allowedList(auditEvents.outcome.enumValues),
  from: day,
  to: day,
});
export type AuditQuery = Partial<Record<keyof z.output<typeof auditQuery>, unknown>>;

const columns = {
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  actorName: accounts.name,
  actorEmail: accounts.email,
  actorRole: auditEvents.actorRole,
  action: auditEvents.action,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  caseId: auditEvents.caseId,
  outcome: auditEvents.outcome,
  ip: auditEvents.ip,
  requestId: auditEvents.requestId,
};

const utcDay = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

function filters(input: z.output<typeof auditQuery>): SQL | undefined {
  return and(
    input.who ? or(ilike(accounts.name, likePattern(input.who)), ilike(accounts.email, likePattern(input.who))) : undefined,
    input.action ? ilike(auditEvents.action, likePattern(input.action)) : undefined,
    input.entity ? eq(auditEvents.entityType, input.entity) : undefined,
    input.outcome.length ? anyOf(auditEvents.outcome, input.outcome) : undefined,
    // Days are UTC days, as the times are shown.
    input.from ? gte(auditEvents.occurredAt, utcDay(input.from)) : undefined,
    input.to ? lt(auditEvents.occurredAt, addDays(utcDay(input.to), 1)) : undefined,
  );
}

const EXPORT_LIMIT = 100_000;

/** The audit trail for administrators: filtered and paged in SQL, newest first. Reading it is itself audited. */
export async function listAuditEvents(actor: Actor, params: AuditQuery, context: RequestContext, { all = false } = {}) {
  assertCan(actor, "audit.read");
  const input = auditQuery.parse(params);
  const db = await getDb();
  const query = db
    .select({ ...columns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(auditEvents)
    .leftJoin(accounts, eq(accounts.id, auditEvents.actorId))
    .where(filters(input))
    .orderBy(desc(auditEvents.id));
  // An export takes every matching row, up to a bound that keeps one request reasonable; past it,
  // it is refused rather than cut short without a word.
  const rows = all ? await query.limit(EXPORT_LIMIT) : await query.limit(input.perPage).offset((input.page - 1) * input.perPage);
  if (all && (rows[0]?.total ?? 0) > EXPORT_LIMIT) {
    throw invalid(`More than ${EXPORT_LIMIT.toLocaleString("en")} events match. Narrow the dates or the filters and download again.`);
  }
  await auditAlone(
    {
      actor,
      action: all ? "audit.export" : "audit.view",
      outcome: "success",
      details: { page: all ? null : input.page, rows: rows.length, filtered: Boolean(input.who || input.action || input.entity || input.outcome.length || input.from || input.to) },
    },
    context,
  );
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0, input };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];

/** Who viewed or changed one case and when, for the supervisor of its team. */
export async function caseAccessLog(actor: Actor, caseId: string, context: RequestContext) {
  assertCan(actor, "cases.access-log");
  await caseHeader(actor, caseId, "case.access-log", context);
  const db = await getDb();
  const rows = await db
    .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, actorName: accounts.name, actorRole: auditEvents.actorRole, action: auditEvents.action, outcome: auditEvents.outcome })
    .from(auditEvents)
    .leftJoin(accounts, eq(accounts.id, auditEvents.actorId))
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(desc(auditEvents.id))
    .limit(200);
  await auditAlone({ actor, action: "case.access-log", entityType: "case", entityId: caseId, caseId, outcome: "success" }, context);
  return rows;
}
