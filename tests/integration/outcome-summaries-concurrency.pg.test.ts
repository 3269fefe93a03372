import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { sql, testDatabase, waitingOnLocks } from "./helpers/database";
import { counsellorWithCase, daysAgo } from "./helpers/notes";
import { measure } from "./helpers/outcomes";

const kept = () =>
  sql<{ observations: number; first: string[]; latest: string[] }>("select observations, first, latest from outcome_summaries where instrument = 'HQ25'");

/**
 * A correction recounts its summary from the observations; an insert only adds to it. When the
 * insert's transaction is still open, the recount must wait for it and count its result, or the
 * summary would lose it for good. Needs two server connections, so Postgres only.
 */
describe("outcome summaries under concurrent writes", () => {
  it("a recount that waits on an open insert counts the inserted result", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const corrected = await measure(counsellor, caseId, "HQ25", { total: 60, administeredOn: daysAgo(30) });
    await measure(counsellor, caseId, "HQ25", { total: 50, administeredOn: daysAgo(20) });
    const url = testDatabase().url;
    if (!url) throw new Error("the Postgres test database has no URL");
    const inserter = postgres(url, { max: 1, onnotice: () => {} });
    const watcher = postgres(url, { max: 1, onnotice: () => {} });
    try {
      let inserted!: () => void;
      let release!: () => void;
      const insertDone = new Promise<void>((resolve) => (inserted = resolve));
      const held = new Promise<void>((resolve) => (release = resolve));
      const inserting = inserter.begin(async (tx) => {
        await tx`insert into measure_results (case_id, instrument, administered_on, total, band_code, band_label, concern, direction, recorded_by)
          select case_id, instrument, ${daysAgo(5)}, 40, band_code, band_label, concern, direction, recorded_by from measure_results where id = ${corrected.resultId}`;
        inserted();
        await held;
      });
      await insertDone;
      const superseding = sql("update measure_results set superseded_at = now() where id = $1", [corrected.resultId]);
      await waitingOnLocks(watcher, 1, "the open insert");
      release();
      await inserting;
      await superseding;
    } finally {
      await inserter.end();
      await watcher.end();
    }
    // 60 was superseded; 50 and the concurrently inserted 40 remain.
    const [summary] = await kept();
    expect(summary!.observations).toBe(2);
    expect(Number(summary!.first[2])).toBe(50);
    expect(Number(summary!.latest[2])).toBe(40);
  });
});
