import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { AUDIT_CHAIN_LOCK } from "@/lib/audit";
import { CommitOutcomeUnknown, isDatabaseUnavailable } from "@/lib/availability";
import { testDatabase, waitingOnLocks } from "./helpers/database";
import { commands, expectUntouchedThenCompletes, fingerprint } from "./helpers/interruptions";

/**
 * The harshest interruption: the server connection of a command dies while its transaction is
 * open (a crashed app process, a network cut, an administrator's pg_terminate_backend). Every
 * command writes its audit row last, under the audit chain's advisory lock; another connection
 * holds that lock, so the command stops there with all its other rows written but uncommitted,
 * and its backend is terminated. Needs real server connections, so Postgres only.
 */
describe("a command whose database connection is killed mid-transaction leaves no partial write", () => {
  for (const command of commands) {
    it(`${command.name}: backend terminated while it waits to write its audit row`, async () => {
      const run = await command.prepare();
      const before = await fingerprint();
      const url = testDatabase().url;
      if (!url) throw new Error("the Postgres test database has no URL");
      const blocker = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "tsunagu-test-blocker" } });
      const watcher = postgres(url, { max: 1, onnotice: () => {} });
      let outcome: unknown = "not started";
      try {
        await blocker`select pg_advisory_lock(${AUDIT_CHAIN_LOCK})`;
        const settled = run().then(
          () => "completed",
          (error: unknown) => error,
        );
        const [pid] = await waitingOnLocks(watcher, 1, "the audit step", "application_name = 'tsunagu' and wait_event = 'advisory'");
        // Its rows so far are written but invisible to everyone else.
        expect(await fingerprint()).toEqual(before);
        const [row] = await watcher<{ terminated: boolean }[]>`select pg_terminate_backend(${pid!}) as terminated`;
        expect(row!.terminated).toBe(true);
        outcome = await settled;
      } finally {
        await blocker`select pg_advisory_unlock_all()`.catch(() => {});
        await blocker.end({ timeout: 5 });
        await watcher.end({ timeout: 5 });
      }
      expect(outcome).toBeInstanceOf(Error);
      // Cut off before COMMIT, so certainly rolled back: the action wrapper tells the counsellor
      // the database is unreachable and nothing was saved.
      expect(isDatabaseUnavailable(outcome)).toBe(true);
      expect(outcome).not.toBeInstanceOf(CommitOutcomeUnknown);

      await expectUntouchedThenCompletes(before, command, run);
    });
  }
});
