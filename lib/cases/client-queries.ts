import "server-only";
import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { cases, clientContacts, clients } from "@/db/schema";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { getDb } from "../db";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import { likePattern, searchText } from "../validation";
import { caseNotFound, caseScope } from "./scope";

/** The client's identity and contacts: each reveal is audited. */
export async function revealIdentity(actor: Actor, caseId: string, context: RequestContext) {
  assertCan(actor, "cases.reveal-identity");
  const db = await getDb();
  const [client] = await db
    .select({
      id: clients.id,
      givenName: clients.givenName,
      familyName: clients.familyName,
      preferredName: clients.preferredName,
      dateOfBirth: clients.dateOfBirth,
      phone: clients.phone,
      email: clients.email,
      address: clients.address,
      sexGender: clients.sexGender,
      regionCode: clients.regionCode,
      statsConsent: clients.statsConsent,
      statsConsentDate: clients.statsConsentDate,
      version: clients.version,
    })
    .from(cases)
    .innerJoin(clients, eq(clients.id, cases.clientId))
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  if (!client) throw caseNotFound(caseId);
  const contacts = await db
    .select({
      id: clientContacts.id,
      relationship: clientContacts.relationship,
      name: clientContacts.name,
      phone: clientContacts.phone,
      email: clientContacts.email,
      mayContact: clientContacts.mayContact,
    })
    .from(clientContacts)
    .where(eq(clientContacts.clientId, client.id))
    .orderBy(asc(clientContacts.createdAt));
  await auditAlone({ actor, action: "case.identity.reveal", entityType: "client", entityId: client.id, caseId, outcome: "success" }, context);
  const { id: _, ...identity } = client;
  return { ...identity, contacts };
}

/** Clients the person already works with (through a case in scope), to open a new case for a returning client. */
export async function findClients(actor: Actor, query: string, context: RequestContext) {
  assertCan(actor, "cases.create");
  // Control characters are dropped like in every other search box; PostgreSQL refuses a NUL outright.
  const q = searchText(200).parse(query);
  if (q.length < 2) return [];
  const db = await getDb();
  const rows = await db
    .selectDistinctOn([clients.id], {
      id: clients.id,
      name: sql<string>`concat_ws(' ', ${clients.givenName}, ${clients.familyName})`,
      preferredName: clients.preferredName,
      birthYear: sql<string | null>`to_char(${clients.dateOfBirth}, 'YYYY')`,
      latestReference: cases.reference,
    })
    .from(clients)
    .innerJoin(cases, eq(cases.clientId, clients.id))
    .where(
      and(
        caseScope(actor),
        or(ilike(clients.givenName, likePattern(q)), ilike(clients.familyName, likePattern(q)), ilike(clients.preferredName, likePattern(q)), ilike(cases.reference, likePattern(q))),
      ),
    )
    .orderBy(clients.id, desc(cases.referralDate))
    .limit(20);
  await auditAlone({ actor, action: "clients.search", entityType: "client", outcome: "success", details: { searched: true, results: rows.length } }, context);
  return rows;
}
