import { format, isValid, parse } from "date-fns";
import { z } from "zod";

export const today = () => format(new Date(), "yyyy-MM-dd");

const isRealDate = (value: string, pattern: string) => isValid(parse(value, pattern, new Date(2000, 0, 1)));

/** A calendar day as typed in a date field (YYYY-MM-DD), checked to exist and not to be in the future. */
export const pastDay = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
    .refine((value) => isRealDate(value, "yyyy-MM-dd"), `Enter a real ${label}.`)
    .refine((value) => value >= "1900-01-01", `The ${label} is too far in the past.`)
    .refine((value) => value <= today(), `The ${label} cannot be in the future.`);

/** A month as typed in a month field (YYYY-MM), stored as its first day. */
export const pastMonth = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}$/, `Enter the ${label} as a month.`)
    .refine((value) => isRealDate(value, "yyyy-MM"), `Enter a real ${label}.`)
    .refine((value) => value >= "1950-01", `The ${label} is too far in the past.`)
    .refine((value) => value <= today().slice(0, 7), `The ${label} cannot be in the future.`)
    .transform((value) => `${value}-01`);

/**
 * An optional form field: empty, blank or absent means "not given" (null); anything else must pass
 * `schema`, whose own message is the one shown.
 */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value), schema.nullable());
