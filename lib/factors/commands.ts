import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { factorCategories, factors } from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { isUniqueViolation, transaction } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import type { createFactorInput, renameFactorInput, retireFactorInput } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

const duplicateName = () => invalid("Some fields need attention.", { name: ["This category already has a factor with this name."] });

async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

export async function createFactor(actor: Actor, input: Input<typeof createFactorInput>, context: RequestContext) {
  assertCan(actor, "factors.manage");
  return uniqueName(() =>
    transaction(async (tx) => {
      const [category] = await tx.select({ id: factorCategories.id }).from(factorCategories).where(eq(factorCategories.id, input.categoryId));
      if (!category) throw invalid("Some fields need attention.", { categoryId: ["Choose an existing category."] });
      const [factor] = await tx
        .insert(factors)
        .values({
          categoryId: input.categoryId,
          name: input.name,
          // A stable code for exports, independent of later renames.
          code: sql`'custom_' || replace(gen_random_uuid()::text, '-', '')`,
          sortOrder: sql`(select coalesce(max(${factors.sortOrder}), 0) + 1 from ${factors} where ${factors.categoryId} = ${input.categoryId})`,
        })
        .returning({ id: factors.id });
      await audit(tx, { actor, action: "factor.create", entityType: "factor", entityId: factor!.id, outcome: "success" }, context);
      return { factorId: factor!.id };
    }),
  );
}

export async function renameFactor(actor: Actor, input: Input<typeof renameFactorInput>, context: RequestContext) {
  assertCan(actor, "factors.manage");
  return uniqueName(() =>
    transaction(async (tx) => {
      const [updated] = await tx
        .update(factors)
        .set({ name: input.name, updatedAt: sql`now()`, version: sql`${factors.version} + 1` })
        .where(and(eq(factors.id, input.factorId), eq(factors.version, input.version)))
        .returning({ id: factors.id });
      if (!updated) await missingOrStale(tx, input.factorId);
      await audit(tx, { actor, action: "factor.rename", entityType: "factor", entityId: input.factorId, outcome: "success" }, context);
    }),
  );
}

/** Retiring hides a factor from new tagging; cases that carry it keep it. */
export async function setFactorRetired(actor: Actor, input: Input<typeof retireFactorInput>, context: RequestContext) {
  assertCan(actor, "factors.manage");
  return transaction(async (tx) => {
    const [updated] = await tx
      .update(factors)
      .set({ retiredAt: input.retired ? sql`now()` : null, updatedAt: sql`now()`, version: sql`${factors.version} + 1` })
      .where(and(eq(factors.id, input.factorId), eq(factors.version, input.version)))
      .returning({ id: factors.id });
    if (!updated) await missingOrStale(tx, input.factorId);
    await audit(
      tx,
      { actor, action: input.retired ? "factor.retire" : "factor.restore", entityType: "factor", entityId: input.factorId, outcome: "success" },
      context,
    );
  });
}

async function missingOrStale(tx: Tx, factorId: string): Promise<never> {
  const [exists] = await tx.select({ id: factors.id }).from(factors).where(eq(factors.id, factorId));
  throw exists ? conflict() : notFound("That factor");
}
