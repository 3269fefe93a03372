import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/demo-accounts";
import { seedDemoData } from "@/db/seed";
import { buildStatistics } from "@/lib/statistics/export";
import { statisticsInput } from "@/lib/statistics/schemas";
import { sql, testDatabase } from "./helpers/database";
import { context, signInAs } from "./helpers/people";

describe("anonymised statistics on the demo service", () => {
  it("publishes every table with no count from 1 to 9 visible and the consent exclusion protected", async () => {
    await seedDemoData(testDatabase());
    const analyst = await signInAs("analyst@tsunagu.example", DEMO_PASSWORD);
    const stats = await buildStatistics(analyst, statisticsInput.parse({ from: "2024-11", to: "2026-10" }), context);
    expect(stats.tables.map((t) => t.id)).toEqual(["referrals", "status", "age-sex", "region", "source", "duration", "categories", "factors", "closures", "milestones", "outcomes"]);
    for (const table of stats.tables) {
      for (const row of table.rows) {
        for (const value of row.values.slice(0, table.id === "outcomes" ? 1 : undefined)) {
          expect(value === "<10" || value === "x" || value === 0 || (typeof value === "number" && value >= 10), `${table.id} ${row.label}: ${value}`).toBe(true);
        }
      }
    }
    const [{ consented }] = (await sql<{ consented: number }>(
      "select count(*)::int as consented from cases c join clients cl on cl.id = c.client_id where cl.stats_consent and c.referral_date <= '2026-10-31'",
    )) as [{ consented: number }];
    const total = stats.tables.find((t) => t.id === "status")!.rows.at(-1)!.values[0];
    expect(typeof total === "number" ? Math.abs(total - consented) <= 2 || consented < 10 : total === "<10").toBe(true);
    const json = JSON.stringify(stats);
    expect(json).not.toMatch(/TSU-\d{4}-\d{4}/);
    expect(stats.metadata.excludedWithoutConsent === "<10" || typeof stats.metadata.excludedWithoutConsent === "number").toBe(true);
  });
});
