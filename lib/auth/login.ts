import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accounts } from "@/db/schema";
import { audit } from "../audit";
import { transaction } from "../db";
import { DomainError } from "../errors";
import type { RequestContext } from "../request";
import { verifyAgainstDummy, verifyPassword } from "./hashing";
import { createSession } from "./sessions";
import { isThrottled, recordAttempt } from "./attempts";
import { ACCOUNT_LOCK_MINUTES } from "./throttle";

export const SIGN_IN_FAILED = "The email or password is incorrect.";
export const SIGN_IN_THROTTLED = `Too many sign-in attempts. Wait ${ACCOUNT_LOCK_MINUTES} minutes, then try again.`;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(512),
});

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks a sign-in and opens a session. Unknown address, missing password, deactivated account
 * and wrong password all give one answer after one password verification, so neither the
 * message nor the timing tells which addresses exist.
 */
export async function authenticate(
  input: unknown,
  context: RequestContext,
): Promise<{ accountId: string; sessionId: string }> {
  const parsed = credentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : "";
  const password = parsed.success ? parsed.data.password : "";

  return transaction(async (tx) => {
    const throttled = await isThrottled(tx, email, context.ip);

    const [account] = email
      ? await tx
          .select({
            id: accounts.id,
            role: accounts.role,
            status: accounts.status,
            passwordHash: accounts.passwordHash,
          })
          .from(accounts)
          .where(eq(accounts.email, email))
      : [];
    const actor = account ? { id: account.id, role: account.role } : null;

    if (throttled) {
      await recordAttempt(tx, email, context.ip, "throttled");
      await audit(tx, { actor, action: "auth.login", outcome: "denied", details: { reason: "throttled" } }, context);
      // Committed by returning the error rather than throwing it out of the transaction.
      return { refused: new DomainError("RateLimited", SIGN_IN_THROTTLED) };
    }

    const passwordOk =
      account?.passwordHash && parsed.success
        ? await verifyPassword(account.passwordHash, password)
        : await verifyAgainstDummy(password);
    const reason = !account
      ? "unknown account"
      : !account.passwordHash
        ? "no password set"
        : !passwordOk
          ? "wrong password"
          : account.status !== "active"
            ? "account deactivated"
            : null;

    if (reason || !account) {
      await recordAttempt(tx, email, context.ip, "failure");
      await audit(tx, { actor, action: "auth.login", outcome: "failure", details: { reason } }, context);
      return { refused: new DomainError("Invalid", SIGN_IN_FAILED) };
    }

    await recordAttempt(tx, email, context.ip, "success");
    await tx.update(accounts).set({ lastLoginAt: sql`now()` }).where(eq(accounts.id, account.id));
    const sessionId = await createSession(tx, account.id, context);
    await audit(
      tx,
      { actor, action: "auth.login", entityType: "session", entityId: sessionId, outcome: "success" },
      context,
    );
    return { accountId: account.id, sessionId };
  }).then((result) => {
    if ("refused" in result) throw result.refused;
    return result;
  });
}
