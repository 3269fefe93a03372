import { describe, expect, it } from "vitest";
import { presetPeriod, presets, resolvePeriod, type Preset } from "@/lib/reports/period";

const twelveMonths = (today: string) => presetPeriod("12m", today);

describe("presetPeriod on fixed days", () => {
  it.each<[Preset, string, string, string]>([
    ["3m", "2026-11-26", "2026-08-27", "2026-11-26"],
    ["6m", "2026-11-26", "2026-05-27", "2026-11-26"],
    ["12m", "2026-11-26", "2025-11-27", "2026-11-26"],
    ["ytd", "2026-11-26", "2026-01-01", "2026-11-26"],
    ["last-year", "2026-11-26", "2025-01-01", "2025-12-31"],
  ])("%s on %s runs %s to %s", (preset, today, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to, preset });
  });

  it("12 months back from a leap day starts on 1 March of the year before (365 days)", () => {
    expect(presetPeriod("12m", "2024-02-29")).toEqual({ from: "2023-03-01", to: "2024-02-29", preset: "12m" });
  });

  it("12 months over a leap day are 366 days; without one, 365", () => {
    expect(presetPeriod("12m", "2024-03-01")).toEqual({ from: "2023-03-02", to: "2024-03-01", preset: "12m" });
    expect(presetPeriod("12m", "2025-02-28")).toEqual({ from: "2024-02-29", to: "2025-02-28", preset: "12m" });
    expect(presetPeriod("12m", "2025-03-01")).toEqual({ from: "2024-03-02", to: "2025-03-01", preset: "12m" });
  });

  it("months back from a month end clamp to the shorter month, then start the day after", () => {
    expect(presetPeriod("3m", "2026-05-31")).toEqual({ from: "2026-03-01", to: "2026-05-31", preset: "3m" });
    expect(presetPeriod("3m", "2024-05-31")).toEqual({ from: "2024-03-01", to: "2024-05-31", preset: "3m" });
    expect(presetPeriod("6m", "2026-08-31")).toEqual({ from: "2026-03-01", to: "2026-08-31", preset: "6m" });
    expect(presetPeriod("3m", "2026-03-31")).toEqual({ from: "2026-01-01", to: "2026-03-31", preset: "3m" });
  });

  it("this year on 1 January is that one day; on a leap year's last day it is the whole year", () => {
    expect(presetPeriod("ytd", "2026-01-01")).toEqual({ from: "2026-01-01", to: "2026-01-01", preset: "ytd" });
    expect(presetPeriod("ytd", "2024-12-31")).toEqual({ from: "2024-01-01", to: "2024-12-31", preset: "ytd" });
  });

  it("last year is the whole previous calendar year, from a leap day or a first of January", () => {
    expect(presetPeriod("last-year", "2024-02-29")).toEqual({ from: "2023-01-01", to: "2023-12-31", preset: "last-year" });
    expect(presetPeriod("last-year", "2025-01-01")).toEqual({ from: "2024-01-01", to: "2024-12-31", preset: "last-year" });
  });
});

