import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { caseFactors, factors } from "@/db/schema";
import type { Actor } from "../actor";
import type { RequestContext } from "../request";
import { caseChange, fieldError, type Input } from "./change";
import type { caseFactorInput } from "./schemas";

const currentTag = (caseId: string, factorId: string) =>
  and(eq(caseFactors.caseId, caseId), eq(caseFactors.factorId, factorId), isNull(caseFactors.removedAt));

export async function tagFactor(actor: Actor, input: Input<typeof caseFactorInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.factor.add", context, "cases.update", async (tx) => {
    const [factor] = await tx
      .select({ retired: sql<boolean>`${factors.retiredAt} is not null` })
      .from(factors)
      .where(eq(factors.id, input.factorId));
    if (!factor || factor.retired) throw fieldError("factorId", "Choose a factor from the current list.");
    const [existing] = await tx.select({ id: caseFactors.id }).from(caseFactors).where(currentTag(input.caseId, input.factorId));
    if (existing) throw fieldError("factorId", "This factor is already tagged.");
    await tx.insert(caseFactors).values({ caseId: input.caseId, factorId: input.factorId, addedBy: actor.id });
    return { entityType: "factor", entityId: input.factorId };
  });
}

export async function untagFactor(actor: Actor, input: Input<typeof caseFactorInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.factor.remove", context, "cases.update", async (tx) => {
    const [removed] = await tx
      .update(caseFactors)
      .set({ removedAt: sql`now()`, removedBy: actor.id })
      .where(currentTag(input.caseId, input.factorId))
      .returning({ id: caseFactors.id });
    if (!removed) throw fieldError("factorId", "This factor is not tagged on the case.");
    return { entityType: "factor", entityId: input.factorId };
  });
}

/** At most one primary factor: marking one moves the mark from any other. */
export async function setPrimaryFactor(actor: Actor, input: Input<typeof caseFactorInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.factor.primary", context, "cases.update", async (tx) => {
    await tx
      .update(caseFactors)
      .set({ isPrimary: false })
      .where(and(eq(caseFactors.caseId, input.caseId), eq(caseFactors.isPrimary, true), isNull(caseFactors.removedAt)));
    const [marked] = await tx
      .update(caseFactors)
      .set({ isPrimary: true })
      .where(currentTag(input.caseId, input.factorId))
      .returning({ id: caseFactors.id });
    if (!marked) throw fieldError("factorId", "Tag the factor before marking it primary.");
    return { entityType: "factor", entityId: input.factorId };
  });
}
