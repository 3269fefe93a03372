import { z } from "zod";
import { optional, pastDay } from "../dates";
import { id, text } from "../validation";
import { instrumentCodes, instruments } from "./instruments";

const MAX_ITEMS = Math.max(...instruments.map((i) => i.items.length));
const subscaleCodes = [...new Set(instruments.flatMap((i) => i.subscales.filter((s) => !s.items).map((s) => s.code)))];
const whole = optional(z.coerce.number("Enter a number.").int("Enter a whole number."));

const itemFields = Object.fromEntries(Array.from({ length: MAX_ITEMS }, (_, n) => [`item${n + 1}`, whole.optional()]));
const subscaleFields = Object.fromEntries(subscaleCodes.map((code) => [`subscale.${code}`, whole.optional()]));

/**
 * A result as posted by the measure form: item answers (item1…itemN) or, where the instrument
 * allows, a total with optional subscale totals. Ranges are checked by the instrument's scoring.
 */
export const recordMeasureInput = z
  .strictObject({
    caseId: id(),
    instrument: z.enum(instrumentCodes, "Choose an instrument."),
    administeredOn: pastDay("date administered"),
    total: whole.optional(),
    ...itemFields,
    ...subscaleFields,
    supersedes: optional(id()).optional(),
    correctionReason: optional(text(500)).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.supersedes && !input.correctionReason) {
      ctx.addIssue({ code: "custom", path: ["correctionReason"], message: "Say why the earlier result is being corrected." });
    }
  })
  .transform((input) => {
    const fields = input as Record<string, unknown>;
    const items = Array.from({ length: MAX_ITEMS }, (_, n) => (fields[`item${n + 1}`] as number | null | undefined) ?? null);
    const last = items.findLastIndex((value) => value !== null);
    return {
      caseId: input.caseId,
      instrument: input.instrument,
      administeredOn: input.administeredOn,
      responses: {
        items: last === -1 ? null : items.slice(0, last + 1),
        total: input.total ?? null,
        subscales: Object.fromEntries(subscaleCodes.map((code) => [code, (fields[`subscale.${code}`] as number | null | undefined) ?? null])),
      },
      supersedes: input.supersedes ?? null,
      correctionReason: input.supersedes ? (input.correctionReason ?? null) : null,
    };
  });

export type RecordMeasureInput = z.output<typeof recordMeasureInput>;