describe("resolvePeriod from URL parameters", () => {
  const today = "2026-11-26";
  const fallback = twelveMonths(today);

  it("every preset offered resolves to its own period", () => {
    expect(Object.keys(presets)).toEqual(["3m", "6m", "12m", "ytd", "last-year"]);
    for (const preset of Object.keys(presets) as Preset[]) {
      expect(resolvePeriod({ preset }, today)).toEqual(presetPeriod(preset, today));
    }
  });

  it("a preset wins over a custom range given with it", () => {
    expect(resolvePeriod({ preset: "3m", from: "2026-01-01", to: "2026-06-30" }, today)).toEqual(presetPeriod("3m", today));
  });

  it("accepts a custom range, a single day and a range ending today", () => {
    expect(resolvePeriod({ from: "2026-01-01", to: "2026-06-30" }, today)).toEqual({ from: "2026-01-01", to: "2026-06-30", preset: null });
    expect(resolvePeriod({ from: "2026-03-15", to: "2026-03-15" }, today)).toEqual({ from: "2026-03-15", to: "2026-03-15", preset: null });
    expect(resolvePeriod({ from: "2024-02-29", to: today }, today)).toEqual({ from: "2024-02-29", to: today, preset: null });
  });

  it("accepts exactly ten years, and falls back one day beyond", () => {
    expect(resolvePeriod({ from: "2016-06-30", to: "2026-06-30" }, today)).toEqual({ from: "2016-06-30", to: "2026-06-30", preset: null });
    expect(resolvePeriod({ from: "2016-06-29", to: "2026-06-30" }, today)).toEqual(fallback);
    // Ten years back from a leap day is 28 February.
    expect(resolvePeriod({ from: "2014-02-28", to: "2024-02-29" }, today)).toEqual({ from: "2014-02-28", to: "2024-02-29", preset: null });
    expect(resolvePeriod({ from: "2014-02-27", to: "2024-02-29" }, today)).toEqual(fallback);
  });

  it.each<[string, Record<string, unknown>]>([
    ["nothing", {}],
    ["a reversed range", { from: "2026-06-30", to: "2026-01-01" }],
    ["a range ending tomorrow", { from: "2026-01-01", to: "2026-11-27" }],
    ["a range wholly in the future", { from: "2027-01-01", to: "2027-02-01" }],
    ["only a start", { from: "2026-01-01" }],
    ["only an end", { to: "2026-06-30" }],
    ["an impossible day", { from: "2026-02-30", to: "2026-06-30" }],
    ["a non-leap 29 February", { from: "2023-02-29", to: "2023-06-30" }],
    ["a thirteenth month", { from: "2026-01-01", to: "2026-13-01" }],
    ["a day without padding", { from: "2026-1-01", to: "2026-06-30" }],
    ["a timestamp", { from: "2026-01-01T00:00:00Z", to: "2026-06-30" }],
    ["surrounding spaces", { from: " 2026-01-01", to: "2026-06-30" }],
    ["words", { from: "yesterday", to: "today" }],
    ["empty strings", { from: "", to: "" }],
    ["numbers", { from: 20260101, to: 20260630 }],
    ["arrays, as a repeated query parameter gives", { from: ["2026-01-01"], to: ["2026-06-30"] }],
    ["more than ten years", { from: "2000-01-01", to: "2026-06-30" }],
    ["an unknown preset", { preset: "1m" }],
    ["a preset in the wrong case", { preset: "12M" }],
    ["an empty preset", { preset: "" }],
    ["a preset that is not a string", { preset: ["3m"] }],
    ["__proto__ as preset", { preset: "__proto__" }],
    ["toString as preset", { preset: "toString" }],
    ["constructor as preset", { preset: "constructor" }],
    ["hasOwnProperty as preset", { preset: "hasOwnProperty" }],
  ])("falls back to the last 12 months on %s", (_, params) => {
    expect(resolvePeriod(params, today)).toEqual({ from: "2025-11-27", to: "2026-11-26", preset: "12m" });
  });

  it("a prototype key as preset still lets a valid custom range through", () => {
    expect(resolvePeriod({ preset: "__proto__", from: "2026-01-01", to: "2026-06-30" }, today)).toEqual({ from: "2026-01-01", to: "2026-06-30", preset: null });
    expect(resolvePeriod({ preset: "valueOf", from: "2026-01-01", to: "2026-06-30" }, today)).toEqual({ from: "2026-01-01", to: "2026-06-30", preset: null });
  });

  it("the fallback follows the given today, leap day included", () => {
    expect(resolvePeriod({ from: "junk" }, "2024-02-29")).toEqual({ from: "2023-03-01", to: "2024-02-29", preset: "12m" });
  });
});
