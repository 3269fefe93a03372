import { sql as drizzleSql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import type { SavedNote } from "@/lib/notes/commands";
import { getNote } from "@/lib/notes/queries";
import { expectDomainError } from "./helpers/cases";
import { testDatabase, waitingOnLocks } from "./helpers/database";
import { auditRows, counsellorWithCase, editNote, noteRow, review, signedNote, writeNote } from "./helpers/notes";
import { context, signInAs } from "./helpers/people";

/**
 * Two saves of one draft racing each other need two real server connections; PGlite is a single
 * connection that runs one transaction at a time, so this file runs on the Postgres server only
 * (`*.pg.test.ts` files are left out of the PGlite run by vitest.config.mts).
 */
describe("concurrent writes on the Postgres server", () => {
  /**
   * Holds the note's row lock from a separate connection while `start` launches the racing
   * commands, waits until both are queued on their own connections (behind this lock, or behind
   * each other's lock on the case), then lets go. Without row locks in the commands both would
   * read the same version and both writes would go through once released.
   */
  async function race<T>(noteId: string, start: () => Promise<PromiseSettledResult<T>[]>) {
    const url = testDatabase().url;
    if (!url) throw new Error("the Postgres test database has no URL");
    const blocker = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "tsunagu-test-blocker" } });
    const watcher = postgres(url, { max: 1, onnotice: () => {} });
    try {
      let results: Promise<PromiseSettledResult<T>[]> | undefined;
      await blocker.begin(async (tx) => {
        await tx`select id from session_notes where id = ${noteId} for update`;
        results = start();
        await waitingOnLocks(watcher, 2, "the note's lock (both writes)", "application_name = 'tsunagu'");
      });
      return await results!;
    } finally {
      await blocker.end({ timeout: 5 });
      await watcher.end({ timeout: 5 });
    }
  }

  it("the app's pool really has more than one connection", async () => {
    const rows = await Promise.all(
      [0, 1].map(() =>
        testDatabase().db.transaction(async (tx) => {
          const [row] = (await tx.execute(drizzleSql`select pg_backend_pid() as pid, pg_sleep(0.2)`)) as unknown as { pid: number }[];
          return row!.pid;
        }),
      ),
    );
    expect(new Set(rows).size).toBe(2);
  });

  it("two saves of the same draft from two windows, on two connections: exactly one wins, the other gets Conflict, nothing is lost silently", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { noteId, version } = await writeNote(counsellor, caseId, { subjective: "First words." });
    const results = await race<SavedNote>(noteId, () =>
      Promise.allSettled([
        editNote(counsellor, caseId, noteId, version, { subjective: "Window A's text." }),
        editNote(counsellor, caseId, noteId, version, { subjective: "Window B's text." }),
      ]),
    );
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    await expectDomainError(Promise.reject(lost.reason), "Conflict");
    const winnerText = won[0] === 0 ? "Window A's text." : "Window B's text.";
    expect(await noteRow(noteId)).toMatchObject({ version: version + 1, content: { subjective: winnerText }, status: "draft" });
    expect((await auditRows("note.update")).length).toBe(1);
  });

  it("a save and a signature of the same draft racing: exactly one wins and the stored note is the winner's", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { noteId, version } = await writeNote(counsellor, caseId, { subjective: "First words." });
    const results = await race<SavedNote>(noteId, () =>
      Promise.allSettled([
        editNote(counsellor, caseId, noteId, version, { subjective: "Saved text." }),
        editNote(counsellor, caseId, noteId, version, { subjective: "Signed text.", intent: "sign" }),
      ]),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    await expectDomainError(Promise.reject(lost.reason), "Conflict");
    const row = await noteRow(noteId);
    if (results[1]!.status === "fulfilled") {
      expect(row).toMatchObject({ status: "signed", content: { subjective: "Signed text." } });
      expect((await getNote(counsellor, caseId, noteId, context)).integrity).toBe("intact");
    } else {
      expect(row).toMatchObject({ status: "draft", content: { subjective: "Saved text." } });
    }
  });

  it("two reviews of the same note racing: one is recorded, the other gets Conflict", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase();
    const { noteId, version } = await signedNote(counsellor, caseId);
    const supervisor = await signInAs(people.supervisorNorth.email);
    const results = await race(noteId, () =>
      Promise.allSettled([review(supervisor, caseId, noteId, version, "First"), review(supervisor, caseId, noteId, version, "Second")]),
    );
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    await expectDomainError(Promise.reject((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason), "Conflict");
    expect(await noteRow(noteId)).toMatchObject({ review_comment: won[0] === 0 ? "First" : "Second", version: version + 1 });
    expect((await auditRows("note.review")).length).toBe(1);
  });
});
