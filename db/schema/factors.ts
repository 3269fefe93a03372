import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { cases } from "./cases";

export const factorCategories = pgTable("factor_categories", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

// Retired factors stay: old cases keep their tags, new cases can no longer choose them.
export const factors = pgTable(
  "factors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => factorCategories.id),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("factors_category_name_key").on(t.categoryId, sql`lower(${t.name})`)],
);

/** A tag keeps who added and removed it and when; removing ends the row, it never deletes it. */
export const caseFactors = pgTable(
  "case_factors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    factorId: uuid("factor_id")
      .notNull()
      .references(() => factors.id),
    isPrimary: boolean("is_primary").notNull().default(false),
    addedBy: uuid("added_by")
      .notNull()
      .references(() => accounts.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
    removedBy: uuid("removed_by").references(() => accounts.id),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("case_factors_current_key").on(t.caseId, t.factorId).where(sql`${t.removedAt} is null`),
    uniqueIndex("case_factors_one_primary_key").on(t.caseId).where(sql`${t.isPrimary} and ${t.removedAt} is null`),
    index("case_factors_factor_idx").on(t.factorId).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * Each tagged case's current factors, sorted: kept by the database from case_factors (migration
 * 0013) in the tagging transaction, so reports count factor sets without grouping the tags. A
 * table of its own, not a column of cases, whose every scan it would widen.
 */
export const caseFactorSets = pgTable("case_factor_sets", {
  caseId: uuid("case_id")
    .primaryKey()
    .references(() => cases.id),
  factorIds: uuid("factor_ids").array().notNull(),
});
