import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kAnonymise, QUASI_IDENTIFIERS, tenYearBand, wideArea } from "@/lib/statistics/anonymity";

const record = fc.record({
  ageBand: fc.constantFrom("15–24", "25–34", "35–44", "Not recorded"),
  sexGender: fc.constantFrom("Female", "Male", "Non-binary"),
  area: fc.constantFrom("Kanto", "Kansai", "Tohoku"),
  referralYear: fc.constantFrom("2024", "2025", "2026"),
  referralSource: fc.constantFrom("Family", "Self", "School"),
  secret: fc.string(),
});

describe("k-anonymity of the research extract", () => {
  it("keeps only records whose quasi-identifier combination occurs at least k times, and counts the rest", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 300 }), fc.integer({ min: 2, max: 12 }), (records, k) => {
        const { kept, suppressed } = kAnonymise(records, k);
        expect(kept.length + suppressed).toBe(records.length);
        const key = (r: (typeof records)[number]) => QUASI_IDENTIFIERS.map((q) => r[q]).join("|");
        const sizes = new Map<string, number>();
        for (const r of kept) sizes.set(key(r), (sizes.get(key(r)) ?? 0) + 1);
        for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(k);
        // Nothing is dropped that could have stayed: every dropped combination was rarer than k in the input.
        const before = new Map<string, number>();
        for (const r of records) before.set(key(r), (before.get(key(r)) ?? 0) + 1);
        for (const r of records) if (!sizes.has(key(r))) expect(before.get(key(r))!).toBeLessThan(k);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it("refuses a k below 2", () => {
    expect(() => kAnonymise([], 1)).toThrow(RangeError);
    expect(() => kAnonymise([], 2.5)).toThrow(RangeError);
  });

  it("generalises ages to 10-year bands and regions to wider areas", () => {
    expect([null, 14, 15, 24, 25, 34, 35, 64, 65, 90].map(tenYearBand)).toEqual([
      "Not recorded", "Under 15", "15–24", "15–24", "25–34", "25–34", "35–44", "55–64", "65+", "65+",
    ]);
    expect(["JP-01", "JP-13", "JP-14", "JP-27", "JP-40", "JP-47", "JP-48", "US-CA", null].map(wideArea)).toEqual([
      "Hokkaido", "Kanto", "Kanto", "Kansai", "Kyushu and Okinawa", "Kyushu and Okinawa", "Other", "Other", "Not recorded",
    ]);
  });
});
