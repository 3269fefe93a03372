import { describe, expect, it } from "vitest";
import { DAYSOUT, GAD7, HQ25, instrumentFor, instruments, LSNS6, PHQ9, UCLA3, type Instrument } from "@/lib/measures/instruments";
import { bandFor, change, score, ScoreError, type Responses } from "@/lib/measures/scoring";
import { katoSeverity } from "@/lib/notes/severity";

/**
 * Answers to every item of `instrument` adding up to `total`: each item starts at its lowest
 * answer and the first items are raised to their highest until the total is reached. So the
 * last item (PHQ-9 item 9) stays at its lowest answer unless the total needs it.
 */
function itemsSumming(instrument: Instrument, total: number): number[] {
  const lows = instrument.items.map((item) => Math.min(...item.options.map((o) => o.value)));
  const highs = instrument.items.map((item) => Math.max(...item.options.map((o) => o.value)));
  const values = [...lows];
  let left = total - lows.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length && left > 0; i++) {
    const raise = Math.min(highs[i]! - lows[i]!, left);
    values[i]! += raise;
    left -= raise;
  }
  if (left !== 0 || total < lows.reduce((a, b) => a + b, 0)) throw new Error(`${instrument.code} cannot add up to ${total}`);
  return values;
}

/** The field errors of a refused scoring, failing the test if it was not refused with a ScoreError. */
function refused(instrument: Instrument, responses: Responses): Record<string, string[]> {
  let caught: unknown;
  try {
    score(instrument, responses);
  } catch (error) {
    caught = error;
  }
  expect(caught, "scoring should have been refused").toBeInstanceOf(ScoreError);
  const { fieldErrors } = caught as ScoreError;
  for (const messages of Object.values(fieldErrors)) {
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/\S/);
  }
  return fieldErrors;
}

const scoredItems = (instrument: Instrument, total: number) => {
  const items = itemsSumming(instrument, total);
  expect(items.reduce((a, b) => a + b, 0)).toBe(total);
  return score(instrument, { items });
};

describe("PHQ-9 scoring and bands", () => {
  it.each([
    [0, "minimal", false],
    [4, "minimal", false],
    [5, "mild", false],
    [9, "mild", false],
    [10, "moderate", true],
    [14, "moderate", true],
    [15, "moderately_severe", true],
    [19, "moderately_severe", true],
    [20, "severe", true],
    [27, "severe", true],
  ] as const)("items adding up to %i → %s", (total, band, concern) => {
    const result = scoredItems(PHQ9, total);
    expect(result.total).toBe(total);
    expect(result.band.code).toBe(band);
    expect(result.band.concern).toBe(concern);
    expect(result.band.label).toBe(PHQ9.bands.find((b) => b.code === band)!.label);
    expect(result.subscales).toEqual({});
  });

  it("raises self-harm exactly when item 9 is above 0, whatever the total", () => {
    const base = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(score(PHQ9, { items: base }).selfHarm).toBe(false);
    for (const answer of [1, 2, 3]) {
      const result = score(PHQ9, { items: [...base.slice(0, 8), answer] });
      expect(result.selfHarm).toBe(true);
      expect(result.total).toBe(answer);
      expect(result.band.code).toBe("minimal");
    }
    // A high total with item 9 at 0 raises nothing; every other item at 3 does not count.
    const high = score(PHQ9, { items: [3, 3, 3, 3, 3, 3, 3, 3, 0] });
    expect(high).toMatchObject({ total: 24, selfHarm: false });
    expect(score(PHQ9, { items: [3, 3, 3, 3, 3, 3, 3, 3, 3] }).selfHarm).toBe(true);
  });

  it("a total entered on its own is refused: PHQ-9 is scored from its items", () => {
    const errors = refused(PHQ9, { total: 10 });
    expect(Object.keys(errors).sort()).toEqual(Array.from({ length: 9 }, (_, n) => `item${n + 1}`).sort());
    // Nor can a total override the items.
    expect(score(PHQ9, { items: itemsSumming(PHQ9, 3), total: 20 }).total).toBe(3);
  });
});

