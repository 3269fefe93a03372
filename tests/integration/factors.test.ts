import { describe, expect, it } from "vitest";
import { setPrimaryFactor, tagFactor, untagFactor } from "@/lib/cases/factor-tags";
import { listCases } from "@/lib/cases/list";
import { getCase, getFactorHistory } from "@/lib/cases/queries";
import { caseFactorInput } from "@/lib/cases/schemas";
import { createFactor, renameFactor, setFactorRetired } from "@/lib/factors/commands";
import { factorCatalogue, factorUsage } from "@/lib/factors/queries";
import { createFactorInput, renameFactorInput, retireFactorInput } from "@/lib/factors/schemas";
import type { Actor } from "@/lib/auth/sessions";
import { caseTablesSnapshot, createCaseFor, expectDomainError, factorId } from "./helpers/cases";
import { sql } from "./helpers/database";
import { context, createPeople, signInAs } from "./helpers/people";

// lib/factors/commands.ts exports plain (not async) functions, so a policy refusal is thrown before a
// promise exists: refusals are awaited through a thunk.
// Tests only ever change factors they created themselves ('custom_…' codes, removed between tests):
// the migration's taxonomy is shared by every test in this file.

async function categoryId(code: string): Promise<string> {
  const [row] = await sql<{ id: string }>("select id from factor_categories where code = $1", [code]);
  return row!.id;
}

async function counsellorWithCase() {
  const people = await createPeople();
  const counsellor = await signInAs(people.counsellorNorth.email);
  const { caseId } = await createCaseFor(counsellor);
  return { people, counsellor, caseId };
}

const tag = (actor: Actor, caseId: string, factor: string) => tagFactor(actor, caseFactorInput.parse({ caseId, factorId: factor }), context);
const untag = (actor: Actor, caseId: string, factor: string) => untagFactor(actor, caseFactorInput.parse({ caseId, factorId: factor }), context);
const primary = (actor: Actor, caseId: string, factor: string) =>
  setPrimaryFactor(actor, caseFactorInput.parse({ caseId, factorId: factor }), context);

async function taxonomySnapshot() {
  return sql(
    `select (select json_agg(c order by c.id) from factor_categories c) as categories,
            (select json_agg(f order by f.id) from factors f) as factors,
            (select count(*)::int from audit_events where action like 'factor.%') as audits`,
  );
}

describe("the factor taxonomy from the migration", () => {
  it("has the eight categories and the known factor codes", async () => {
    const categories = await sql<{ code: string }>("select code from factor_categories order by sort_order");
    expect(categories.map((c) => c.code)).toEqual([
      "social_pressures",
      "mental_health",
      "family_dynamics",
      "school_peers",
      "work_economic",
      "digital_lifestyle",
      "physical_health",
      "life_events",
    ]);
    const codes = await sql<{ code: string; category: string }>(
      `select f.code, c.code as category from factors f join factor_categories c on c.id = f.category_id
       where f.code in ('ageing_parents', 'social_anxiety', 'problematic_internet_gaming') order by f.code`,
    );
    expect(codes).toEqual([
      { code: "ageing_parents", category: "family_dynamics" },
      { code: "problematic_internet_gaming", category: "digital_lifestyle" },
      { code: "social_anxiety", category: "mental_health" },
    ]);
    expect(await sql("select id from factors where retired_at is not null")).toEqual([]);

    const people = await createPeople();
    const admin = await signInAs(people.admin.email);
    const catalogue = await factorCatalogue(admin);
    expect(catalogue.map((c) => c.name)).toEqual([
      "Social pressures",
      "Mental health",
      "Family dynamics",
      "School and peers",
      "Work and economic",
      "Digital and lifestyle",
      "Physical health",
      "Life events",
    ]);
    expect(catalogue[1]!.factors.map((f) => f.name).slice(0, 3)).toEqual(["Depression", "Anxiety disorder", "Social anxiety / phobia"]);
    const [{ n }] = (await sql<{ n: number }>("select count(*)::int as n from factors")) as [{ n: number }];
    expect(catalogue.flatMap((c) => c.factors)).toHaveLength(n);
    // Counsellors and supervisors read it to tag cases; analysts have no use for it.
    const counsellor = await signInAs(people.counsellorNorth.email);
    expect(await factorCatalogue(counsellor)).toEqual(catalogue);
    const analyst = await signInAs(people.analyst.email);
    await expectDomainError(() => factorCatalogue(analyst), "Forbidden");
    // How often each factor is used is the administrators' figure, not part of every case page.
    expect(catalogue.flatMap((c) => c.factors).every((f) => !("inUse" in f))).toBe(true);
    expect(await factorUsage(admin)).toEqual(new Map());
    for (const refused of [counsellor, await signInAs(people.supervisorNorth.email), analyst]) {
      await expectDomainError(() => factorUsage(refused), "Forbidden");
    }
  });
});

