import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

/** Service-wide settings an administrator changes: one row. */
export const serviceSettings = pgTable(
  "service_settings",
  {
    id: integer("id").primaryKey().default(1),
    statisticsThreshold: integer("statistics_threshold").notNull().default(10),
    supervisorsSeeService: boolean("supervisors_see_service").notNull().default(false),
    researchK: integer("research_k").notNull().default(5),
    updatedBy: uuid("updated_by").references(() => accounts.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("service_settings_single_row", sql`${t.id} = 1`),
    // Never below 5: smaller published counts identify people (docs/domain.md).
    check("service_settings_threshold", sql`${t.statisticsThreshold} between 5 and 100`),
    check("service_settings_research_k", sql`${t.researchK} between 5 and 100`),
  ],
);
