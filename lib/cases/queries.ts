import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import {
  accounts,
  caseAssignments,
  caseFactors,
  caseFlags,
  cases,
  caseStatusHistory,
  clients,
  factorCategories,
  factors,
} from "@/db/schema";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { getDb } from "../db";
import { assertCan } from "../policy";
import { isUuid } from "../validation";
import type { RequestContext } from "../request";
import { caseNotFound, caseScope } from "./scope";

/** The name a counsellor uses day to day; the full identity stays behind "show identity". */
export const clientDisplayName = sql<string>`coalesce(${clients.preferredName}, ${clients.givenName})`;

/** The heading facts of a case for its sub-pages (notes, outcomes), if in scope; otherwise "not found", audited. */
export async function caseHeader(actor: Actor, caseId: string, action: string, context: RequestContext) {
  assertCan(actor, "cases.read");
  const db = await getDb();
  const [row] = isUuid(caseId)
    ? await db
        .select({ id: cases.id, reference: cases.reference, clientName: clientDisplayName, status: cases.status, referralDate: cases.referralDate })
        .from(cases)
        .innerJoin(clients, eq(clients.id, cases.clientId))
        .where(and(eq(cases.id, caseId), caseScope(actor)))
    : [];
  if (!row) {
    await auditAlone({ actor, action, entityType: "case", entityId: caseId.slice(0, 64), outcome: "denied" }, context);
    throw caseNotFound(caseId.slice(0, 64));
  }
  return row;
}

export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

/** Everything the case page shows except the client's identity. */
export async function getCase(actor: Actor, caseId: string, context: RequestContext) {
  assertCan(actor, "cases.read");
  // Whatever arrives in the URL: a malformed id is simply a case that does not exist.
  if (!isUuid(caseId)) throw caseNotFound(caseId.slice(0, 64));
  const db = await getDb();
  const [row] = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      clientName: clientDisplayName,
      status: cases.status,
      referralSource: cases.referralSource,
      referralDate: cases.referralDate,
      withdrawalOnset: cases.withdrawalOnset,
      livingSituation: cases.livingSituation,
      riskLevel: cases.riskLevel,
      closedOn: cases.closedOn,
      closureOutcome: cases.closureOutcome,
      lastContactOn: cases.lastContactOn,
      nextContactOn: cases.nextContactOn,
      nextContactModality: cases.nextContactModality,
      counsellorId: cases.counsellorId,
      counsellorName: accounts.name,
      teamId: cases.teamId,
      version: cases.version,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(clients, eq(clients.id, cases.clientId))
    .innerJoin(accounts, eq(accounts.id, cases.counsellorId))
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!row) {
    await auditAlone({ actor, action: "case.view", entityType: "case", entityId: caseId, caseId, outcome: "denied" }, context);
    throw caseNotFound(caseId);
  }
  // The view is audited alongside the reads that follow the scope check, not after them.
  const [currentFactors, flags, statusHistory] = await Promise.all([
    db
      .select({
        factorId: factors.id,
        name: factors.name,
        categoryName: factorCategories.name,
        categoryOrder: factorCategories.sortOrder,
        isPrimary: caseFactors.isPrimary,
        retired: sql<boolean>`${factors.retiredAt} is not null`,
        addedAt: caseFactors.addedAt,
      })
      .from(caseFactors)
      .innerJoin(factors, eq(factors.id, caseFactors.factorId))
      .innerJoin(factorCategories, eq(factorCategories.id, factors.categoryId))
      .where(and(eq(caseFactors.caseId, caseId), isNull(caseFactors.removedAt)))
      .orderBy(asc(factorCategories.sortOrder), asc(factors.sortOrder)),
    db
      .select({
        id: caseFlags.id,
        kind: caseFlags.kind,
        raisedAt: caseFlags.raisedAt,
        raisedBy: accounts.name,
        resolvedAt: caseFlags.resolvedAt,
      })
      .from(caseFlags)
      .innerJoin(accounts, eq(accounts.id, caseFlags.raisedBy))
      .where(eq(caseFlags.caseId, caseId))
      .orderBy(desc(caseFlags.raisedAt)),
    db
      .select({
        fromStatus: caseStatusHistory.fromStatus,
        toStatus: caseStatusHistory.toStatus,
        reason: caseStatusHistory.reason,
        changedAt: caseStatusHistory.changedAt,
        changedBy: accounts.name,
      })
      .from(caseStatusHistory)
      .innerJoin(accounts, eq(accounts.id, caseStatusHistory.changedBy))
      .where(eq(caseStatusHistory.caseId, caseId))
      .orderBy(desc(caseStatusHistory.changedAt), desc(caseStatusHistory.id)),
    auditAlone({ actor, action: "case.view", entityType: "case", entityId: caseId, caseId, outcome: "success" }, context),
  ]);
  return { ...row, factors: currentFactors, flags, statusHistory };
}

/** The full tagging history of a case, shown on demand. */
export async function getFactorHistory(actor: Actor, caseId: string, context: RequestContext) {
  assertCan(actor, "cases.read");
  const db = await getDb();
  const [inScope] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!inScope) throw caseNotFound(caseId);
  const adder = alias(accounts, "adder");
  const remover = alias(accounts, "remover");
  const rows = await db
    .select({
      name: factors.name,
      isPrimary: caseFactors.isPrimary,
      addedAt: caseFactors.addedAt,
      addedBy: adder.name,
      removedAt: caseFactors.removedAt,
      removedBy: remover.name,
    })
    .from(caseFactors)
    .innerJoin(factors, eq(factors.id, caseFactors.factorId))
    .innerJoin(adder, eq(adder.id, caseFactors.addedBy))
    .leftJoin(remover, eq(remover.id, caseFactors.removedBy))
    .where(eq(caseFactors.caseId, caseId))
    .orderBy(desc(caseFactors.addedAt));
  await auditAlone({ actor, action: "case.factor-history", entityType: "case", entityId: caseId, caseId, outcome: "success" }, context);
  return rows;
}

/** Counsellors a supervisor may hand a case to: the active counsellors of their own team. */
export async function assignableCounsellors(actor: Actor) {
  if (actor.role !== "supervisor" || !actor.teamId) return [];
  const db = await getDb();
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.teamId, actor.teamId), eq(accounts.role, "counsellor"), eq(accounts.status, "active")))
    .orderBy(asc(accounts.name));
}

export async function assignmentHistory(actor: Actor, caseId: string) {
  assertCan(actor, "cases.read");
  const db = await getDb();
  const assigner = alias(accounts, "assigner");
  return db
    .select({ counsellor: accounts.name, assignedBy: assigner.name, assignedAt: caseAssignments.assignedAt, endedAt: caseAssignments.endedAt })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .innerJoin(accounts, eq(accounts.id, caseAssignments.counsellorId))
    .innerJoin(assigner, eq(assigner.id, caseAssignments.assignedBy))
    .where(and(eq(caseAssignments.caseId, caseId), caseScope(actor)))
    .orderBy(desc(caseAssignments.assignedAt));
}
