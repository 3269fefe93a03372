import { describe, expect, it } from "vitest";
import { DAYSOUT, HQ25, LSNS6, PHQ9 } from "@/lib/measures/instruments";
import { summarise } from "@/lib/measures/queries";

const measure = (date: string, value: number, bandLabel: string, concern: boolean) => ({ date, value, source: "measure" as const, bandLabel, concern });
const note = (date: string, value: number) => ({ date, value, source: "note" as const });

describe("one instrument's summary", () => {
  it("is nothing without results", () => {
    expect(summarise(HQ25, [])).toBeNull();
  });

  it("orders the points by date, whatever order they arrive in, and takes the first and latest from that order", () => {
    const summary = summarise(HQ25, [
      measure("2026-05-01", 50, "Above cut-off", true),
      measure("2026-02-01", 60, "Above cut-off", true),
      measure("2026-08-01", 38, "Below cut-off", false),
      measure("2026-03-15", 55, "Above cut-off", true),
    ]);
    expect(summary).toEqual({
      code: "HQ25",
      first: { date: "2026-02-01", value: 60, source: "measure" },
      latest: { date: "2026-08-01", value: 38, source: "measure", bandLabel: "Below cut-off", concern: false },
      change: "improved",
      points: [
        { date: "2026-02-01", value: 60, source: "measure" },
        { date: "2026-03-15", value: 55, source: "measure" },
        { date: "2026-05-01", value: 50, source: "measure" },
        { date: "2026-08-01", value: 38, source: "measure" },
      ],
    });
  });

  it("does not change the points it was given", () => {
    const points = [measure("2026-05-01", 50, "Above cut-off", true), measure("2026-02-01", 60, "Above cut-off", true)];
    const copy = structuredClone(points);
    summarise(HQ25, points);
    expect(points).toEqual(copy);
  });

  it("has no change with a single point", () => {
    const summary = summarise(PHQ9, [measure("2026-02-01", 12, "Moderate", true)])!;
    expect(summary.change).toBeNull();
    expect(summary.first).toEqual({ date: "2026-02-01", value: 12, source: "measure" });
    expect(summary.latest).toMatchObject({ date: "2026-02-01", value: 12 });
  });

  it("judges change by the instrument's direction", () => {
    expect(summarise(PHQ9, [measure("2026-02-01", 5, "Mild", false), measure("2026-04-01", 12, "Moderate", true)])!.change).toBe("worse");
    expect(summarise(PHQ9, [measure("2026-04-01", 5, "Mild", false), measure("2026-02-01", 12, "Moderate", true)])!.change).toBe("improved");
    expect(summarise(LSNS6, [measure("2026-02-01", 10, "At risk of isolation", true), measure("2026-04-01", 14, "Not at risk", false)])!.change).toBe(
      "improved",
    );
    expect(summarise(LSNS6, [measure("2026-02-01", 14, "Not at risk", false), measure("2026-04-01", 10, "At risk of isolation", true)])!.change).toBe(
      "worse",
    );
    expect(summarise(LSNS6, [measure("2026-02-01", 14, "Not at risk", false), measure("2026-04-01", 14, "Not at risk", false)])!.change).toBe(
      "no_change",
    );
  });

  it("keeps the band stored with a measured result, even if the definition would band it differently today", () => {
    const summary = summarise(HQ25, [measure("2026-02-01", 30, "Band as scored in 2026", true)])!;
    expect(summary.latest).toMatchObject({ bandLabel: "Band as scored in 2026", concern: true });
  });

  it("bands days out of home observed in notes by the DAYSOUT definition", () => {
    expect(summarise(DAYSOUT, [note("2026-02-01", 1)])!.latest).toEqual({
      date: "2026-02-01",
      value: 1,
      source: "note",
      bandLabel: DAYSOUT.bands.find((b) => b.code === "moderate")!.label,
      concern: true,
    });
    expect(summarise(DAYSOUT, [note("2026-02-01", 3)])!.latest).toMatchObject({ bandLabel: DAYSOUT.bands.find((b) => b.code === "mild")!.label, concern: true });
    expect(summarise(DAYSOUT, [note("2026-02-01", 4)])!.latest).toMatchObject({
      bandLabel: DAYSOUT.bands.find((b) => b.code === "not_met")!.label,
      concern: false,
    });
  });

  it("merges measured and observed days out into one trend in date order", () => {
    const summary = summarise(DAYSOUT, [
      measure("2026-03-01", 2, "Mild (2–3 days)", true),
      note("2026-04-01", 5),
      note("2026-02-01", 0),
      measure("2026-05-01", 3, "Mild (2–3 days)", true),
    ])!;
    expect(summary.points).toEqual([
      { date: "2026-02-01", value: 0, source: "note" },
      { date: "2026-03-01", value: 2, source: "measure" },
      { date: "2026-04-01", value: 5, source: "note" },
      { date: "2026-05-01", value: 3, source: "measure" },
    ]);
    expect(summary.first).toEqual({ date: "2026-02-01", value: 0, source: "note" });
    expect(summary.latest).toEqual({ date: "2026-05-01", value: 3, source: "measure", bandLabel: "Mild (2–3 days)", concern: true });
    expect(summary.change).toBe("improved");
  });
});
