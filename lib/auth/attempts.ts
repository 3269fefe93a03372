import "server-only";
import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import { subMinutes } from "date-fns";
import type { Tx } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import {
  ACCOUNT_FAILURE_LIMIT,
  ACCOUNT_LOCK_MINUTES,
  ACCOUNT_WINDOW_MINUTES,
  IP_WINDOW_MINUTES,
  accountLockedUntil,
  ipBlocked,
} from "./throttle";

export type AttemptOutcome = (typeof loginAttempts.outcome.enumValues)[number];

/**
 * Password guesses against one address, wherever they come from (the sign-in form, or the
 * current-password field of a signed-in session), share one count. The advisory lock queues
 * parallel guesses at the same address so none slips past it; it is held until the caller's
 * transaction ends, so the outcome is recorded before the next guess is judged.
 */
export async function isThrottled(tx: Tx, email: string, ip: string | null): Promise<boolean> {
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
  if (accountLockedUntil(failures.map((f) => f.at), now)) return true;
  if (!ip) return false;
  const [ipFailures] = await tx
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, ip),
        eq(loginAttempts.outcome, "failure"),
        gt(loginAttempts.attemptedAt, subMinutes(now, IP_WINDOW_MINUTES)),
      ),
    );
  return ipBlocked(ipFailures?.n ?? 0);
}

export async function recordAttempt(tx: Tx, email: string, ip: string, outcome: AttemptOutcome): Promise<void> {
  await tx.insert(loginAttempts).values({ email, ip, outcome });
}
