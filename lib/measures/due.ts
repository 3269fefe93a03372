import { addDays, format, parseISO } from "date-fns";

export type MeasureDue = { dueOn: string; overdue: boolean };

/**
 * When the next HQ-25 is due on an active case: `interval` days after the latest one, or now if
 * there has never been one (the baseline). Cases not active are not due anything.
 */
export function hq25Due(status: string, latestOn: string | null, referralDate: string, interval: number, today: string): MeasureDue | null {
  if (status !== "active") return null;
  const dueOn = latestOn ? format(addDays(parseISO(latestOn), interval), "yyyy-MM-dd") : referralDate;
  return { dueOn, overdue: dueOn <= today };
}