describe("GAD-7 scoring and bands", () => {
  it.each([
    [0, "minimal", false],
    [4, "minimal", false],
    [5, "mild", false],
    [9, "mild", false],
    [10, "moderate", true],
    [14, "moderate", true],
    [15, "severe", true],
    [21, "severe", true],
  ] as const)("items adding up to %i → %s", (total, band, concern) => {
    const result = scoredItems(GAD7, total);
    expect(result).toMatchObject({ total, band: { code: band, concern }, selfHarm: false, subscales: {} });
  });

  it("never raises self-harm, even with every item at its highest", () => {
    expect(score(GAD7, { items: [3, 3, 3, 3, 3, 3, 3] }).selfHarm).toBe(false);
  });
});

describe("LSNS-6 scoring, bands and subscales", () => {
  it.each([
    [0, "at_risk", true],
    [11, "at_risk", true],
    [12, "not_at_risk", false],
    [30, "not_at_risk", false],
  ] as const)("items adding up to %i → %s", (total, band, concern) => {
    expect(scoredItems(LSNS6, total)).toMatchObject({ total, band: { code: band, concern } });
  });

  it("adds items 1–3 into the family subscale and 4–6 into the friends subscale", () => {
    expect(score(LSNS6, { items: [5, 4, 3, 2, 1, 0] })).toMatchObject({ total: 15, subscales: { family: 12, friends: 3 } });
    expect(score(LSNS6, { items: [0, 0, 1, 5, 5, 5] })).toMatchObject({ total: 16, subscales: { family: 1, friends: 15 } });
    expect(score(LSNS6, { items: [0, 0, 0, 0, 0, 0] }).subscales).toEqual({ family: 0, friends: 0 });
    expect(score(LSNS6, { items: [5, 5, 5, 5, 5, 5] }).subscales).toEqual({ family: 15, friends: 15 });
  });

  it("takes its subscales from the items, not from anything entered", () => {
    const result = score(LSNS6, { items: [1, 1, 1, 2, 2, 2], subscales: { family: 15 } });
    expect(result.subscales).toEqual({ family: 3, friends: 6 });
  });
});

describe("UCLA-3 scoring and bands", () => {
  it.each([
    [3, "not_lonely", false],
    [5, "not_lonely", false],
    [6, "lonely", true],
    [9, "lonely", true],
  ] as const)("items adding up to %i → %s", (total, band, concern) => {
    expect(scoredItems(UCLA3, total)).toMatchObject({ total, band: { code: band, concern } });
  });

  it("refuses 0, which is not one of its answers (they run 1–3)", () => {
    expect(refused(UCLA3, { items: [0, 2, 2] })).toEqual({ item1: [expect.any(String)] });
    expect(refused(UCLA3, { items: [2, 2, 4] })).toEqual({ item3: [expect.any(String)] });
  });
});

describe("HQ-25 scoring: a total, with optional subscales", () => {
  it.each([
    [0, "below_cutoff", false],
    [41, "below_cutoff", false],
    [42, "above_cutoff", true],
    [100, "above_cutoff", true],
  ] as const)("total %i → %s", (total, band, concern) => {
    expect(score(HQ25, { total })).toEqual({
      total,
      subscales: {},
      band: { code: band, label: HQ25.bands.find((b) => b.code === band)!.label, concern },
      selfHarm: false,
    });
  });

  it("accepts some or all subscales, and all three must add up to the total", () => {
    expect(score(HQ25, { total: 50, subscales: { socialization: 20 } }).subscales).toEqual({ socialization: 20 });
    expect(score(HQ25, { total: 50, subscales: { socialization: 20, isolation: 10, emotional_support: null } }).subscales).toEqual({
      socialization: 20,
      isolation: 10,
    });
    expect(score(HQ25, { total: 45, subscales: { socialization: 20, isolation: 15, emotional_support: 10 } })).toMatchObject({
      total: 45,
      subscales: { socialization: 20, isolation: 15, emotional_support: 10 },
      band: { code: "above_cutoff" },
    });
    expect(score(HQ25, { total: 100, subscales: { socialization: 44, isolation: 32, emotional_support: 24 } }).total).toBe(100);
    expect(refused(HQ25, { total: 46, subscales: { socialization: 20, isolation: 15, emotional_support: 10 } })).toEqual({
      total: [expect.any(String)],
    });
    expect(refused(HQ25, { total: 44, subscales: { socialization: 20, isolation: 15, emotional_support: 10 } })).toEqual({
      total: [expect.any(String)],
    });
    // Some subscales cannot add up to more than the total either.
    expect(refused(HQ25, { total: 10, subscales: { socialization: 40 } })).toEqual({ total: [expect.any(String)] });
    expect(score(HQ25, { total: 40, subscales: { socialization: 40 } }).total).toBe(40);
  });

  it.each([
    ["socialization", 45],
    ["socialization", -1],
    ["isolation", 33],
    ["emotional_support", 25],
    ["emotional_support", 2.5],
  ] as const)("refuses subscale %s = %d with an error on that subscale", (code, value) => {
    expect(refused(HQ25, { total: 50, subscales: { [code]: value } })).toEqual({ [`subscale.${code}`]: [expect.any(String)] });
  });

  it("refuses item answers: HQ-25 has no items here, and answers would be stored unchecked", () => {
    expect(refused(HQ25, { total: 50, items: [999, null, -5] })).toEqual({ items: [expect.any(String)] });
    expect(refused(HQ25, { total: 50, items: [1] })).toEqual({ items: [expect.any(String)] });
    // Blank answers are no answers.
    expect(score(HQ25, { total: 50, items: [null, null] }).total).toBe(50);
  });

  it("refuses a subscale the instrument does not have", () => {
    expect(refused(HQ25, { total: 50, subscales: { family: 5 } })).toEqual({ "subscale.family": [expect.any(String)] });
  });

  it.each([
    ["no total", {}],
    ["a null total", { total: null }],
    ["subscales but no total", { subscales: { socialization: 20, isolation: 10, emotional_support: 10 } }],
    ["a total below 0", { total: -1 }],
    ["a total above 100", { total: 101 }],
    ["a fractional total", { total: 41.5 }],
    ["a total that is not a number", { total: Number.NaN }],
  ] as [string, Responses][])("refuses %s, with the error on the total", (_, responses) => {
    expect(Object.keys(refused(HQ25, responses))).toContain("total");
  });
});

