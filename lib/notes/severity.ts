import { DAYSOUT } from "../measures/instruments";
import { bandFor } from "../measures/scoring";

/**
 * Severity by days out of home per week (Kato, Kanba & Teo 2020): 4 or more does not meet the
 * criteria, 2–3 is mild, 1 or fewer is moderate, rarely leaving one's room is severe.
 */
export type Severity = "not_met" | "mild" | "moderate" | "severe";

export function katoSeverity(daysOut: number | null, rarelyLeavesRoom: boolean | null = null): Severity | null {
  if (rarelyLeavesRoom) return "severe";
  if (daysOut === null) return null;
  if (!Number.isInteger(daysOut) || daysOut < 0 || daysOut > 7) throw new RangeError("Days out of home per week must be 0–7.");
  return bandFor(DAYSOUT, daysOut).code as Severity;
}

export const severityLabels: Record<Severity, string> = {
  not_met: "none (4+ days out: the criteria are not met)",
  mild: "mild",
  moderate: "moderate",
  severe: "severe (rarely leaves room)",
};
