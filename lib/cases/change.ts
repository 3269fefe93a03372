import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { cases } from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { transaction } from "../db";
import { invalid } from "../errors";
import { assertCan, type Permission } from "../policy";
import type { RequestContext } from "../request";
import { loadCaseForUpdate } from "./scope";

export type Input<S extends z.ZodType> = z.output<S>;

export const fieldError = (field: string, message: string) => invalid("Some fields need attention.", { [field]: [message] });

type CaseRow = Awaited<ReturnType<typeof loadCaseForUpdate>>;
type Audited = { entityType: string; entityId: string; details?: Record<string, string> };

/**
 * A change to something a case owns (factors, flags, contacts): the case is loaded in scope and
 * locked, the change made, the case marked as updated and the change audited, in one transaction.
 */
export function caseChange(
  actor: Actor,
  caseId: string,
  action: string,
  context: RequestContext,
  permission: Permission,
  work: (tx: Tx, current: CaseRow) => Promise<Audited>,
) {
  assertCan(actor, permission);
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, caseId);
    const subject = await work(tx, current);
    await tx.update(cases).set({ updatedAt: sql`now()` }).where(eq(cases.id, caseId));
    await audit(tx, { actor, action, caseId, outcome: "success", ...subject }, context);
  });
}

