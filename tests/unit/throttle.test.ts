import { describe, expect, it } from "vitest";
import {
  ACCOUNT_FAILURE_LIMIT,
  ACCOUNT_LOCK_MINUTES,
  ACCOUNT_WINDOW_MINUTES,
  accountLockedUntil,
  IP_FAILURE_LIMIT,
  ipBlocked,
} from "@/lib/auth/throttle";

const MINUTE = 60_000;
const NEWEST = new Date("2025-03-10T12:00:00.000Z");

/** A date `minutes` (may be fractional) before NEWEST. */
function before(minutes: number): Date {
  return new Date(NEWEST.getTime() - minutes * MINUTE);
}

/** A date `ms` milliseconds after NEWEST. */
function after(ms: number): Date {
  return new Date(NEWEST.getTime() + ms);
}

const LOCK_END = new Date(NEWEST.getTime() + 15 * MINUTE);

describe("policy constants", () => {
  it("locks after 5 failures within 15 minutes for 15 minutes; blocks an IP at 100", () => {
    expect(ACCOUNT_FAILURE_LIMIT).toBe(5);
    expect(ACCOUNT_WINDOW_MINUTES).toBe(15);
    expect(ACCOUNT_LOCK_MINUTES).toBe(15);
    expect(IP_FAILURE_LIMIT).toBe(100);
  });
});

describe("accountLockedUntil", () => {
  it("is null with no failures", () => {
    expect(accountLockedUntil([], NEWEST)).toBeNull();
  });

  it("is null with 4 failures, however close together", () => {
    const failures = [before(0), before(0), before(0), before(0)];
    expect(accountLockedUntil(failures, NEWEST)).toBeNull();
  });

  it("locks 5 failures within 15 minutes until newest + 15 minutes", () => {
    const failures = [before(0), before(1), before(2), before(3), before(4)];
    expect(accountLockedUntil(failures, NEWEST)).toEqual(LOCK_END);
  });

  it("measures the lock from the newest failure, not from now", () => {
    const failures = [before(0), before(1), before(2), before(3), before(4)];
    expect(accountLockedUntil(failures, after(5 * MINUTE))).toEqual(LOCK_END);
  });

  it("does not lock when the 5 failures span more than 15 minutes", () => {
    // The 5th newest is 1 ms older than newest - 15 min.
    const failures = [before(0), before(5), before(10), before(14), new Date(before(15).getTime() - 1)];
    expect(accountLockedUntil(failures, NEWEST)).toBeNull();
  });

  it("does not lock when the 5th newest is well outside the window", () => {
    const failures = [before(0), before(1), before(2), before(3), before(60)];
    expect(accountLockedUntil(failures, NEWEST)).toBeNull();
  });

  it("locks when the 5th newest is exactly newest - 15 minutes (the boundary is inside the window)", () => {
    // The code refuses only when the 5th newest is strictly older than newest - 15 min.
    const failures = [before(0), before(5), before(10), before(14), before(15)];
    expect(accountLockedUntil(failures, NEWEST)).toEqual(LOCK_END);
  });

  it("locks when the 5th newest is 1 ms inside the window", () => {
    const failures = [before(0), before(5), before(10), before(14), new Date(before(15).getTime() + 1)];
    expect(accountLockedUntil(failures, NEWEST)).toEqual(LOCK_END);
  });

  it("is still locked 1 ms before newest + 15 minutes", () => {
    const failures = [before(0), before(1), before(2), before(3), before(4)];
    expect(accountLockedUntil(failures, after(15 * MINUTE - 1))).toEqual(LOCK_END);
  });

  it("is unlocked (null) at exactly newest + 15 minutes", () => {
    const failures = [before(0), before(1), before(2), before(3), before(4)];
    expect(accountLockedUntil(failures, LOCK_END)).toBeNull();
  });

  it("is unlocked after newest + 15 minutes", () => {
    const failures = [before(0), before(1), before(2), before(3), before(4)];
    expect(accountLockedUntil(failures, after(60 * MINUTE))).toBeNull();
  });

  it("with more than 5 failures uses the newest five: old extra failures do not matter", () => {
    // Newest five within 15 min; the 6th and 7th are far older.
    const failures = [before(0), before(1), before(2), before(3), before(4), before(120), before(600)];
    expect(accountLockedUntil(failures, NEWEST)).toEqual(LOCK_END);
  });

  it("with more than 5 failures, a 6th failure inside the window cannot rescue a spread-out newest five", () => {
    // Newest five span 20 minutes: not locked, even though the list is long.
    const failures = [before(0), before(5), before(10), before(15), before(20), before(20.5), before(21)];
    expect(accountLockedUntil(failures, NEWEST)).toBeNull();
  });

  it("with more than 5 failures, the lock end follows the newest, not any older failure", () => {
    const newest = after(3 * MINUTE);
    const failures = [newest, before(0), before(1), before(2), before(3), before(4)];
    expect(accountLockedUntil(failures, newest)).toEqual(new Date(newest.getTime() + 15 * MINUTE));
  });

  it("returns a fresh Date equal to newest + 15 minutes without mutating the input", () => {
    const failures = [before(0), before(1), before(2), before(3), before(4)];
    const copy = failures.map((d) => d.getTime());
    const until = accountLockedUntil(failures, NEWEST);
    expect(until).toBeInstanceOf(Date);
    expect(until!.getTime()).toBe(NEWEST.getTime() + 15 * MINUTE);
    expect(failures.map((d) => d.getTime())).toEqual(copy);
  });
});

describe("ipBlocked", () => {
  it("is false below 100 failures", () => {
    expect(ipBlocked(0)).toBe(false);
    expect(ipBlocked(99)).toBe(false);
  });

  it("is true at 100 failures and above", () => {
    expect(ipBlocked(100)).toBe(true);
    expect(ipBlocked(101)).toBe(true);
    expect(ipBlocked(10_000)).toBe(true);
  });
});
