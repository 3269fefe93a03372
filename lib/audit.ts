import "server-only";
import { asc, desc, gt, sql } from "drizzle-orm";
import type { Executor, Tx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { chainHash, findChainBreak, GENESIS_HASH, type ChainBreak } from "./audit-chain";
import { transaction } from "./db";
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

// Serialises appends so every row links to the one committed before it.
export const AUDIT_CHAIN_LOCK = 7_270_002;

/** Appends one event inside the caller's transaction: it commits with the change or not at all. */
export async function audit(tx: Tx, entry: AuditEntry, context: RequestContext): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  // Hash exactly what the database will hand back: uuids in lower case, details as JSON stores them.
  const content = {
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
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditEvents).values({ ...content, prevHash, hash: chainHash(prevHash, content) });
}

/** For events with no other write to join: refusals, failed sign-ins, reads. */
export function auditAlone(entry: AuditEntry, context: RequestContext): Promise<void> {
  return transaction((tx) => audit(tx, entry, context));
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
