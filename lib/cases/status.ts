import type { CaseStatus } from "@/db/schema";

/**
 * The case lifecycle: referred → assessment → active ⇄ paused, and closed from any open
 * status. Reopening a closed case is its own explicit step (it needs a reason).
 */
export const transitions: Record<CaseStatus, readonly CaseStatus[]> = {
  referred: ["assessment", "closed"],
  assessment: ["active", "closed"],
  active: ["paused", "closed"],
  paused: ["active", "closed"],
  closed: ["assessment", "active"],
};

export const canMove = (from: CaseStatus, to: CaseStatus) => transitions[from].includes(to);

export const isReopening = (from: CaseStatus, to: CaseStatus) => from === "closed" && to !== "closed";
