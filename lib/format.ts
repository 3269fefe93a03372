import { format, parseISO } from "date-fns";

export const formatDate = (date: Date) => format(date, "d MMM yyyy");
export const formatDateTime = (date: Date) => format(date, "d MMM yyyy, HH:mm");
export const formatMonth = (isoDay: string) => format(parseISO(isoDay), "MMM yyyy");
const dayLabels = new Map<string, string>();
const DAY_LABELS_KEPT = 10_000;

/**
 * A calendar day stored as YYYY-MM-DD, read as that day wherever the reader is. Labels are kept:
 * a list formats the same few hundred days on every page, and formatting costs far more than a
 * lookup (100 days: 0.6 ms against 0.01 ms, docs/performance.md).
 */
export function formatDay(isoDay: string): string {
  let label = dayLabels.get(isoDay);
  if (label === undefined) {
    if (dayLabels.size >= DAY_LABELS_KEPT) dayLabels.clear();
    label = formatDate(parseISO(isoDay));
    dayLabels.set(isoDay, label);
  }
  return label;
}
export const formatTime = (date: Date) => format(date, "HH:mm");
/** A part of a whole in percent, to one decimal (halves up); null when the whole is zero. */
export const percentOf = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : null);