describe("tagging factors on a case", () => {
  it("tags, refuses a duplicate, untags and re-tags with the history kept", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase();
    const admin = await signInAs(people.admin.email);
    const ageing = await factorId("ageing_parents");
    const anxiety = await factorId("social_anxiety");
    const gaming = await factorId("problematic_internet_gaming");
    for (const factor of [ageing, anxiety, gaming]) await tag(counsellor, caseId, factor);

    const detail = await getCase(counsellor, caseId, context);
    // Listed in taxonomy order: mental health, family dynamics, digital and lifestyle.
    expect(detail.factors.map((f) => [f.factorId, f.isPrimary, f.retired])).toEqual([
      [anxiety, false, false],
      [ageing, false, false],
      [gaming, false, false],
    ]);

    const before = await caseTablesSnapshot();
    const twice = await expectDomainError(tag(counsellor, caseId, ageing), "Invalid");
    expect(twice.fieldErrors).toEqual({ factorId: [expect.any(String)] });
    const unknown = await expectDomainError(tag(counsellor, caseId, "00000000-0000-4000-8000-000000000000"), "Invalid");
    expect(unknown.fieldErrors).toEqual({ factorId: [expect.any(String)] });
    expect(caseFactorInput.safeParse({ caseId, factorId: "ageing_parents" }).success).toBe(false);
    expect(await caseTablesSnapshot()).toEqual(before);

    await untag(counsellor, caseId, ageing);
    expect((await getCase(counsellor, caseId, context)).factors.map((f) => f.factorId)).toEqual([anxiety, gaming]);
    // A removed tag is no longer counted as open.
    expect((await factorUsage(admin)).get(ageing)).toBeUndefined();
    expect((await factorUsage(admin)).get(anxiety)).toBe(1);
    const notTagged = await expectDomainError(untag(counsellor, caseId, ageing), "Invalid");
    expect(notTagged.fieldErrors).toEqual({ factorId: [expect.any(String)] });

    // The partial unique index lets the factor be tagged again; the removed row stays.
    await tag(counsellor, caseId, ageing);
    expect((await getCase(counsellor, caseId, context)).factors.map((f) => f.factorId)).toEqual([anxiety, ageing, gaming]);
    expect((await factorUsage(admin)).get(ageing)).toBe(1);
    const rows = await sql<{ removed: boolean; removed_by: string | null }>(
      "select removed_at is not null as removed, removed_by from case_factors where case_id = $1 and factor_id = $2 order by added_at",
      [caseId, ageing],
    );
    expect(rows).toEqual([
      { removed: true, removed_by: counsellor.id },
      { removed: false, removed_by: null },
    ]);
    // The index itself refuses a second current row, whatever the code does.
    await expect(
      sql("insert into case_factors (case_id, factor_id, added_by) values ($1, $2, $3)", [caseId, ageing, counsellor.id]),
    ).rejects.toThrow(/case_factors_current_key|duplicate key/);

    const history = await getFactorHistory(counsellor, caseId, context);
    expect(history).toHaveLength(4);
    const ageingHistory = history.filter((h) => h.name === "Ageing parents (8050 problem)");
    expect(ageingHistory).toHaveLength(2);
    expect(ageingHistory).toContainEqual(
      expect.objectContaining({ addedBy: "counsellor.north", removedAt: expect.any(Date), removedBy: "counsellor.north" }),
    );
    expect(ageingHistory).toContainEqual(expect.objectContaining({ addedBy: "counsellor.north", removedAt: null, removedBy: null }));

    const actions = await sql<{ action: string }>("select action from audit_events where action like 'case.factor%' order by id");
    expect(actions.map((a) => a.action)).toEqual([
      "case.factor.add",
      "case.factor.add",
      "case.factor.add",
      "case.factor.remove",
      "case.factor.add",
      "case.factor-history",
    ]);
  });

  it("keeps exactly one primary factor and moves the mark", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const ageing = await factorId("ageing_parents");
    const anxiety = await factorId("social_anxiety");
    await tag(counsellor, caseId, ageing);
    await tag(counsellor, caseId, anxiety);
    const primaries = () =>
      sql<{ factor_id: string }>("select factor_id from case_factors where case_id = $1 and is_primary and removed_at is null", [caseId]);

    await primary(counsellor, caseId, anxiety);
    expect(await primaries()).toEqual([{ factor_id: anxiety }]);
    await primary(counsellor, caseId, ageing);
    expect(await primaries()).toEqual([{ factor_id: ageing }]);
    expect((await getCase(counsellor, caseId, context)).factors.filter((f) => f.isPrimary).map((f) => f.factorId)).toEqual([ageing]);
    expect((await listCases(counsellor, {}, context)).rows[0]!.primaryFactor).toBe("Ageing parents (8050 problem)");

    // An untagged factor cannot be primary, and the failed attempt leaves the old mark in place.
    const before = await caseTablesSnapshot();
    const untagged = await expectDomainError(primary(counsellor, caseId, await factorId("bullying")), "Invalid");
    expect(untagged.fieldErrors).toEqual({ factorId: [expect.any(String)] });
    expect(await caseTablesSnapshot()).toEqual(before);
    expect(await primaries()).toEqual([{ factor_id: ageing }]);

    // The database allows only one current primary.
    await expect(sql("update case_factors set is_primary = true where case_id = $1", [caseId])).rejects.toThrow(
      /case_factors_one_primary_key|duplicate key/,
    );

    // Untagging the primary factor leaves the case without one.
    await untag(counsellor, caseId, ageing);
    expect(await primaries()).toEqual([]);
    expect((await listCases(counsellor, {}, context)).rows[0]!.primaryFactor).toBeNull();
  });
});

