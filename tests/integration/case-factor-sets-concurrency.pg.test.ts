import { describe, expect, it } from "vitest";
import { factorId } from "./helpers/cases";
import { secondWaitsForFirst, sql } from "./helpers/database";
import { counsellorWithCase } from "./helpers/notes";
import { tag } from "./helpers/reports";

/**
 * Two transactions tagging one case at once, outside the application (which locks the case
 * first): the second recount must wait for the first tag to commit and include it, or the case
 * would lose it from its factors for good. Needs two server connections, so Postgres only.
 */
describe("each case's factors under concurrent tagging", () => {
  it("a tag written while another is open keeps both", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    // Tagged once already, so its set's row exists and the second recount must wait on its lock.
    await tag(counsellor, caseId, "social_anxiety");
    const [first, second] = [await factorId("depression"), await factorId("family_conflict")];
    const insert = `insert into case_factors (case_id, factor_id, added_by) values ($1, $2, $3)`;
    await secondWaitsForFirst(
      (tx) => tx.unsafe(insert, [caseId, first, counsellor.id]),
      () => sql(insert, [caseId, second, counsellor.id]),
      "the open first tag",
    );
    const [row] = await sql<{ factors: string[] }>("select factor_ids as factors from case_factor_sets where case_id = $1", [caseId]);
    expect(row!.factors).toEqual([first, second, await factorId("social_anxiety")].sort());
  });
});
