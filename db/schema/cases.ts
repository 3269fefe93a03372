import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { clients } from "./clients";
import { teams } from "./teams";

export const caseStatusEnum = pgEnum("case_status", ["referred", "assessment", "active", "paused", "closed"]);
export const referralSourceEnum = pgEnum("referral_source", [
  "self",
  "family",
  "school",
  "health_service",
  "social_services",
  "employment_service",
  "other",
]);
export const livingSituationEnum = pgEnum("living_situation", [
  "with_parents",
  "with_other_family",
  "alone",
  "with_partner",
  "shared_housing",
  "supported_housing",
  "other",
]);
export const riskLevelEnum = pgEnum("risk_level", ["low", "medium", "high"]);
export const closureOutcomeEnum = pgEnum("closure_outcome", [
  "returned_to_education",
  "returned_to_employment",
  "community_activity",
  "improved_still_withdrawn",
  "no_change",
  "lost_contact",
  "transferred",
  "moved_away",
  "other",
]);
// How a session or contact happens; family sessions are held without the client.
export const modalityEnum = pgEnum("note_modality", [
  "home_visit",
  "office",
  "phone",
  "video",
  "online_message",
  "family_session",
  "group",
]);
export const flagKindEnum = pgEnum("flag_kind", ["self_harm_risk", "safeguarding", "family_in_crisis", "other"]);

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Human reference for phone calls and paper: never derived from the client's name.
    reference: text("reference").notNull().unique(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    counsellorId: uuid("counsellor_id")
      .notNull()
      .references(() => accounts.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    status: caseStatusEnum("status").notNull().default("referred"),
    referralSource: referralSourceEnum("referral_source").notNull(),
    referralDate: date("referral_date", { mode: "string" }).notNull(),
    // Month precision: the first day of the month withdrawal began.
    withdrawalOnset: date("withdrawal_onset", { mode: "string" }),
    livingSituation: livingSituationEnum("living_situation"),
    riskLevel: riskLevelEnum("risk_level").notNull().default("low"),
    closedOn: date("closed_on", { mode: "string" }),
    closureOutcome: closureOutcomeEnum("closure_outcome"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    // Kept on the row by the notes that change them, so lists can sort and filter without joins.
    // Days, not instants: a session is recorded on the calendar day it happened.
    lastContactOn: date("last_contact_on", { mode: "string" }),
    nextContactOn: date("next_contact_on", { mode: "string" }),
    nextContactModality: modalityEnum("next_contact_modality"),
    createdBy: uuid("created_by").references(() => accounts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    // Random per case, set at creation and never shown: the cell-key perturbation of published
    // statistics sums these (lib/statistics/disclosure.ts).
    recordKey: integer("record_key").notNull().default(sql`floor(random() * 256)::int`),
  },
  (t) => [
    check("cases_record_key_range", sql`${t.recordKey} between 0 and 255`),
    // Migration 0014 rewrote this index by hand with INCLUDE columns for the caseload report.
    index("cases_counsellor_status_idx").on(t.counsellorId, t.status),
    // Migration 0016 rewrote this index by hand with INCLUDE columns for the team's case list.
    index("cases_team_status_idx").on(t.teamId, t.status),
    index("cases_client_idx").on(t.clientId),
    index("cases_referral_date_idx").on(t.referralDate),
    check(
      "cases_closure_complete",
      sql`(${t.status} = 'closed') = (${t.closureOutcome} is not null and ${t.closedOn} is not null)`,
    ),
  ],
);

export const caseStatusHistory = pgTable(
  "case_status_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    fromStatus: caseStatusEnum("from_status"),
    toStatus: caseStatusEnum("to_status").notNull(),
    reason: text("reason"),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => accounts.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Migration 0014 adds, by hand, an index on changed_at with INCLUDE columns for the status flow.
  (t) => [index("case_status_history_case_idx").on(t.caseId, t.changedAt)],
);

export const caseAssignments = pgTable(
  "case_assignments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    counsellorId: uuid("counsellor_id")
      .notNull()
      .references(() => accounts.id),
    assignedBy: uuid("assigned_by")
      .notNull()
      .references(() => accounts.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("case_assignments_case_idx").on(t.caseId, t.assignedAt)],
);

/** Flags stay until someone resolves them; resolving keeps the row. */
export const caseFlags = pgTable(
  "case_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: flagKindEnum("kind").notNull(),
    raisedBy: uuid("raised_by")
      .notNull()
      .references(() => accounts.id),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid("resolved_by").references(() => accounts.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("case_flags_case_idx").on(t.caseId)],
);

/** One counter per year for TSU-YYYY-NNNN references, bumped inside the creating transaction. */
export const caseReferenceCounters = pgTable("case_reference_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

export type CaseStatus = (typeof caseStatusEnum.enumValues)[number];
export type Case = typeof cases.$inferSelect;
