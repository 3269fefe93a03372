import { describe, expect, it } from "vitest";
import { katoSeverity, severityLabels, type Severity } from "@/lib/notes/severity";

describe("Kato severity from days out of home per week", () => {
  it.each([
    [0, "moderate"],
    [1, "moderate"],
    [2, "mild"],
    [3, "mild"],
    [4, "not_met"],
    [5, "not_met"],
    [6, "not_met"],
    [7, "not_met"],
  ] as const)("%i days out → %s", (daysOut, expected) => {
    expect(katoSeverity(daysOut)).toBe(expected);
    // Saying the person does not rarely leave their room changes nothing.
    expect(katoSeverity(daysOut, false)).toBe(expected);
    expect(katoSeverity(daysOut, null)).toBe(expected);
  });

  it("rarely leaving one's room is severe, whatever the days out", () => {
    expect(katoSeverity(null, true)).toBe("severe");
    for (const daysOut of [0, 1, 3, 4, 7]) expect(katoSeverity(daysOut, true)).toBe("severe");
  });

  it("nothing observed gives no severity", () => {
    expect(katoSeverity(null)).toBeNull();
    expect(katoSeverity(null, false)).toBeNull();
    expect(katoSeverity(null, null)).toBeNull();
  });

  it.each([-1, 8, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %d days out", (daysOut) => {
    expect(() => katoSeverity(daysOut)).toThrow(RangeError);
  });

  it("labels every severity", () => {
    const all: Severity[] = ["not_met", "mild", "moderate", "severe"];
    expect(Object.keys(severityLabels).sort()).toEqual([...all].sort());
    for (const severity of all) expect(severityLabels[severity]).toMatch(/\S/);
  });
});
