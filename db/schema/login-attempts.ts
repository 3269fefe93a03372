import { bigint, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const loginOutcomeEnum = pgEnum("login_outcome", ["success", "failure", "throttled"]);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // Normalised address as typed, whether or not an account has it, so unknown addresses throttle too.
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    outcome: loginOutcomeEnum("outcome").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_email_time_idx").on(t.email, t.attemptedAt),
    index("login_attempts_ip_time_idx").on(t.ip, t.attemptedAt),
  ],
);
