import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { addHours } from "date-fns";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { accountTokens } from "@/db/schema";

export const TOKEN_LIFETIME_HOURS = 24;
export type TokenPurpose = (typeof accountTokens.purpose.enumValues)[number];

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a single-use token; any earlier unused token of the account stops working. */
export async function issueToken(
  tx: Tx,
  accountId: string,
  purpose: TokenPurpose,
  createdBy: string,
): Promise<{ token: string; expiresAt: Date }> {
  await tx
    .update(accountTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(accountTokens.accountId, accountId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = addHours(new Date(), TOKEN_LIFETIME_HOURS);
  await tx.insert(accountTokens).values({ accountId, purpose, tokenHash: hashToken(token), createdBy, expiresAt });
  return { token, expiresAt };
}

/**
 * Marks a token used and returns its account, or null when it is unknown, used, revoked or
 * expired. The conditional UPDATE makes a race between two uses let only one through.
 */
export async function consumeToken(tx: Tx, token: string): Promise<{ accountId: string; purpose: TokenPurpose } | null> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        sql`${accountTokens.expiresAt} > now()`,
      ),
    )
    .returning({ accountId: accountTokens.accountId, purpose: accountTokens.purpose });
  return row ?? null;
}
