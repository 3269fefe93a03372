import "server-only";
import { asc, gt, sql, type SQL } from "drizzle-orm";
import type { Executor, Tx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { chainEncoding, findChainBreak, GENESIS_HASH, type ChainBreak, type ChainedContent } from "./audit-chain";
import { getDb } from "./db";
import type { RequestContext } from "./request";

export type AuditOutcome = (typeof auditEvents.outcome.enumValues)[number];

export interface AuditEntry {
  actor?: { id: string; role: string } | null;
  action: string;
  entityType?: string;
  entityId?: string;
  caseId?: string;
  outcome: AuditOutcome;
  /** Identifiers and field names only, never clinical content or secrets. */
  details?: Record<string, string | number | boolean | null>;
}

// Serialises appends so every row links to the one committed before it (taken in audit_append).
export const AUDIT_CHAIN_LOCK = 7_270_002;

/**
 * One statement that appends the event to the chain (migration 0011_audit_append): the chain lock,
 * the last hash and the insert all run inside the database, so the lock is never held while this
 * process is busy elsewhere.
 */
function appendStatement(entry: AuditEntry, context: RequestContext): SQL {
  // Hash exactly what the database will hand back: uuids in lower case, details as JSON stores them.
  const content: ChainedContent = {
    occurredAt: new Date(),
    actorId: entry.actor?.id.toLowerCase() ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    caseId: entry.caseId?.toLowerCase() ?? null,
    outcome: entry.outcome,
    ip: context.ip,
    userAgent: context.userAgent,
    requestId: context.requestId,
    details: entry.details ? (JSON.parse(JSON.stringify(entry.details)) as NonNullable<AuditEntry["details"]>) : null,
  };
  const details = content.details ? JSON.stringify(content.details) : null;
  return sql`select audit_append(
    ${content.occurredAt.toISOString()}::timestamptz, ${content.actorId}::uuid, ${content.actorRole}, ${content.action},
    ${content.entityType}, ${content.entityId}, ${content.caseId}::uuid, ${content.outcome}::audit_outcome,
    ${content.ip}, ${content.userAgent}, ${content.requestId}, ${details}::jsonb, ${chainEncoding(content)}
  )`;
}

/** Appends one event inside the caller's transaction: it commits with the change or not at all. */
export async function audit(tx: Tx, entry: AuditEntry, context: RequestContext): Promise<void> {
  await tx.execute(appendStatement(entry, context));
}

/** For events with no other write to join (refusals, failed sign-ins, reads): its own transaction. */
export async function auditAlone(entry: AuditEntry, context: RequestContext): Promise<void> {
  const db = await getDb();
  await db.execute(appendStatement(entry, context));
}

export interface ChainReport {
  checked: number;
  broken: ChainBreak | null;
}

/** Walks the whole chain in id order, a batch at a time, and reports the first broken link. */
export async function verifyAuditChain(db: Executor, batchSize = 5_000): Promise<ChainReport> {
  let afterId = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return { checked, broken: null };
    const broken = findChainBreak(rows, prevHash);
    if (broken) return { checked: checked + rows.findIndex((r) => r.id === broken.id), broken };
    checked += rows.length;
    const tail = rows[rows.length - 1]!;
    afterId = tail.id;
    prevHash = tail.hash;
  }
}
