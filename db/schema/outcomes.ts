import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { cases } from "./cases";

export const directionEnum = pgEnum("measure_direction", ["lower_is_better", "higher_is_better"]);

/**
 * One administration of an instrument. The total, subscales, band and direction are stored as
 * scored at the time, so a later change to a definition never rewrites history. A result is
 * corrected only by a new one that supersedes it; the old one stays, marked.
 */
export const measureResults = pgTable(
  "measure_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    instrument: text("instrument").notNull(),
    administeredOn: date("administered_on", { mode: "string" }).notNull(),
    items: integer("items").array(),
    total: integer("total").notNull(),
    subscales: jsonb("subscales").$type<Record<string, number>>().notNull().default({}),
    bandCode: text("band_code").notNull(),
    bandLabel: text("band_label").notNull(),
    concern: boolean("concern").notNull(),
    direction: directionEnum("direction").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => accounts.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    // Set on the new result: the one it corrects, and why.
    supersedes: uuid("supersedes").references((): AnyPgColumn => measureResults.id),
    correctionReason: text("correction_reason"),
    // Set on the old result when a correction replaces it.
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    index("measure_results_case_idx").on(t.caseId, t.instrument, t.administeredOn),
    uniqueIndex("measure_results_supersedes_key").on(t.supersedes),
    check("measure_results_correction_reason", sql`(${t.supersedes} is null) = (${t.correctionReason} is null)`),
  ],
);

/**
 * Each case's first and latest observation per instrument (days out of home from notes too), kept
 * by triggers in the same transaction as the result or note that changes it (migration 0012).
 * Reports and statistics over a period that ends today read this instead of every observation.
 * `first` and `latest` are chronological keys (lib/reports/chronological.ts): [day, time, value].
 * Their values are also kept as plain columns, so a report reads them from a narrow covering index
 * rather than every row's arrays. Migration 0014 writes that index by hand (drizzle-orm cannot
 * declare INCLUDE columns), and `outcome_value`, the SQL function that reads a key's value.
 */
export const outcomeSummaries = pgTable(
  "outcome_summaries",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    instrument: text("instrument").notNull(),
    direction: text("direction"),
    observations: integer("observations").notNull(),
    first: bigint("first", { mode: "number" }).array(),
    latest: bigint("latest", { mode: "number" }).array(),
    firstValue: integer("first_value").generatedAlwaysAs(sql`outcome_value(first)`),
    latestValue: integer("latest_value").generatedAlwaysAs(sql`outcome_value(latest)`),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.instrument] })],
);

export const milestoneEnum = pgEnum("milestone", [
  "family_engaged",
  "accepts_contact",
  "accepts_home_visit",
  "leaves_room_regularly",
  "out_1_day_week",
  "out_2_3_days_week",
  "out_4_days_week",
  "attends_group",
  "visits_office",
  "tries_activity",
  "sustained_school_work",
]);

/** A step of the ladder reached on a case. Undoing it keeps the row, with who removed it and why. */
export const caseMilestones = pgTable(
  "case_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    milestone: milestoneEnum("milestone").notNull(),
    reachedOn: date("reached_on", { mode: "string" }).notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => accounts.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedBy: uuid("removed_by").references(() => accounts.id),
    removalReason: text("removal_reason"),
  },
  (t) => [
    uniqueIndex("case_milestones_current_key").on(t.caseId, t.milestone).where(sql`${t.removedAt} is null`),
    // The case page lists removed steps too, which the partial key above cannot find.
    index("case_milestones_case_idx").on(t.caseId, t.reachedOn),
    check("case_milestones_removal_complete", sql`(${t.removedAt} is null) = (${t.removedBy} is null and ${t.removalReason} is null)`),
  ],
);

export type Milestone = (typeof milestoneEnum.enumValues)[number];
export type MeasureResult = typeof measureResults.$inferSelect;
