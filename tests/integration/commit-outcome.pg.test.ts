import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { accounts } from "@/db/schema";
import { CommitOutcomeUnknown, isDatabaseUnavailable, UNAVAILABLE_ACTION_MESSAGE, UNKNOWN_OUTCOME_MESSAGE } from "@/lib/availability";
import { transaction } from "@/lib/db";
import { sql, testDatabase, waitingOnLocks } from "./helpers/database";
import { expectInterrupted, terminatedWhileWaiting } from "./helpers/interruptions";
import { createPeople, form, PASSWORD, signInAs } from "./helpers/people";

/**
 * A connection lost while COMMIT is under way: the work is done and COMMIT was sent, but what comes
 * back is not its answer, so whether it committed is unknown to the app. A deferred trigger makes
 * the COMMIT wait on an advisory lock another connection holds; the backend is terminated while it
 * waits. Needs real server connections, so Postgres only.
 */
const COMMIT_LOCK = 7_270_901;
const NEW_PASSWORD = "a-new-long-passphrase-2026";

/** A deferred trigger on account updates: `body` runs at COMMIT, after the work is done. */
async function atCommitOfAccountUpdates(body: string): Promise<void> {
  await sql(`create or replace function test_at_commit() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`);
  await sql(`create constraint trigger test_at_commit after update on accounts
    deferrable initially deferred for each row execute function test_at_commit()`);
}
const waitForCommitLock = () => atCommitOfAccountUpdates(`perform pg_advisory_xact_lock(${COMMIT_LOCK})`);

afterEach(async () => {
  await sql("drop trigger if exists test_at_commit on accounts");
  await sql("drop function if exists test_at_commit()");
});

const touchAccount = (id: string) => () =>
  transaction(async (tx) => {
    await tx.update(accounts).set({ updatedAt: new Date() }).where(eq(accounts.id, id));
  });

const passwordHash = async (id: string) =>
  (await sql<{ hash: string }>("select password_hash as hash from accounts where id = $1", [id]))[0]!.hash;

describe("a connection lost during COMMIT", () => {
  it("is reported as an unknown outcome, not as 'nothing was saved'", async () => {
    const people = await createPeople();
    await waitForCommitLock();
    const outcome = await terminatedWhileWaiting(COMMIT_LOCK, touchAccount(people.counsellorNorth.id));
    expect(outcome).toBeInstanceOf(CommitOutcomeUnknown);
    // The driver's own error stays reachable as the cause, for the log and for outage handling.
    expect(isDatabaseUnavailable((outcome as CommitOutcomeUnknown).cause)).toBe(true);
  });

  it("a refusal the server answers at COMMIT is certain: it rolled back, and the error is the server's own", async () => {
    const people = await createPeople();
    await atCommitOfAccountUpdates("raise exception 'refused at commit'");
    const before = await sql("select updated_at from accounts where id = $1", [people.counsellorNorth.id]);
    const outcome = await expectInterrupted(touchAccount(people.counsellorNorth.id)(), /refused at commit/);
    expect(outcome).not.toBeInstanceOf(CommitOutcomeUnknown);
    expect(await sql("select updated_at from accounts where id = $1", [people.counsellorNorth.id])).toEqual(before);
  });

  it("the server action tells the counsellor to check before entering it again; the lost commit left nothing", async () => {
    const people = await createPeople();
    await signInAs(people.counsellorNorth.email);
    const before = await passwordHash(people.counsellorNorth.id);
    await waitForCommitLock();
    const result = await terminatedWhileWaiting(COMMIT_LOCK, () =>
      changePasswordAction(null, form({ currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })),
    );
    expect(result).toEqual({ ok: false, error: UNKNOWN_OUTCOME_MESSAGE });
    // Here the backend died before the commit record was written, so nothing changed; the app
    // could not know that, which is why it did not claim it.
    expect(await passwordHash(people.counsellorNorth.id)).toBe(before);
  });

  it("a connection lost before the work finished is still 'nothing was saved'", async () => {
    const people = await createPeople();
    await signInAs(people.counsellorNorth.email);
    const before = await passwordHash(people.counsellorNorth.id);
    const url = testDatabase().url!;
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    // pg_stat_activity holds still inside a transaction, so the waiter is looked for from outside one.
    const watcher = postgres(url, { max: 1, onnotice: () => {} });
    let result: unknown;
    try {
      // The account row is locked elsewhere, so the action waits inside its work (SELECT … FOR UPDATE).
      await holder.begin(async (tx) => {
        await tx`select 1 from accounts where id = ${people.counsellorNorth.id} for update`;
        const settled = changePasswordAction(null, form({ currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
        const [pid] = await waitingOnLocks(watcher, 1, "the account row", "application_name = 'tsunagu'");
        await watcher`select pg_terminate_backend(${pid!})`;
        result = await settled;
      });
    } finally {
      await holder.end({ timeout: 5 });
      await watcher.end({ timeout: 5 });
    }
    expect(result).toEqual({ ok: false, error: UNAVAILABLE_ACTION_MESSAGE });
    expect(await passwordHash(people.counsellorNorth.id)).toBe(before);
  });
});
