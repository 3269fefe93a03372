import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { addHours } from "date-fns";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accounts, accountTokens, type Role } from "@/db/schema";
import { getDb } from "../db";

export const TOKEN_LIFETIME_HOURS = 24;
export type TokenPurpose = (typeof accountTokens.purpose.enumValues)[number];

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function revokeTokens(tx: Tx, accountId: string): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(accountTokens.accountId, accountId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
}

/** Issues a single-use token; any earlier unused token of the account stops working. */
export async function issueToken(
  tx: Tx,
  accountId: string,
  purpose: TokenPurpose,
  createdBy: string,
): Promise<{ token: string; expiresAt: Date }> {
  await revokeTokens(tx, accountId);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = addHours(new Date(), TOKEN_LIFETIME_HOURS);
  await tx.insert(accountTokens).values({ accountId, purpose, tokenHash: hashToken(token), createdBy, expiresAt });
  return { token, expiresAt };
}

const usable = (token: string) =>
  and(
    eq(accountTokens.tokenHash, hashToken(token)),
    isNull(accountTokens.usedAt),
    isNull(accountTokens.revokedAt),
    sql`${accountTokens.expiresAt} > now()`,
  );

/** The account a token would open, without using it up; only for an active account. */
export async function findUsableToken(token: string): Promise<{ email: string; role: Role } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ email: accounts.email, role: accounts.role })
    .from(accountTokens)
    .innerJoin(accounts, eq(accounts.id, accountTokens.accountId))
    .where(and(usable(token), eq(accounts.status, "active")));
  return row ?? null;
}

/**
 * Marks a token used and returns its account, or null when it is unknown, used, revoked or
 * expired. The conditional UPDATE makes a race between two uses let only one through.
 */
export async function consumeToken(tx: Tx, token: string): Promise<{ accountId: string; purpose: TokenPurpose } | null> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(usable(token))
    .returning({ accountId: accountTokens.accountId, purpose: accountTokens.purpose });
  return row ?? null;
}
