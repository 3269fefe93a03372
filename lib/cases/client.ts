import "server-only";
import { eq, sql } from "drizzle-orm";
import { clientContacts, clients } from "@/db/schema";
import type { Actor } from "../actor";
import type { RequestContext } from "../request";
import { caseChange, type Input } from "./change";
import { today } from "../dates";
import { conflict } from "../errors";
import type { contactInput, updateClientInput } from "./schemas";

export async function addContact(actor: Actor, input: Input<typeof contactInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "client.contact.add", context, "cases.update", async (tx, current) => {
    const { caseId: _, ...contact } = input;
    const [row] = await tx.insert(clientContacts).values({ ...contact, clientId: current.clientId }).returning({ id: clientContacts.id });
    return { entityType: "client_contact", entityId: row!.id };
  });
}

/**
 * Corrects the client's identity. Consent keeps the day it was first given; withdrawing it clears
 * the day. The audit names the fields changed, never their values.
 */
export async function updateClient(actor: Actor, input: Input<typeof updateClientInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "client.update", context, "cases.update", async (tx, current) => {
    const { caseId: _, version, ...values } = input;
    const [client] = await tx.select().from(clients).where(eq(clients.id, current.clientId)).for("update");
    if (!client || client.version !== version) throw conflict();
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== client[key]);
    await tx
      .update(clients)
      .set({
        ...values,
        statsConsentDate: values.statsConsent ? (client.statsConsentDate ?? today()) : null,
        updatedAt: sql`now()`,
        version: sql`${clients.version} + 1`,
      })
      .where(eq(clients.id, client.id));
    return { entityType: "client", entityId: client.id, details: { fields: changed.join(",") } };
  });
}
