import { describe, it } from "vitest";
import { testDriver } from "./helpers/database";
import { commands, expectInterrupted, expectUntouchedThenCompletes, fingerprint, withFailingStatement } from "./helpers/interruptions";

/**
 * Every multi-step command runs in one transaction: if a later statement fails, the earlier ones
 * of the same command are gone too. A temporary trigger makes one later statement fail; every
 * table must then hold exactly the rows it held before (counts and content), the audit chain
 * must still verify, and the same command must go through once the fault is gone.
 */
describe(`a command interrupted mid-transaction leaves no partial write (${testDriver})`, () => {
  for (const command of commands) {
    for (const point of command.failAt) {
      it(`${command.name}: fails at ${point.operation} #${point.nth} on ${point.table}`, async () => {
        const run = await command.prepare();
        const before = await fingerprint();

        await withFailingStatement(point, () =>
          expectInterrupted(run(), new RegExp(`test interruption: ${point.operation} number ${point.nth} on ${point.table}`, "i")),
        );

        await expectUntouchedThenCompletes(before, command, run);
      });
    }
  }
});
