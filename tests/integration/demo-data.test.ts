import { describe, expect, it } from "vitest";
import { seedDemoData, seedDemoDataIfEmpty } from "@/db/seed";
import { eq } from "drizzle-orm";
import { sessionNotes } from "@/db/schema";
import { checkIntegrity } from "@/lib/notes/integrity";
import { sql, testDatabase } from "./helpers/database";


describe("demo data", () => {
  it("loads a consistent service: signed notes verify, contact dates match the notes", async () => {
    await seedDemoData(testDatabase());
    const [counts] = await sql<{ cases: number; notes: number; signed: number; drafts: number; reviewed: number }>(
      `select (select count(*)::int from cases) as cases, count(*)::int as notes,
              count(*) filter (where status = 'signed')::int as signed, count(*) filter (where status = 'draft')::int as drafts,
              count(*) filter (where reviewed_at is not null)::int as reviewed
         from session_notes`,
    );
    expect(counts!.cases).toBe(60);
    expect(counts!.signed).toBeGreaterThan(100);
    expect(counts!.drafts).toBeGreaterThan(0);
    expect(counts!.reviewed).toBeGreaterThan(0);

    const signed = await testDatabase().db.select().from(sessionNotes).where(eq(sessionNotes.status, "signed"));
    const verdicts = signed.map(checkIntegrity);
    expect(verdicts.filter((v) => v !== "intact")).toEqual([]);

    const mismatched = await sql(
      `select c.reference from cases c
        where c.last_contact_on is distinct from (select max(n.session_date) from session_notes n where n.case_id = c.id)`,
    );
    expect(mismatched).toEqual([]);
    const referredWithNotes = await sql(
      `select 1 from cases c join session_notes n on n.case_id = c.id where c.status = 'referred' limit 1`,
    );
    expect(referredWithNotes).toEqual([]);

    // Outcomes: scored as the app scores them, never a self-harm answer the demo would leave unflagged,
    // milestones between referral and closure.
    const [outcomes] = await sql<{ results: number; selfHarm: number; milestones: number; outOfRange: number }>(
      `select (select count(*)::int from measure_results) as results,
              (select count(*)::int from measure_results where instrument = 'PHQ9' and items[9] > 0) as "selfHarm",
              (select count(*)::int from case_milestones) as milestones,
              (select count(*)::int from case_milestones m join cases c on c.id = m.case_id
                where m.reached_on < c.referral_date or m.reached_on > coalesce(c.closed_on, current_date)) as "outOfRange"`,
    );
    expect(outcomes!.results).toBeGreaterThan(100);
    expect(outcomes!.selfHarm).toBe(0);
    expect(outcomes!.milestones).toBeGreaterThan(30);
    expect(outcomes!.outOfRange).toBe(0);
    const misbanded = await sql(
      `select id from measure_results where instrument = 'HQ25' and (total >= 42) <> (band_code = 'above_cutoff')`,
    );
    expect(misbanded).toEqual([]);
  });

  it("is loaded only into an empty database", async () => {
    expect(await seedDemoDataIfEmpty(testDatabase())).toBe(true);
    expect(await seedDemoDataIfEmpty(testDatabase())).toBe(false);
    const [row] = await sql<{ n: number }>("select count(*)::int as n from cases");
    expect(row!.n).toBe(60);
  });
});
