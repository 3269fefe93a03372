import { endOfMonth, format, parseISO } from "date-fns";
import { z } from "zod";

const month = (label: string) =>
  z
    .string(`Choose the ${label} month.`)
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `Enter the ${label} month as YYYY-MM.`)
    .refine((value) => value >= "2000-01", `The ${label} month is too far in the past.`);

/** A period of whole calendar months and a scope, as asked for by the screen or the API. */
export const statisticsInput = z
  .strictObject({
    from: month("first"),
    to: month("last"),
    scope: z.enum(["service", "team"], "Choose a scope.").default("service"),
    format: z.enum(["csv", "json", "xlsx"], "Choose CSV, JSON or XLSX.").default("json"),
  })
  .superRefine((input, ctx) => {
    if (input.from > input.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The last month cannot be before the first." });
    if (input.to > format(new Date(), "yyyy-MM")) ctx.addIssue({ code: "custom", path: ["to"], message: "The last month cannot be in the future." });
    const [fy, fm] = input.from.split("-").map(Number);
    const [ty, tm] = input.to.split("-").map(Number);
    if ((ty! - fy!) * 12 + (tm! - fm!) >= 120) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose at most ten years." });
  })
  .transform((input) => ({
    ...input,
    start: `${input.from}-01`,
    end: format(endOfMonth(parseISO(`${input.to}-01`)), "yyyy-MM-dd"),
  }));

export type StatisticsInput = z.output<typeof statisticsInput>;