describe("days out of home (DAYSOUT)", () => {
  it.each([
    [0, "moderate", true],
    [1, "moderate", true],
    [2, "mild", true],
    [3, "mild", true],
    [4, "not_met", false],
    [7, "not_met", false],
  ] as const)("%i days → %s, as Kato severity has it", (days, band, concern) => {
    const result = score(DAYSOUT, { items: [days] });
    expect(result).toMatchObject({ total: days, band: { code: band, concern }, selfHarm: false });
    expect(katoSeverity(days)).toBe(band);
  });

  it("agrees with Kato severity on every day of the week", () => {
    for (let days = 0; days <= 7; days++) expect(score(DAYSOUT, { items: [days] }).band.code).toBe(katoSeverity(days));
  });

  it("refuses 8 days, a fraction of a day and no answer", () => {
    expect(refused(DAYSOUT, { items: [8] })).toEqual({ item1: [expect.any(String)] });
    expect(refused(DAYSOUT, { items: [2.5] })).toEqual({ item1: [expect.any(String)] });
    expect(refused(DAYSOUT, { items: [-1] })).toEqual({ item1: [expect.any(String)] });
    expect(refused(DAYSOUT, { items: null })).toEqual({ item1: [expect.any(String)] });
    expect(refused(DAYSOUT, { total: 5 })).toEqual({ item1: [expect.any(String)] });
  });
});

