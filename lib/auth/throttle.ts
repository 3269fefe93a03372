import { addMinutes, subMinutes } from "date-fns";

export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_WINDOW_MINUTES = 15;
export const ACCOUNT_LOCK_MINUTES = 15;
export const IP_FAILURE_LIMIT = 100;
export const IP_WINDOW_MINUTES = 60;

/**
 * When an address is locked: the most recent failures (newest first, none older than the last
 * successful sign-in) include `ACCOUNT_FAILURE_LIMIT` within one window, and the newest of
 * them is less than `ACCOUNT_LOCK_MINUTES` old. Returns the moment the lock ends, or null.
 */
export function accountLockedUntil(failuresNewestFirst: Date[], now: Date): Date | null {
  if (failuresNewestFirst.length < ACCOUNT_FAILURE_LIMIT) return null;
  const newest = failuresNewestFirst[0]!;
  const limitth = failuresNewestFirst[ACCOUNT_FAILURE_LIMIT - 1]!;
  if (limitth < subMinutes(newest, ACCOUNT_WINDOW_MINUTES)) return null;
  const until = addMinutes(newest, ACCOUNT_LOCK_MINUTES);
  return until > now ? until : null;
}

export function ipBlocked(failuresInWindow: number): boolean {
  return failuresInWindow >= IP_FAILURE_LIMIT;
}
