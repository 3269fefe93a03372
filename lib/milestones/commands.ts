import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { caseMilestones } from "@/db/schema";
import type { Actor } from "../actor";
import { caseChange, fieldError } from "../cases/change";
import { isUniqueViolation } from "../db";
import { DomainError } from "../errors";
import type { RequestContext } from "../request";
import type { recordMilestoneInput, removeMilestoneInput } from "./schemas";

/** A step reached, on a day between the referral and today. */
export async function recordMilestone(actor: Actor, input: z.output<typeof recordMilestoneInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "milestone.record", context, "outcomes.record", async (tx, current) => {
    if (input.reachedOn < current.referralDate) throw fieldError("reachedOn", "The date cannot be before the referral.");
    try {
      const [row] = await tx
        .insert(caseMilestones)
        .values({ caseId: input.caseId, milestone: input.milestone, reachedOn: input.reachedOn, note: input.note ?? null, recordedBy: actor.id })
        .returning({ id: caseMilestones.id });
      return { entityType: "milestone", entityId: row!.id, details: { milestone: input.milestone } };
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldError("milestone", "This milestone is already recorded on the case.");
      throw error;
    }
  });
}

/** Undoing a milestone keeps it, marked removed, with who removed it and why. */
export async function removeMilestone(actor: Actor, input: z.output<typeof removeMilestoneInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "milestone.remove", context, "outcomes.record", async (tx) => {
    const [removed] = await tx
      .update(caseMilestones)
      .set({ removedAt: sql`now()`, removedBy: actor.id, removalReason: input.reason })
      .where(and(eq(caseMilestones.id, input.milestoneId), eq(caseMilestones.caseId, input.caseId), isNull(caseMilestones.removedAt)))
      .returning({ milestone: caseMilestones.milestone });
    if (!removed) throw new DomainError("Conflict", "This milestone was already removed. Reload to see the current ladder.");
    return { entityType: "milestone", entityId: input.milestoneId, details: { milestone: removed.milestone } };
  });
}