describe("answers that are out of range, not whole, missing or too many", () => {
  const zeros = (n: number) => Array.from({ length: n }, () => 0);

  it.each([
    ["PHQ9 item 4 = 4", PHQ9, [0, 0, 0, 4, 0, 0, 0, 0, 0], "item4"],
    ["PHQ9 item 1 = -1", PHQ9, [-1, 0, 0, 0, 0, 0, 0, 0, 0], "item1"],
    ["PHQ9 item 9 = 1.5", PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, 1.5], "item9"],
    ["GAD7 item 7 = 4", GAD7, [0, 0, 0, 0, 0, 0, 4], "item7"],
    ["GAD7 item 2 = 0.5", GAD7, [0, 0.5, 0, 0, 0, 0, 0], "item2"],
    ["LSNS6 item 6 = 6", LSNS6, [0, 0, 0, 0, 0, 6], "item6"],
    ["LSNS6 item 3 = NaN", LSNS6, [0, 0, Number.NaN, 0, 0, 0], "item3"],
    ["UCLA3 item 2 = 0", UCLA3, [1, 0, 1], "item2"],
    ["UCLA3 item 1 = 2.5", UCLA3, [2.5, 1, 1], "item1"],
  ] as [string, Instrument, number[], string][])("%s → error on %s only", (_, instrument, items, field) => {
    expect(refused(instrument, { items })).toEqual({ [field]: [expect.any(String)] });
  });

  it("names every missing item, whether left null or cut short", () => {
    expect(refused(PHQ9, { items: [0, 0, 0, null, 0, 0, 0, 0, 0] })).toEqual({ item4: [expect.any(String)] });
    expect(refused(PHQ9, { items: zeros(8) })).toEqual({ item9: [expect.any(String)] });
    expect(refused(GAD7, { items: [1, null, 1, null, 1, 1] })).toEqual({
      item2: [expect.any(String)],
      item4: [expect.any(String)],
      item7: [expect.any(String)],
    });
    expect(Object.keys(refused(UCLA3, { items: [] })).sort()).toEqual(["item1", "item2", "item3"]);
  });

  it("refuses more answers than the instrument has items", () => {
    expect(refused(PHQ9, { items: zeros(10) })).toEqual({ items: [expect.any(String)] });
    expect(refused(GAD7, { items: zeros(8) })).toEqual({ items: [expect.any(String)] });
    expect(refused(UCLA3, { items: [1, 1, 1, 1] })).toEqual({ items: [expect.any(String)] });
    expect(refused(DAYSOUT, { items: [3, 3] })).toEqual({ items: [expect.any(String)] });
  });

  it("refuses an item-based instrument given only a total", () => {
    for (const instrument of [PHQ9, GAD7, LSNS6, UCLA3, DAYSOUT]) {
      const errors = refused(instrument, { total: instrument.total.min, items: null });
      expect(Object.keys(errors).length, instrument.code).toBeGreaterThan(0);
      expect(errors.total, instrument.code).toBeUndefined();
    }
  });
});

describe("the instrument definitions", () => {
  it("band every possible total exactly once, and nothing outside the range", () => {
    for (const instrument of instruments) {
      for (let total = instrument.total.min; total <= instrument.total.max; total++) {
        const matching = instrument.bands.filter((b) => total >= b.min && total <= b.max);
        expect(matching.length, `${instrument.code} ${total}`).toBe(1);
        expect(bandFor(instrument, total)).toBe(matching[0]);
      }
      expect(() => bandFor(instrument, instrument.total.min - 1)).toThrow(RangeError);
      expect(() => bandFor(instrument, instrument.total.max + 1)).toThrow(RangeError);
    }
  });

  it("keep item answers within the total range", () => {
    for (const instrument of instruments.filter((i) => i.items.length)) {
      const low = instrument.items.reduce((sum, item) => sum + Math.min(...item.options.map((o) => o.value)), 0);
      const high = instrument.items.reduce((sum, item) => sum + Math.max(...item.options.map((o) => o.value)), 0);
      expect([low, high], instrument.code).toEqual([instrument.total.min, instrument.total.max]);
    }
  });

  it("count better the way docs/domain.md says: lower for HQ25, PHQ9, GAD7, UCLA3; higher for LSNS6 and DAYSOUT", () => {
    expect(Object.fromEntries(instruments.map((i) => [i.code, i.direction]))).toEqual({
      HQ25: "lower_is_better",
      PHQ9: "lower_is_better",
      GAD7: "lower_is_better",
      UCLA3: "lower_is_better",
      LSNS6: "higher_is_better",
      DAYSOUT: "higher_is_better",
    });
  });

  it("are found by code, and an unknown code finds nothing", () => {
    for (const instrument of instruments) expect(instrumentFor(instrument.code)).toBe(instrument);
    expect(instrumentFor("BDI2")).toBeUndefined();
    expect(instrumentFor("phq9")).toBeUndefined();
  });
});

describe("change between the first and the latest score", () => {
  it.each([
    ["lower_is_better", 60, 45, "improved"],
    ["lower_is_better", 5, 12, "worse"],
    ["lower_is_better", 20, 20, "no_change"],
    ["higher_is_better", 10, 14, "improved"],
    ["higher_is_better", 4, 1, "worse"],
    ["higher_is_better", 3, 3, "no_change"],
    ["lower_is_better", 1, 0, "improved"],
    ["higher_is_better", 0, 1, "improved"],
  ] as const)("%s: %i → %i is %s", (direction, first, latest, expected) => {
    expect(change(direction, first, latest)).toBe(expected);
  });
});
