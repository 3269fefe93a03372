import { addMonths, format, subMonths } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { statisticsInput } from "@/lib/statistics/schemas";

/** The month the schema compares against (it reads the clock in local time, as here). */
const thisMonth = () => format(new Date(), "yyyy-MM");
const monthsAgo = (n: number) => format(subMonths(new Date(), n), "yyyy-MM");

function errorsOf(input: unknown) {
  const parsed = statisticsInput.safeParse(input);
  expect(parsed.success, JSON.stringify(input)).toBe(false);
  return parsed.error!.issues;
}

const fieldsWithErrors = (input: unknown) => [...new Set(errorsOf(input).map((issue) => issue.path.join(".")))];

describe("statisticsInput", () => {
  it("accepts whole months and fills in the defaults, the first day and the last day", () => {
    expect(statisticsInput.parse({ from: "2025-01", to: "2025-12" })).toEqual({
      from: "2025-01",
      to: "2025-12",
      scope: "service",
      format: "json",
      start: "2025-01-01",
      end: "2025-12-31",
    });
    expect(statisticsInput.parse({ from: "2024-02", to: "2024-02", scope: "team", format: "csv" })).toMatchObject({
      scope: "team",
      format: "csv",
      start: "2024-02-01",
      end: "2024-02-29",
    });
    expect(statisticsInput.parse({ from: "2023-02", to: "2023-02", format: "xlsx" }).end).toBe("2023-02-28");
    expect(statisticsInput.parse({ from: "2025-04", to: "2025-04" }).end).toBe("2025-04-30");
  });

  it("refuses anything but a whole month written YYYY-MM", () => {
    for (const bad of ["2025-1", "2025-13", "2025-00", "2025-01-15", "202501", " 2025-01", "2025-01 ", "25-01", "2025/01", "Jan 2025", "", "2025-1a"]) {
      expect(fieldsWithErrors({ from: bad, to: "2025-06" }), `from ${JSON.stringify(bad)}`).toContain("from");
      expect(fieldsWithErrors({ from: "2025-01", to: bad }), `to ${JSON.stringify(bad)}`).toContain("to");
    }
    for (const bad of [202501, null, undefined, ["2025-01"], { month: "2025-01" }]) {
      expect(fieldsWithErrors({ from: bad, to: "2025-06" })).toContain("from");
    }
    expect(fieldsWithErrors({ from: "1999-12", to: "2000-06" })).toContain("from");
  });

  it("refuses a last month before the first, and accepts a single month", () => {
    expect(fieldsWithErrors({ from: "2025-06", to: "2025-05" })).toEqual(["to"]);
    expect(fieldsWithErrors({ from: "2026-01", to: "2025-12" })).toEqual(["to"]);
    expect(statisticsInput.safeParse({ from: "2025-06", to: "2025-06" }).success).toBe(true);
  });

  it("refuses a month in the future but accepts the current one", () => {
    expect(statisticsInput.safeParse({ from: monthsAgo(2), to: thisMonth() }).success).toBe(true);
    const next = format(addMonths(new Date(), 1), "yyyy-MM");
    expect(fieldsWithErrors({ from: monthsAgo(2), to: next })).toEqual(["to"]);
    expect(fieldsWithErrors({ from: next, to: next })).toEqual(["to"]);
    expect(errorsOf({ from: "2025-01", to: "2999-12" }).map((i) => i.message)).toContain("The last month cannot be in the future.");
  });

  it("allows at most ten years: 120 months, not 121", () => {
    expect(statisticsInput.safeParse({ from: "2016-01", to: "2025-12" }).success).toBe(true);
    expect(fieldsWithErrors({ from: "2015-12", to: "2025-12" })).toEqual(["from"]);
    expect(fieldsWithErrors({ from: "2000-01", to: "2025-12" })).toEqual(["from"]);
  });

  it("is strict: an unknown key is refused, not ignored", () => {
    const issues = errorsOf({ from: "2025-01", to: "2025-06", teamId: "00000000-0000-0000-0000-000000000000" });
    expect(issues.some((issue) => issue.code === "unrecognized_keys")).toBe(true);
    expect(statisticsInput.safeParse({ from: "2025-01", to: "2025-06", threshold: "5" }).success).toBe(false);
  });

  it("knows only CSV, JSON and XLSX, and only the service or team scope", () => {
    for (const good of ["csv", "json", "xlsx"]) expect(statisticsInput.safeParse({ from: "2025-01", to: "2025-06", format: good }).success).toBe(true);
    for (const bad of ["pdf", "CSV", "xls", "", "json "]) expect(fieldsWithErrors({ from: "2025-01", to: "2025-06", format: bad })).toEqual(["format"]);
    for (const good of ["service", "team"]) expect(statisticsInput.safeParse({ from: "2025-01", to: "2025-06", scope: good }).success).toBe(true);
    for (const bad of ["all", "Team", "", "north"]) expect(fieldsWithErrors({ from: "2025-01", to: "2025-06", scope: bad })).toEqual(["scope"]);
  });

  it("agrees with a plain model of the rules for any pair of months since 2000", () => {
    const now = thisMonth();
    const [nowYear, nowMonth] = now.split("-").map(Number) as [number, number];
    const month = fc
      .record({ year: fc.integer({ min: 2000, max: nowYear + 2 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ year, month }) => ({ text: `${year}-${String(month).padStart(2, "0")}`, index: year * 12 + month - 1 }));
    fc.assert(
      fc.property(month, month, (from, to) => {
        const expected = from.index <= to.index && to.index <= nowYear * 12 + nowMonth - 1 && to.index - from.index < 120;
        const parsed = statisticsInput.safeParse({ from: from.text, to: to.text });
        expect(parsed.success, `${from.text} to ${to.text}`).toBe(expected);
        if (parsed.success) {
          expect(parsed.data.start).toBe(`${from.text}-01`);
          expect(parsed.data.end.startsWith(`${to.text}-`)).toBe(true);
          expect(Number(parsed.data.end.slice(8))).toBeGreaterThanOrEqual(28);
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
