import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { caseFactors, factorCategories, factors } from "@/db/schema";
import type { Actor } from "../actor";
import { getDb } from "../db";
import { assertCan } from "../policy";

export type FactorCategory = {
  id: string;
  name: string;
  factors: { id: string; name: string; retired: boolean; version: number; inUse: number }[];
};

/** The taxonomy by category, retired factors included (old cases still carry them). */
export async function factorCatalogue(actor: Actor): Promise<FactorCategory[]> {
  assertCan(actor, "factors.read");
  const db = await getDb();
  const rows = await db
    .select({
      categoryId: factorCategories.id,
      categoryName: factorCategories.name,
      id: factors.id,
      name: factors.name,
      retired: sql<boolean>`${factors.retiredAt} is not null`,
      version: factors.version,
      // Counts across all cases: a taxonomy figure for administrators, no case is identified.
      inUse: sql<number>`(select count(*) from ${caseFactors} where ${caseFactors.factorId} = ${factors.id} and ${caseFactors.removedAt} is null)`.mapWith(Number),
    })
    .from(factorCategories)
    .leftJoin(factors, eq(factors.categoryId, factorCategories.id))
    .orderBy(asc(factorCategories.sortOrder), asc(factors.sortOrder), asc(factors.name));
  const categories = new Map<string, FactorCategory>();
  for (const row of rows) {
    const category = categories.get(row.categoryId) ?? { id: row.categoryId, name: row.categoryName, factors: [] };
    categories.set(row.categoryId, category);
    if (row.id) category.factors.push({ id: row.id, name: row.name!, retired: row.retired, version: row.version!, inUse: row.inUse });
  }
  return [...categories.values()];
}
