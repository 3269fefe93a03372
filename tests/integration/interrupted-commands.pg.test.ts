import { describe, expect, it } from "vitest";
import { AUDIT_CHAIN_LOCK } from "@/lib/audit";
import { CommitOutcomeUnknown, isDatabaseUnavailable } from "@/lib/availability";
import { commands, expectUntouchedThenCompletes, fingerprint, terminatedWhileWaiting } from "./helpers/interruptions";

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
      const outcome = await terminatedWhileWaiting(AUDIT_CHAIN_LOCK, run, async () => {
        // Its rows so far are written but invisible to everyone else.
        expect(await fingerprint()).toEqual(before);
      });
      expect(outcome).toBeInstanceOf(Error);
      // Cut off before COMMIT, so certainly rolled back: the action wrapper tells the counsellor
      // the database is unreachable and nothing was saved.
      expect(isDatabaseUnavailable(outcome)).toBe(true);
      expect(outcome).not.toBeInstanceOf(CommitOutcomeUnknown);

      await expectUntouchedThenCompletes(before, command, run);
    });
  }
});
