import { describe, expect, it } from "vitest";
import { setPrimaryFactor, untagFactor } from "@/lib/cases/factor-tags";
import { caseFactorInput } from "@/lib/cases/schemas";
import { factorPrevalence } from "@/lib/reports/team-report";
import { createCaseFor, factorId } from "./helpers/cases";
import { sql } from "./helpers/database";
import { counsellorWithCase } from "./helpers/notes";
import { context } from "./helpers/people";
import { period, tag } from "./helpers/reports";

/** Each tagged case's factors as the database keeps them, and as its current tags give them. */
async function keptAndRecounted() {
  const kept = await sql<{ id: string; factors: string[] }>("select case_id as id, factor_ids as factors from case_factor_sets where factor_ids <> '{}' order by 1");
  const recounted = await sql<{ id: string; factors: string[] }>(
    `select case_id as id, array_agg(factor_id order by factor_id) as factors from case_factors where removed_at is null group by 1 order by 1`,
  );
  return { kept, recounted };
}

describe("each case's factors kept by the database", () => {
  it("follow tagging, untagging, the primary mark and changes made outside the application", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { caseId: other } = await createCaseFor(counsellor, { givenName: "Other" });
    await tag(counsellor, caseId, "depression");
    await tag(counsellor, caseId, "academic_pressure");
    await tag(counsellor, caseId, "family_conflict");
    await tag(counsellor, other, "depression");
    await untagFactor(counsellor, caseFactorInput.parse({ caseId, factorId: await factorId("academic_pressure") }), context);
    await setPrimaryFactor(counsellor, caseFactorInput.parse({ caseId, factorId: await factorId("depression") }), context);

    const { kept, recounted } = await keptAndRecounted();
    expect(kept).toEqual(recounted);
    const expected = [await factorId("depression"), await factorId("family_conflict")].sort();
    expect(kept.find((row) => row.id === caseId)!.factors).toEqual(expected);
    expect(kept.find((row) => row.id === other)!.factors).toEqual([await factorId("depression")]);

    // A tag moved to another case by hand leaves the first and reaches the second.
    await sql("update case_factors set case_id = $1 where case_id = $2 and factor_id = $3 and removed_at is null", [
      other,
      caseId,
      await factorId("family_conflict"),
    ]);
    expect((await keptAndRecounted()).kept).toEqual((await keptAndRecounted()).recounted);
    expect((await keptAndRecounted()).kept.find((row) => row.id === caseId)!.factors).toEqual([await factorId("depression")]);

    // The rebuild after a bulk load with triggers off comes to the same; it repairs a stale row.
    await sql("update case_factor_sets set factor_ids = '{}' where case_id = $1", [other]);
    await sql("select case_factor_sets_rebuild()");
    const rebuilt = await keptAndRecounted();
    expect(rebuilt.kept).toEqual(rebuilt.recounted);
    expect(rebuilt.kept.find((row) => row.id === other)!.factors).toHaveLength(2);

    // A case's last tag removed leaves its row with no factors, so it is in no set; the rebuild
    // also empties a set left with factors its case no longer has.
    await untagFactor(counsellor, caseFactorInput.parse({ caseId, factorId: await factorId("depression") }), context);
    const setOf = (id: string) => sql("select factor_ids from case_factor_sets where case_id = $1", [id]);
    expect(await setOf(caseId)).toEqual([{ factor_ids: [] }]);
    await sql("update case_factor_sets set factor_ids = array[$2::uuid] where case_id = $1", [caseId, await factorId("depression")]);
    await sql("select case_factor_sets_rebuild()");
    expect(await setOf(caseId)).toEqual([{ factor_ids: [] }]);

    // Tags deleted or truncated by an owner (the application can do neither) leave no set behind.
    await sql("delete from case_factors where case_id = $1 and factor_id = $2", [other, await factorId("depression")]);
    expect((await keptAndRecounted()).kept).toEqual((await keptAndRecounted()).recounted);
    expect((await setOf(other))[0]!.factor_ids).toEqual([await factorId("family_conflict")]);
    await sql("truncate case_factors");
    expect((await keptAndRecounted()).kept).toEqual([]);
  });

  it("give the report's factor counts as the tags do", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const { caseId: other } = await createCaseFor(counsellor, { givenName: "Other" });
    await createCaseFor(counsellor, { givenName: "Untagged" });
    await tag(counsellor, caseId, "depression");
    await tag(counsellor, caseId, "family_conflict");
    await tag(counsellor, other, "depression");
    await untagFactor(counsellor, caseFactorInput.parse({ caseId: other, factorId: await factorId("depression") }), context);
    await tag(counsellor, other, "social_anxiety");

    const today = (await sql<{ today: string }>("select current_date::text as today"))[0]!.today;
    const { factors, pairs } = await factorPrevalence({ teamId: counsellor.teamId }, period("2000-01-01", today));
    // Three cases in the period: the untagged one counts in the shares, in no set.
    expect(factors.map(({ factor, cases, share }) => ({ factor, cases, share }))).toEqual([
      { factor: "Depression", cases: 1, share: 33.3 },
      { factor: "Family conflict", cases: 1, share: 33.3 },
      { factor: "Social anxiety / phobia", cases: 1, share: 33.3 },
    ]);
    expect(pairs).toEqual([{ first: "Depression", second: "Family conflict", cases: 1 }]);
  });
});
