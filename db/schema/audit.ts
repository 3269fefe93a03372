import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditOutcomeEnum = pgEnum("audit_outcome", ["success", "failure", "denied"]);

// Append-only (a trigger refuses UPDATE and DELETE). Each row carries the SHA-256 of the
// previous row's hash plus its own content, so any edit breaks the chain from that row on.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    caseId: uuid("case_id"),
    outcome: auditOutcomeEnum("outcome").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    // Identifiers and field names only: never clinical content or secrets.
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_time_idx").on(t.occurredAt),
    index("audit_events_actor_idx").on(t.actorId, t.occurredAt),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_case_idx").on(t.caseId, t.occurredAt),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
