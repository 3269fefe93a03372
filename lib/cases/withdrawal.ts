import { differenceInCalendarMonths, parseISO } from "date-fns";

export type WithdrawalStage = "pre_hikikomori" | "hikikomori" | "under_3_months";

/**
 * Months of withdrawal from its onset month to a given day, and where that stands against the
 * proposed criteria (Kato, Kanba & Teo 2020): at least 6 months meets the duration criterion,
 * 3 to under 6 months is "pre-hikikomori".
 */
export function withdrawalDuration(onset: string, asOf: string | Date): { months: number; stage: WithdrawalStage } {
  const months = Math.max(0, differenceInCalendarMonths(typeof asOf === "string" ? parseISO(asOf) : asOf, parseISO(onset)));
  const stage = months >= 6 ? "hikikomori" : months >= 3 ? "pre_hikikomori" : "under_3_months";
  return { months, stage };
}

export function formatMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts = [years ? `${years} year${years === 1 ? "" : "s"}` : "", rest || !years ? `${rest} month${rest === 1 ? "" : "s"}` : ""];
  return parts.filter(Boolean).join(" ");
}

export const stageLabels: Record<WithdrawalStage, string> = {
  hikikomori: "meets the ≥ 6-month criterion",
  pre_hikikomori: "pre-hikikomori (3 to under 6 months)",
  under_3_months: "under 3 months",
};
