import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  time,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { cases, modalityEnum } from "./cases";

export const attendeeEnum = pgEnum("note_attendee", ["client", "family", "other_professional"]);
export const noteTemplateEnum = pgEnum("note_template", ["soap", "dap", "free"]);
export const noteStatusEnum = pgEnum("note_status", ["draft", "signed"]);

/** Section name → text; which sections exist depends on the template. */
export type NoteContent = Record<string, string>;

/**
 * A session note. Once signed, a trigger refuses any change except the supervisor's review, and
 * no note is ever deleted; corrections are addenda.
 */
export const sessionNotes = pgTable(
  "session_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => accounts.id),
    sessionDate: date("session_date", { mode: "string" }).notNull(),
    startTime: time("start_time"),
    durationMinutes: integer("duration_minutes").notNull(),
    modality: modalityEnum("modality").notNull(),
    attendees: attendeeEnum("attendees").array().notNull(),
    template: noteTemplateEnum("template").notNull(),
    content: jsonb("content").$type<NoteContent>().notNull(),
    daysOut: integer("days_out"),
    rarelyLeavesRoom: boolean("rarely_leaves_room"),
    nextContactOn: date("next_contact_on", { mode: "string" }),
    nextContactModality: modalityEnum("next_contact_modality"),
    status: noteStatusEnum("status").notNull().default("draft"),
    signedBy: uuid("signed_by").references(() => accounts.id),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    contentHash: text("content_hash"),
    reviewedBy: uuid("reviewed_by").references(() => accounts.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewComment: text("review_comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("session_notes_case_date_idx").on(t.caseId, t.sessionDate),
    index("session_notes_author_status_idx").on(t.authorId, t.status),
    index("session_notes_unreviewed_idx").on(t.signedAt).where(sql`${t.status} = 'signed' and ${t.reviewedAt} is null`),
    check("session_notes_duration", sql`${t.durationMinutes} between 1 and 600`),
    check("session_notes_days_out", sql`${t.daysOut} between 0 and 7`),
    check("session_notes_attendees", sql`cardinality(${t.attendees}) between 1 and 3`),
    check("session_notes_next_contact", sql`(${t.nextContactOn} is null) = (${t.nextContactModality} is null)`),
    check(
      "session_notes_signed_complete",
      sql`(${t.status} = 'signed') = (${t.signedBy} is not null and ${t.signedAt} is not null and ${t.contentHash} is not null)`,
    ),
    check("session_notes_review_signed", sql`${t.reviewedAt} is null or ${t.status} = 'signed'`),
  ],
);

/** A correction or addition to a signed note: appended, never changed. */
export const noteAddenda = pgTable(
  "note_addenda",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    noteId: uuid("note_id")
      .notNull()
      .references(() => sessionNotes.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    reason: text("reason").notNull(),
    body: text("body").notNull(),
  },
  (t) => [index("note_addenda_note_idx").on(t.noteId, t.createdAt)],
);

export type Modality = (typeof modalityEnum.enumValues)[number];
export type NoteTemplate = (typeof noteTemplateEnum.enumValues)[number];
export type SessionNote = typeof sessionNotes.$inferSelect;