describe("managing the taxonomy (admin)", () => {
  it("creates factors, refusing a duplicate name in the same category whatever its case", async () => {
    const people = await createPeople();
    const admin = await signInAs(people.admin.email);
    const digital = await categoryId("digital_lifestyle");
    const { factorId: created } = await createFactor(admin, createFactorInput.parse({ categoryId: digital, name: "  Smartphone overuse " }), context);
    const [row] = await sql<{ name: string; code: string; sort_order: number; version: number; category_id: string }>(
      "select name, code, sort_order, version, category_id from factors where id = $1",
      [created],
    );
    expect(row).toEqual({ name: "Smartphone overuse", code: expect.stringMatching(/^custom_[0-9a-f]{32}$/), sort_order: 3, version: 1, category_id: digital });
    const catalogue = await factorCatalogue(admin);
    expect(catalogue.find((c) => c.id === digital)!.factors.at(-1)).toEqual({
      id: created,
      name: "Smartphone overuse",
      retired: false,
      version: 1,
    });
    expect((await factorUsage(admin)).get(created)).toBeUndefined();

    const before = await taxonomySnapshot();
    const create = (categoryId: string, name: string) => () => createFactor(admin, createFactorInput.parse({ categoryId, name }), context);
    const duplicate = await expectDomainError(create(digital, "SMARTPHONE OVERUSE"), "Invalid");
    expect(duplicate.fieldErrors).toEqual({ name: [expect.any(String)] });
    const mentalHealth = await categoryId("mental_health");
    const migrated = await expectDomainError(create(mentalHealth, "depression"), "Invalid");
    expect(migrated.fieldErrors).toEqual({ name: [expect.any(String)] });
    const noCategory = await expectDomainError(create("00000000-0000-4000-8000-000000000000", "Anything"), "Invalid");
    expect(noCategory.fieldErrors).toEqual({ categoryId: [expect.any(String)] });
    expect(await taxonomySnapshot()).toEqual(before);
    expect(createFactorInput.safeParse({ categoryId: digital, name: "" }).success).toBe(false);
    expect(createFactorInput.safeParse({ categoryId: digital, name: "n".repeat(201) }).success).toBe(false);

    // The same name in another category is a different factor.
    await create(await categoryId("life_events"), "Smartphone overuse")();
    expect(await sql("select id from factors where lower(name) = 'smartphone overuse'")).toHaveLength(2);
    const audits = await sql<{ actor_id: string; entity_id: string }>("select actor_id, entity_id from audit_events where action = 'factor.create' order by id");
    expect(audits).toHaveLength(2);
    expect(audits[0]).toEqual({ actor_id: admin.id, entity_id: created });
  });

  it("renames with optimistic locking and the same duplicate rule", async () => {
    const people = await createPeople();
    const admin = await signInAs(people.admin.email);
    const digital = await categoryId("digital_lifestyle");
    const { factorId: created } = await createFactor(admin, createFactorInput.parse({ categoryId: digital, name: "Screen time" }), context);
    const rename = (version: number, name: string, id = created) =>
      renameFactor(admin, renameFactorInput.parse({ factorId: id, version, name }), context);

    const before = await taxonomySnapshot();
    await expectDomainError(() => rename(2, "Stale rename"), "Conflict");
    await expectDomainError(() => rename(1, "Nobody", "00000000-0000-4000-8000-000000000000"), "NotFound");
    const taken = await expectDomainError(() => rename(1, "reversed DAY–NIGHT rhythm"), "Invalid");
    expect(taken.fieldErrors).toEqual({ name: [expect.any(String)] });
    expect(await taxonomySnapshot()).toEqual(before);

    await rename(1, "Excessive screen time");
    expect(await sql("select name, version from factors where id = $1", [created])).toEqual([{ name: "Excessive screen time", version: 2 }]);
    await expectDomainError(() => rename(1, "Lost update"), "Conflict");
    expect(await sql("select name, version from factors where id = $1", [created])).toEqual([{ name: "Excessive screen time", version: 2 }]);
    expect(await sql("select entity_id from audit_events where action = 'factor.rename'")).toEqual([{ entity_id: created }]);
  });

  it("retiring keeps the factor on cases that carry it but stops new tagging; restoring allows it again", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase();
    const other = await createCaseFor(counsellor, { givenName: "Other" });
    const admin = await signInAs(people.admin.email);
    const { factorId: created } = await createFactor(
      admin,
      createFactorInput.parse({ categoryId: await categoryId("life_events"), name: "Natural disaster" }),
      context,
    );
    await tag(counsellor, caseId, created);
    const retire = (version: number, retired: "true" | "false") =>
      setFactorRetired(admin, retireFactorInput.parse({ factorId: created, version, retired }), context);

    await retire(1, "true");
    const detail = await getCase(counsellor, caseId, context);
    expect(detail.factors).toEqual([expect.objectContaining({ factorId: created, name: "Natural disaster", retired: true })]);
    const listed = (await factorCatalogue(counsellor)).flatMap((c) => c.factors).find((f) => f.id === created);
    expect(listed).toEqual({ id: created, name: "Natural disaster", retired: true, version: 2 });
    expect((await factorUsage(admin)).get(created)).toBe(1);

    const before = await caseTablesSnapshot();
    const refused = await expectDomainError(tag(counsellor, other.caseId, created), "Invalid");
    expect(refused.fieldErrors).toEqual({ factorId: [expect.any(String)] });
    expect(await caseTablesSnapshot()).toEqual(before);
    await expectDomainError(() => retire(1, "false"), "Conflict");
    expect(retireFactorInput.safeParse({ factorId: created, version: 2, retired: "maybe" }).success).toBe(false);

    await retire(2, "false");
    await tag(counsellor, other.caseId, created);
    const restored = (await factorCatalogue(admin)).flatMap((c) => c.factors).find((f) => f.id === created);
    expect(restored).toEqual({ id: created, name: "Natural disaster", retired: false, version: 3 });
    expect((await factorUsage(admin)).get(created)).toBe(2);
    const actions = await sql<{ action: string }>("select action from audit_events where action like 'factor.%' order by id");
    expect(actions.map((a) => a.action)).toEqual(["factor.create", "factor.retire", "factor.restore"]);
  });

  for (const who of ["counsellorNorth", "supervisorNorth", "analyst"] as const) {
    it(`${who} cannot create, rename, retire or restore factors, and nothing is written`, async () => {
      const people = await createPeople();
      const admin = await signInAs(people.admin.email);
      const digital = await categoryId("digital_lifestyle");
      const { factorId: created } = await createFactor(admin, createFactorInput.parse({ categoryId: digital, name: "Admin made" }), context);
      const actor = await signInAs(people[who].email);
      const before = await taxonomySnapshot();
      const bullying = await factorId("bullying");
      const retire = (id: string, retired: "true" | "false") => () =>
        setFactorRetired(actor, retireFactorInput.parse({ factorId: id, version: 1, retired }), context);
      await expectDomainError(() => createFactor(actor, createFactorInput.parse({ categoryId: digital, name: "Sneaky" }), context), "Forbidden");
      await expectDomainError(
        () => renameFactor(actor, renameFactorInput.parse({ factorId: created, version: 1, name: "Renamed" }), context),
        "Forbidden",
      );
      await expectDomainError(retire(created, "true"), "Forbidden");
      await expectDomainError(retire(bullying, "true"), "Forbidden");
      await expectDomainError(retire(bullying, "false"), "Forbidden");
      expect(await taxonomySnapshot()).toEqual(before);
    });
  }
});
