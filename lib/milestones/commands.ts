import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { caseMilestones } from "@/db/schema";
import type { Actor } from "../actor";
import { caseChange, fieldError } from "../cases/change";
import { isUniqueViolation } from "../db";
import { DomainError, invalid, notFound } from "../errors";
import type { RequestContext } from "../request";
import type { recordMilestoneInput, removeMilestoneInput } from "./schemas";

const closedCase = () => invalid("This case is closed. Reopen it to change its milestones.");

/** A step reached, on a day between the referral and today. */
export async function recordMilestone(actor: Actor, input: z.output<typeof recordMilestoneInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "milestone.record", context, "outcomes.record", async (tx, current) => {
    if (current.status === "closed") throw closedCase();
    if (input.reachedOn < current.referralDate) throw fieldError("reachedOn", "The date cannot be before the referral.");
    try {
      const [row] = await tx
        .insert(caseMilestones)
        .values({ caseId: input.caseId, milestone: input.milestone, reachedOn: input.reachedOn, note: input.note ?? null, recordedBy: actor.id })
        .returning({ id: caseMilestones.id });
      return { entityType: "milestone", entityId: row!.id, details: { milestone: input.milestone } };
    } catch (error) {
      // Said in the form's message: each step has its own small form, with no field for the milestone itself.
      if (isUniqueViolation(error)) throw invalid("This milestone is already recorded on the case. Reload to see it.");
      throw error;
    }
  });
}

/** Undoing a milestone keeps it, marked removed, with who removed it and why. */
export async function removeMilestone(actor: Actor, input: z.output<typeof removeMilestoneInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "milestone.remove", context, "outcomes.record", async (tx, current) => {
    if (current.status === "closed") throw closedCase();
    const [row] = await tx
      .select({ milestone: caseMilestones.milestone, removedAt: caseMilestones.removedAt })
      .from(caseMilestones)
      .where(and(eq(caseMilestones.id, input.milestoneId), eq(caseMilestones.caseId, input.caseId)))
      .for("update");
    if (!row) throw notFound("That milestone", { entityType: "milestone", entityId: input.milestoneId, caseId: input.caseId });
    if (row.removedAt) throw new DomainError("Conflict", "This milestone was already removed. Reload to see the current ladder.");
    await tx
      .update(caseMilestones)
      .set({ removedAt: sql`now()`, removedBy: actor.id, removalReason: input.reason })
      .where(eq(caseMilestones.id, input.milestoneId));
    return { entityType: "milestone", entityId: input.milestoneId, details: { milestone: row.milestone } };
  });
}
