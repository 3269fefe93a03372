import "server-only";
import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import { subMinutes } from "date-fns";
import { z } from "zod";
import { accounts, loginAttempts } from "@/db/schema";
import { audit } from "../audit";
import { transaction } from "../db";
import { DomainError } from "../errors";
import type { RequestContext } from "../request";
import { verifyAgainstDummy, verifyPassword } from "./hashing";
import { createSession } from "./sessions";
import {
  ACCOUNT_FAILURE_LIMIT,
  ACCOUNT_LOCK_MINUTES,
  ACCOUNT_WINDOW_MINUTES,
  IP_WINDOW_MINUTES,
  accountLockedUntil,
  ipBlocked,
} from "./throttle";

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
    // Parallel guesses at one address queue here, so none slips past the failure count.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${email}`}))`);
    const now = new Date();
    const lastSuccess = tx
      .select({ at: sql`coalesce(max(${loginAttempts.attemptedAt}), '-infinity')` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.outcome, "success")));
    const failures = await tx
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.email, email),
          eq(loginAttempts.outcome, "failure"),
          gt(loginAttempts.attemptedAt, subMinutes(now, ACCOUNT_WINDOW_MINUTES + ACCOUNT_LOCK_MINUTES)),
          sql`${loginAttempts.attemptedAt} > (${lastSuccess})`,
        ),
      )
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(ACCOUNT_FAILURE_LIMIT);
    const [ipFailures] = await tx
      .select({ n: count() })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.ip, context.ip),
          eq(loginAttempts.outcome, "failure"),
          gt(loginAttempts.attemptedAt, subMinutes(now, IP_WINDOW_MINUTES)),
        ),
      );

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

    if (accountLockedUntil(failures.map((f) => f.at), now) || ipBlocked(ipFailures?.n ?? 0)) {
      await tx.insert(loginAttempts).values({ email, ip: context.ip, outcome: "throttled" });
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
      await tx.insert(loginAttempts).values({ email, ip: context.ip, outcome: "failure" });
      await audit(tx, { actor, action: "auth.login", outcome: "failure", details: { reason } }, context);
      return { refused: new DomainError("Invalid", SIGN_IN_FAILED) };
    }

    await tx.insert(loginAttempts).values({ email, ip: context.ip, outcome: "success" });
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
