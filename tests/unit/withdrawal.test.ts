import { describe, expect, it } from "vitest";
import { formatMonths, withdrawalDuration } from "@/lib/cases/withdrawal";

describe("withdrawal duration against the ≥ 6-month criterion", () => {
  it.each([
    ["2026-01-01", "2026-01-20", 0, "under_3_months"],
    ["2026-01-01", "2026-03-31", 2, "under_3_months"],
    ["2026-01-01", "2026-04-01", 3, "pre_hikikomori"],
    ["2026-01-01", "2026-06-30", 5, "pre_hikikomori"],
    ["2026-01-01", "2026-07-01", 6, "hikikomori"],
    ["2016-03-01", "2026-03-15", 120, "hikikomori"],
  ] as const)("onset %s, as of %s → %i months, %s", (onset, asOf, months, stage) => {
    expect(withdrawalDuration(onset, asOf)).toEqual({ months, stage });
  });

  it("never reports a negative duration for an onset after the day asked about", () => {
    expect(withdrawalDuration("2026-05-01", "2026-01-01")).toEqual({ months: 0, stage: "under_3_months" });
  });

  it.each([
    [0, "0 months"],
    [1, "1 month"],
    [11, "11 months"],
    [12, "1 year"],
    [13, "1 year 1 month"],
    [30, "2 years 6 months"],
  ])("formats %i months as %s", (months, text) => {
    expect(formatMonths(months)).toBe(text);
  });
});
