import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { teams } from "./teams";

export const roleEnum = pgEnum("account_role", ["counsellor", "supervisor", "admin", "analyst"]);
export const accountStatusEnum = pgEnum("account_status", ["active", "deactivated"]);

export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    teamId: uuid("team_id").references(() => teams.id),
    status: accountStatusEnum("status").notNull().default("active"),
    // Null until the person follows their set-password link: admins never choose a password.
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("accounts_email_lower_key").on(sql`lower(${t.email})`),
    index("accounts_team_idx").on(t.teamId),
    check(
      "accounts_team_required",
      sql`${t.role} not in ('counsellor', 'supervisor') or ${t.teamId} is not null`,
    ),
    check("accounts_email_lowercase", sql`${t.email} = lower(${t.email})`),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
export type AccountStatus = (typeof accountStatusEnum.enumValues)[number];
