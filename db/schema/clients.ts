import { boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

export const sexGenderEnum = pgEnum("sex_gender", ["female", "male", "non_binary", "other", "not_stated"]);
export const contactRelationshipEnum = pgEnum("contact_relationship", [
  "mother",
  "father",
  "parent",
  "sibling",
  "grandparent",
  "partner",
  "other_relative",
  "friend",
  "professional",
  "other",
]);

// Identity lives apart from the clinical record: only the case page's audited "show identity"
// reads these columns; statistics use only sex/gender, region and consent.
export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name"),
    preferredName: text("preferred_name"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    sexGender: sexGenderEnum("sex_gender").notNull().default("not_stated"),
    regionCode: text("region_code"),
    statsConsent: boolean("stats_consent").notNull().default(false),
    statsConsentDate: date("stats_consent_date", { mode: "string" }),
    createdBy: uuid("created_by").references(() => accounts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("clients_family_name_idx").on(t.familyName)],
);

/** Family and support contacts: in hikikomori support often the first, and for months the only, contact. */
export const clientContacts = pgTable(
  "client_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    relationship: contactRelationshipEnum("relationship").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    mayContact: boolean("may_contact").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("client_contacts_client_idx").on(t.clientId)],
);

export type Client = typeof clients.$inferSelect;
export type ClientContact = typeof clientContacts.$inferSelect;
