import { addDays, format, isValid, parseISO, startOfYear, subMonths, subYears, endOfYear } from "date-fns";

export const presets = {
  "3m": "Last 3 months",
  "6m": "Last 6 months",
  "12m": "Last 12 months",
  ytd: "This year",
  "last-year": "Last year",
} as const;
export type Preset = keyof typeof presets;

export type Period = { from: string; to: string; preset: Preset | null };

const day = (date: Date) => format(date, "yyyy-MM-dd");
const isDay = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value));

export function presetPeriod(preset: Preset, today: string): Period {
  const now = parseISO(today);
  const months = { "3m": 3, "6m": 6, "12m": 12 } as const;
  if (preset === "ytd") return { from: day(startOfYear(now)), to: today, preset };
  if (preset === "last-year") {
    const last = subYears(now, 1);
    return { from: day(startOfYear(last)), to: day(endOfYear(last)), preset };
  }
  // "Last 12 months" ends today and starts the day after the same date a year ago: 365 or 366 days.
  return { from: day(addDays(subMonths(now, months[preset]), 1)), to: today, preset };
}

/**
 * The period a report covers, from the URL: a preset, or a custom from–to range (both days
 * included). Anything malformed, reversed, in the future or longer than ten years falls back to
 * the last 12 months rather than failing the page.
 */
export function resolvePeriod(params: { preset?: unknown; from?: unknown; to?: unknown }, today: string): Period {
  if (typeof params.preset === "string" && Object.hasOwn(presets, params.preset)) return presetPeriod(params.preset as Preset, today);
  const { from, to } = params;
  if (isDay(from) && isDay(to) && from <= to && to <= today && from >= day(subYears(parseISO(to), 10))) {
    return { from, to, preset: null };
  }
  return presetPeriod("12m", today);
}
