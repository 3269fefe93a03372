import { describe, expect, it } from "vitest";
import { secondWaitsForFirst, sql } from "./helpers/database";
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
    await secondWaitsForFirst(
      (tx) => tx`insert into measure_results (case_id, instrument, administered_on, total, band_code, band_label, concern, direction, recorded_by)
        select case_id, instrument, ${daysAgo(5)}, 40, band_code, band_label, concern, direction, recorded_by from measure_results where id = ${corrected.resultId}`,
      () => sql("update measure_results set superseded_at = now() where id = $1", [corrected.resultId]),
      "the open insert",
    );
    // 60 was superseded; 50 and the concurrently inserted 40 remain.
    const [summary] = await kept();
    expect(summary!.observations).toBe(2);
    expect(Number(summary!.first[2])).toBe(50);
    expect(Number(summary!.latest[2])).toBe(40);
  });
});
