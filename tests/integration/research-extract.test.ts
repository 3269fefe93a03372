import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/demo-accounts";
import { seedDemoData } from "@/db/seed";
import { researchExtract } from "@/lib/statistics/research";
import { statisticsInput } from "@/lib/statistics/schemas";
import { expectDomainError } from "./helpers/cases";
import { sql, testDatabase } from "./helpers/database";
import { measure, phq9Items } from "./helpers/outcomes";
import { context, createPeople, signInAs } from "./helpers/people";
import { insertCases } from "./helpers/statistics";

/** Each case's factor categories as the extract writes them: distinct names in order, joined by "; ". */
async function expectedCategories(caseIds: string[]) {
  const rows = await sql<{ names: string }>(
    `select coalesce(string_agg(distinct cat.name, '; ' order by cat.name), '') as names
     from unnest($1::uuid[]) c(id) left join case_factors cf on cf.case_id = c.id and cf.removed_at is null
       left join factors f on f.id = cf.factor_id left join factor_categories cat on cat.id = f.category_id
     group by c.id`,
    [caseIds],
  );
  return rows.map((r) => r.names).sort();
}

const input = statisticsInput.parse({ from: "2024-11", to: "2026-10", format: "csv" });
const parse = (csv: string) => {
  const [header, ...lines] = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  // The extract has no quoted commas except in factor categories, which use "; " as a separator.
  return { header: header!.split(","), rows: lines.map((line) => line.split(",")) };
};

describe("the research extract", () => {
  it("is k-anonymous over the quasi-identifiers, pseudonymous per export and free of ids and names", async () => {
    await seedDemoData(testDatabase());
    const admin = await signInAs("admin@tsunagu.example", DEMO_PASSWORD);
    const first = await researchExtract(admin, input, context);
    const second = await researchExtract(admin, input, context);
    const { header, rows } = parse(first.csv);
    expect(header.slice(0, 6)).toEqual(["pseudonym", "ageBand", "sexGender", "area", "referralYear", "referralSource"]);
    expect(first.summary.records).toBeGreaterThan(0);
    expect(first.summary.released + first.summary.suppressed).toBe(first.summary.records);
    expect(rows).toHaveLength(first.summary.released);
    const combos = new Map<string, number>();
    for (const row of rows) combos.set(row.slice(1, 6).join("|"), (combos.get(row.slice(1, 6).join("|")) ?? 0) + 1);
    for (const size of combos.values()) expect(size).toBeGreaterThanOrEqual(5);
    // New pseudonyms every time: two exports cannot be joined on them.
    const pseudonyms = new Set(rows.map((r) => r[0]));
    expect(pseudonyms.size).toBe(rows.length);
    for (const row of parse(second.csv).rows) expect(pseudonyms.has(row[0])).toBe(false);
    // No references, case or client ids, names or dates finer than a year.
    const people = await sql<{ id: string; reference: string; given_name: string; family_name: string | null; client_id: string }>(
      "select c.id, c.reference, cl.given_name, cl.family_name, cl.id as client_id from cases c join clients cl on cl.id = c.client_id",
    );
    for (const p of people) {
      for (const secret of [p.id, p.reference, p.client_id, `,${p.given_name},`]) expect(first.csv).not.toContain(secret);
    }
    expect(first.csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const [audit] = await sql<{ details: Record<string, unknown> }>("select details from audit_events where action = 'statistics.research-extract' order by id limit 1");
    expect(audit!.details).toMatchObject({ from: "2024-11", to: "2026-10", k: 5, records: first.summary.records, suppressed: first.summary.suppressed });
  });

  it("gives each released case its own factor categories and first and latest bands", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    // Eight cases alike in every quasi-identifier, so k = 5 releases them all; their facts differ.
    const alike = { age: 30, sex: "male", region: "JP-13", consent: true, referralDate: "2025-03-10", source: "family" } as const;
    const factorSets = [["depression"], ["bullying", "job_loss"], [], ["family_conflict"], ["depression", "school_refusal"], [], ["adhd"], ["job_loss"]];
    const caseIds = await insertCases(
      factorSets.map((factors) => ({ ...alike, factors })),
      { counsellorId: people.counsellorNorth.id, teamId: people.teams.north.id },
    );
    // Three cases go from mild to moderate on the PHQ-9, the latest recorded first; a fourth is
    // corrected from severe to minimal, and only the correction counts.
    for (const caseId of caseIds.slice(0, 3)) {
      await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [2, 2, 2, 2, 2, 1, 0, 0]), administeredOn: "2025-06-01" });
      await measure(counsellor, caseId, "PHQ9", { items: phq9Items(0, [1, 1, 1, 1, 1, 1, 0, 0]), administeredOn: "2025-04-01" });
    }
    const severe = await measure(counsellor, caseIds[3]!, "PHQ9", { items: phq9Items(0, [3, 3, 3, 3, 3, 3, 2, 0]), administeredOn: "2025-05-01" });
    await measure(counsellor, caseIds[3]!, "PHQ9", { items: phq9Items(0), administeredOn: "2025-05-01", supersedes: severe.resultId, correctionReason: "Wrong form" });
    const admin = await signInAs(people.admin.email);
    const { csv, summary } = await researchExtract(admin, input, context);
    expect(summary.released).toBe(8);
    const { header, rows } = parse(csv);
    const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    expect(column("factorCategories").sort()).toEqual(await expectedCategories(caseIds));
    const phq9 = rows.map((row) => `${row[header.indexOf("PHQ9 first band")]} → ${row[header.indexOf("PHQ9 latest band")]}`).sort();
    expect(phq9).toEqual([" → ", " → ", " → ", " → ", "Mild → Moderate", "Mild → Moderate", "Mild → Moderate", "Minimal → Minimal"]);
  });

  it("uses the k the administrator set, and is refused to everyone but administrators", async () => {
    await seedDemoData(testDatabase());
    // A reset empties the settings table (it references accounts), so the row is written whole.
    await sql("insert into service_settings (id, research_k) values (1, 20) on conflict (id) do update set research_k = 20");
    const admin = await signInAs("admin@tsunagu.example", DEMO_PASSWORD);
    const { csv, summary } = await researchExtract(admin, input, context);
    expect(summary.k).toBe(20);
    const combos = new Map<string, number>();
    for (const row of parse(csv).rows) combos.set(row.slice(1, 6).join("|"), (combos.get(row.slice(1, 6).join("|")) ?? 0) + 1);
    for (const size of combos.values()) expect(size).toBeGreaterThanOrEqual(20);
    for (const email of ["analyst@tsunagu.example", "supervisor.north@tsunagu.example", "counsellor.north@tsunagu.example"]) {
      await expectDomainError(researchExtract(await signInAs(email, DEMO_PASSWORD), input, context), "Forbidden");
    }
  });
});
