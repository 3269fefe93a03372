import { describe, expect, it } from "vitest";
import { today } from "@/lib/dates";
import { statusAtEnd } from "@/lib/statistics/tables";
import { sql } from "./helpers/database";
import { createPeople } from "./helpers/people";
import { insertCases, randomCase, seeded } from "./helpers/statistics";

/**
 * "Status at the end of the period" reads the status history for a period that ended in the past,
 * and the case row's current status for one that ends today (the fast path). Both must tell the
 * same story as the history.
 */
describe("statistics: status at the end of the period", () => {
  it("follows the history to a past end, and the current status to today", async () => {
    const { counsellorNorth } = await createPeople();
    const random = seeded(7);
    const [stillActive, closedInSeptember] = await insertCases(
      [
        randomCase(random, { consent: true, referralDate: "2025-03-01" }),
        randomCase(random, { consent: true, referralDate: "2025-03-01", closed: { on: "2025-09-01", outcome: "returned_to_education" } }),
      ],
      { counsellorId: counsellorNorth.id, teamId: counsellorNorth.teamId! },
    );
    const history: [string, string | null, string, string][] = [
      [stillActive!, null, "referred", "2025-03-01"],
      [stillActive!, "referred", "active", "2025-04-01"],
      [closedInSeptember!, null, "referred", "2025-03-01"],
      [closedInSeptember!, "referred", "active", "2025-04-01"],
      [closedInSeptember!, "active", "closed", "2025-09-01"],
    ];
    for (const [caseId, from, to, on] of history) {
      await sql(
        "insert into case_status_history (case_id, from_status, to_status, changed_by, changed_at) values ($1, $2::case_status, $3::case_status, $4, $5::date + time '10:00')",
        [caseId, from, to, counsellorNorth.id, on],
      );
    }
    const counts = async (start: string, end: string) => {
      const table = await statusAtEnd({ teamId: null }, { start, end });
      return Object.fromEntries(table.rows.map((row, i) => [row, table.counts[i]![0]]).filter(([, n]) => n));
    };
    expect(await counts("2025-01-01", "2025-03-15")).toEqual({ Referred: 2 });
    expect(await counts("2025-01-01", "2025-06-30")).toEqual({ Active: 2 });
    expect(await counts("2025-01-01", "2025-12-31")).toEqual({ Active: 1, Closed: 1 });
    expect(await counts("2025-01-01", today())).toEqual({ Active: 1, Closed: 1 });
  });
});
