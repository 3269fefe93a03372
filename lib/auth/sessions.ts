import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts, sessions, type Role } from "@/db/schema";
import { getDb } from "../db";
import type { RequestContext } from "../request";

export const IDLE_TIMEOUT_MINUTES = 30;
export const ABSOLUTE_LIFETIME_HOURS = 12;

export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
  sessionId: string;
}

export async function createSession(tx: Executor, accountId: string, context: RequestContext): Promise<string> {
  const [row] = await tx
    .insert(sessions)
    .values({ accountId, ip: context.ip, userAgent: context.userAgent })
    .returning({ id: sessions.id });
  return row!.id;
}

/**
 * The check behind every signed-in request: the session must be unrevoked, used within the
 * idle timeout, younger than the absolute lifetime, and its account still active. A live
 * session's idle clock restarts; anything else yields null.
 */
export async function resolveSession(sessionId: string): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const db = await getDb();
  const [row] = await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .from(accounts)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(accounts.id, sessions.accountId),
        eq(accounts.status, "active"),
        isNull(sessions.revokedAt),
        sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})`,
        sql`${sessions.createdAt} > now() - make_interval(hours => ${ABSOLUTE_LIFETIME_HOURS})`,
      ),
    )
    .returning({
      id: accounts.id,
      role: accounts.role,
      teamId: accounts.teamId,
      name: accounts.name,
      email: accounts.email,
    });
  return row ? { ...row, sessionId } : null;
}

export async function endSession(sessionId: string, reason = "signed out"): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  const db = await getDb();
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of an account (all but `keep`, when a person changes their own password). */
export async function revokeSessions(
  tx: Executor,
  accountId: string,
  reason: string,
  keep?: string,
): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.revokedAt),
        keep ? ne(sessions.id, keep) : undefined,
      ),
    );
}
