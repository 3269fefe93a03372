import { canonical, sha256 } from "./canonical";

/** The first link's predecessor. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedContent {
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  caseId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export interface ChainedRow extends ChainedContent {
  id: number;
  prevHash: string;
  hash: string;
}

/**
 * The row's content as the chain hashes it: a canonical (key-sorted) JSON encoding. The database
 * function audit_append (migration 0011) hashes this same text after the previous hash.
 */
export function chainEncoding(content: ChainedContent): string {
  return JSON.stringify([
    content.occurredAt.toISOString(),
    content.actorId,
    content.actorRole,
    content.action,
    content.entityType,
    content.entityId,
    content.caseId,
    content.outcome,
    content.ip,
    content.userAgent,
    content.requestId,
    canonical(content.details),
  ]);
}

/** SHA-256 over the previous hash, a newline and the row's canonical encoding. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  return sha256(prevHash, chainEncoding(content));
}

export type ChainBreak = { id: number; reason: "content changed" | "link broken" };

/**
 * Checks rows in id order, continuing from `prevHash`. Returns the first break, or null.
 * A changed row fails its own hash; a removed or reordered row fails the next row's link.
 */
export function findChainBreak(rows: ChainedRow[], prevHash: string = GENESIS_HASH): ChainBreak | null {
  let expectedPrev = prevHash;
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) return { id: row.id, reason: "link broken" };
    if (chainHash(row.prevHash, row) !== row.hash) return { id: row.id, reason: "content changed" };
    expectedPrev = row.hash;
  }
  return null;
}
