import "server-only";
import { asc, count, eq, isNull, sql } from "drizzle-orm";
import { caseFactors, factorCategories, factors } from "@/db/schema";
import type { Actor } from "../actor";
import { getDb } from "../db";
import { assertCan } from "../policy";

export type Factor = { id: string; name: string; retired: boolean; version: number };
export type FactorCategory = { id: string; name: string; factors: Factor[] };

/**
 * The taxonomy by category, retired factors included (old cases still carry them). It is read on
 * every case list and case page, so it holds the taxonomy alone: how often each factor is used is
 * a service-wide figure for administrators (`factorUsage`), not something every counsellor's
 * browser needs, and counting it cost each of those pages a scan of every case's tags.
 */
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
    })
    .from(factorCategories)
    .leftJoin(factors, eq(factors.categoryId, factorCategories.id))
    .orderBy(asc(factorCategories.sortOrder), asc(factors.sortOrder), asc(factors.name));
  const categories = new Map<string, FactorCategory>();
  for (const row of rows) {
    const category = categories.get(row.categoryId) ?? { id: row.categoryId, name: row.categoryName, factors: [] };
    categories.set(row.categoryId, category);
    if (row.id) category.factors.push({ id: row.id, name: row.name!, retired: row.retired, version: row.version! });
  }
  return [...categories.values()];
}

/** Open tags per factor across all cases, for the administrators who curate the taxonomy; no case is identified. */
export async function factorUsage(actor: Actor): Promise<Map<string, number>> {
  assertCan(actor, "factors.manage");
  const db = await getDb();
  const rows = await db
    .select({ factorId: caseFactors.factorId, tags: count() })
    .from(caseFactors)
    .where(isNull(caseFactors.removedAt))
    .groupBy(caseFactors.factorId);
  return new Map(rows.map((row) => [row.factorId, row.tags]));
}
