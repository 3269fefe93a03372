import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts, sessions, teams, type Role } from "@/db/schema";
import { getDb } from "../db";
import type { RequestContext } from "../request";

export const IDLE_TIMEOUT_MINUTES = 30;
export const ABSOLUTE_LIFETIME_HOURS = 12;

export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  /** For the frame of every page, read with the session rather than by a query of its own. */
  teamName: string | null;
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

const liveSession = () =>
  and(
    eq(accounts.status, "active"),
    isNull(sessions.revokedAt),
    sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})`,
    sql`${sessions.createdAt} > now() - make_interval(hours => ${ABSOLUTE_LIFETIME_HOURS})`,
  );

/** The idle clock restarts at most this often: every request reads the session, few write it. */
const IDLE_CLOCK_STEP_SECONDS = 60;

/**
 * The check behind every signed-in request: the session must be unrevoked, used within the
 * idle timeout, younger than the absolute lifetime, and its account still active. A live
 * session's idle clock restarts; anything else yields null.
 *
 * The check is a read. Restarting the clock on every request made each page a write with its
 * WAL flush, and a person's parallel requests queued on one row lock (docs/performance.md); it
 * now moves when it is more than a minute old, so a session idles out between 29 and 30 minutes
 * after its last request.
 */
export async function resolveSession(sessionId: string): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: accounts.id,
      role: accounts.role,
      teamId: accounts.teamId,
      teamName: teams.name,
      name: accounts.name,
      email: accounts.email,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - make_interval(secs => ${IDLE_CLOCK_STEP_SECONDS})`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(teams, eq(teams.id, accounts.teamId))
    .where(and(eq(sessions.id, sessionId), liveSession()));
  if (!row) return null;
  const { stale, ...actor } = row;
  if (stale) {
    // The same conditions again: a revocation committed since the read still wins.
    const touched = await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .from(accounts)
      .where(and(eq(sessions.id, sessionId), eq(accounts.id, sessions.accountId), liveSession()))
      .returning({ id: sessions.id });
    if (touched.length === 0) return null;
  }
  return { ...actor, sessionId };
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
