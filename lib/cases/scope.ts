import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { cases } from "@/db/schema";
import type { Actor } from "../actor";
import { notFound } from "../errors";

/**
 * The cases this person may see, as SQL: a counsellor's own assigned cases, a supervisor's
 * team's cases, nothing for anyone else. Every case query is filtered by this.
 */
export function caseScope(actor: Actor): SQL {
  if (actor.role === "counsellor") return eq(cases.counsellorId, actor.id);
  if (actor.role === "supervisor" && actor.teamId) return eq(cases.teamId, actor.teamId);
  return sql`false`;
}

export const caseNotFound = (caseId: string) =>
  notFound("That case", { entityType: "case", entityId: caseId, caseId });

/** Loads a case only if it is in scope (locking it for the write that follows); otherwise "not found". */
export async function loadCaseForUpdate(tx: Executor, actor: Actor, caseId: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(actor)))
    .for("update");
  if (!row) throw caseNotFound(caseId);
  return row;
}
