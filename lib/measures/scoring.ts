import type { Band, Direction, Instrument } from "./instruments";

/** What was entered: every item's answer, or (where the instrument allows) the total and optional subscale totals. */
export type Responses = { items?: (number | null)[] | null; total?: number | null; subscales?: Record<string, number | null> | null };

export type Score = {
  total: number;
  subscales: Record<string, number>;
  band: Pick<Band, "code" | "label" | "concern">;
  selfHarm: boolean;
};

/** Field name → messages, in the shape forms show beside each field. */
export class ScoreError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("The responses are incomplete or out of range.");
    this.name = "ScoreError";
  }
}

export function bandFor(instrument: Instrument, total: number): Band {
  const band = instrument.bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`${instrument.code} total ${total} is outside ${instrument.total.min}–${instrument.total.max}.`);
  return band;
}

const isWhole = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

/**
 * Scores one administration. Items, when given, must all be answered with one of their options
 * and decide the total; a total on its own is accepted only where the instrument allows it.
 */
export function score(instrument: Instrument, responses: Responses): Score {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const answered = responses.items?.some((value) => value !== null && value !== undefined);
  let total: number;
  let subscales: Record<string, number> = {};
  let selfHarm = false;

  if (instrument.items.length && (answered || !instrument.totalOnly)) {
    const values = instrument.items.map((item, index) => {
      const value = responses.items?.[index];
      if (value === null || value === undefined) fail(`item${index + 1}`, "Answer this item.");
      else if (!isWhole(value) || !item.options.some((option) => option.value === value)) fail(`item${index + 1}`, "Choose one of the answers.");
      return value ?? 0;
    });
    if ((responses.items?.length ?? 0) > instrument.items.length) fail("items", `${instrument.code} has ${instrument.items.length} items.`);
    if (Object.keys(errors).length) throw new ScoreError(errors);
    total = values.reduce((sum, value) => sum + value, 0);
    for (const subscale of instrument.subscales) {
      if (subscale.items) subscales[subscale.code] = subscale.items.reduce((sum, n) => sum + values[n - 1]!, 0);
    }
    selfHarm = instrument.selfHarmItem !== undefined && values[instrument.selfHarmItem - 1]! > 0;
  } else if (instrument.totalOnly) {
    // Only an instrument without items gets here with answers; they would be stored unchecked.
    if (answered) fail("items", `${instrument.code} is entered as a total, without items.`);
    const entered = responses.total;
    if (entered === null || entered === undefined) fail("total", "Enter the total score.");
    else if (!isWhole(entered) || entered < instrument.total.min || entered > instrument.total.max) {
      fail("total", `Enter a whole number from ${instrument.total.min} to ${instrument.total.max}.`);
    }
    subscales = enteredSubscales(instrument, responses.subscales ?? {}, fail);
    if (Object.keys(errors).length) throw new ScoreError(errors);
    total = entered!;
    const parts = Object.values(subscales);
    const sum = parts.reduce((a, b) => a + b, 0);
    // All subscales must add up to the total; some of them cannot add up to more than it.
    if ((parts.length === instrument.subscales.length && parts.length && sum !== total) || sum > total) {
      throw new ScoreError({ total: ["The subscale totals do not add up to the total."] });
    }
  } else {
    throw new ScoreError({ items: [`Answer all ${instrument.items.length} items of ${instrument.code}.`] });
  }
  const band = bandFor(instrument, total);
  return { total, subscales, band: { code: band.code, label: band.label, concern: band.concern }, selfHarm };
}

function enteredSubscales(instrument: Instrument, entered: Record<string, number | null>, fail: (field: string, message: string) => void) {
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(entered)) {
    if (value === null || value === undefined) continue;
    if (!instrument.subscales.some((s) => s.code === key && !s.items)) fail(`subscale.${key}`, "Not a subscale of this instrument.");
  }
  for (const subscale of instrument.subscales) {
    const value = entered[subscale.code];
    if (value === null || value === undefined) continue;
    if (!isWhole(value) || value < subscale.min || value > subscale.max) {
      fail(`subscale.${subscale.code}`, `Enter a whole number from ${subscale.min} to ${subscale.max}.`);
    } else result[subscale.code] = value;
  }
  return result;
}

export type Change = "improved" | "worse" | "no_change";

/** Whether a later score is better than an earlier one, the way the instrument counts better. */
export function change(direction: Direction, first: number, latest: number): Change {
  if (latest === first) return "no_change";
  return (direction === "lower_is_better" ? latest < first : latest > first) ? "improved" : "worse";
}

export const changeLabels: Record<Change, string> = { improved: "Improved", worse: "Worse", no_change: "No change" };
