import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { caseFlags } from "@/db/schema";
import type { Actor } from "../actor";
import type { RequestContext } from "../request";
import { caseChange, fieldError, type Input } from "./change";
import { DomainError } from "../errors";
import type { flagInput, resolveFlagInput } from "./schemas";

export async function raiseFlag(actor: Actor, input: Input<typeof flagInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.flag.raise", context, "cases.update", async (tx) => {
    const [open] = await tx
      .select({ id: caseFlags.id })
      .from(caseFlags)
      .where(and(eq(caseFlags.caseId, input.caseId), eq(caseFlags.kind, input.kind), isNull(caseFlags.resolvedAt)));
    if (open) throw fieldError("kind", "This flag is already open on the case.");
    const [flag] = await tx.insert(caseFlags).values({ caseId: input.caseId, kind: input.kind, raisedBy: actor.id }).returning({ id: caseFlags.id });
    return { entityType: "flag", entityId: flag!.id, details: { kind: input.kind } };
  });
}

export async function resolveFlag(actor: Actor, input: Input<typeof resolveFlagInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.flag.resolve", context, "cases.update", async (tx) => {
    const [resolved] = await tx
      .update(caseFlags)
      .set({ resolvedAt: sql`now()`, resolvedBy: actor.id })
      .where(and(eq(caseFlags.id, input.flagId), eq(caseFlags.caseId, input.caseId), isNull(caseFlags.resolvedAt)))
      .returning({ id: caseFlags.id });
    if (!resolved) throw new DomainError("Conflict", "This flag is already resolved. Reload to see the current flags.");
    return { entityType: "flag", entityId: input.flagId };
  });
}
