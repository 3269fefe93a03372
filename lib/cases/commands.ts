import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import {
  accounts,
  caseAssignments,
  caseFactors,
  caseFlags,
  caseReferenceCounters,
  cases,
  caseStatusHistory,
  clientContacts,
  clients,
  factors,
} from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { today } from "../dates";
import { transaction } from "../db";
import { conflict, DomainError, forbidden, invalid } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import type {
  assignInput,
  caseFactorInput,
  changeStatusInput,
  contactInput,
  createCaseInput,
  flagInput,
  resolveFlagInput,
  updateCaseInput,
  updateClientInput,
} from "./schemas";
import { caseScope, loadCaseForUpdate } from "./scope";
import { closureOutcomeLabels } from "./labels";
import { canMove, isReopening } from "./status";

type Input<S extends z.ZodType> = z.output<S>;

const fieldError = (field: string, message: string) => invalid("Some fields need attention.", { [field]: [message] });

/** TSU-YYYY-NNNN, numbered per year inside the creating transaction so two cases never share one. */
async function nextReference(tx: Tx): Promise<string> {
  const year = new Date().getFullYear();
  const [row] = await tx
    .insert(caseReferenceCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: caseReferenceCounters.year, set: { last: sql`${caseReferenceCounters.last} + 1` } })
    .returning({ last: caseReferenceCounters.last });
  return `TSU-${year}-${String(row!.last).padStart(4, "0")}`;
}

/** The counsellor a new case goes to: the counsellor themself, or one of the supervisor's team. */
async function counsellorFor(tx: Tx, actor: Actor, requested: string | null | undefined) {
  const counsellorId = actor.role === "counsellor" ? actor.id : requested;
  if (!counsellorId) throw fieldError("counsellorId", "Choose the counsellor who will hold this case.");
  if (actor.role === "counsellor" && requested && requested !== actor.id) throw forbidden();
  const [counsellor] = await tx
    .select({ id: accounts.id, teamId: accounts.teamId })
    .from(accounts)
    .where(and(eq(accounts.id, counsellorId), eq(accounts.role, "counsellor"), eq(accounts.status, "active")));
  if (!counsellor?.teamId || (actor.role === "supervisor" && counsellor.teamId !== actor.teamId)) {
    throw fieldError("counsellorId", "Choose an active counsellor of your team.");
  }
  return { counsellorId: counsellor.id, teamId: counsellor.teamId };
}

export async function createCase(actor: Actor, input: Input<typeof createCaseInput>, context: RequestContext) {
  assertCan(actor, "cases.create");
  return transaction(async (tx) => {
    const { counsellorId, teamId } = await counsellorFor(tx, actor, input.counsellorId);
    let clientId = input.clientId;
    if (clientId) {
      // A returning client must already be known to this person through a case in scope.
      const [known] = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.clientId, clientId), caseScope(actor)))
        .limit(1);
      if (!known) throw fieldError("clientId", "Choose a client from the search results.");
    } else {
      const [client] = await tx
        .insert(clients)
        .values({
          ...input.client!,
          statsConsentDate: input.client!.statsConsent ? today() : null,
          createdBy: actor.id,
        })
        .returning({ id: clients.id });
      clientId = client!.id;
    }
    const reference = await nextReference(tx);
    const [created] = await tx
      .insert(cases)
      .values({
        reference,
        clientId,
        counsellorId,
        teamId,
        referralSource: input.referralSource,
        referralDate: input.referralDate,
        withdrawalOnset: input.withdrawalOnset,
        livingSituation: input.livingSituation,
        riskLevel: input.riskLevel,
        createdBy: actor.id,
      })
      .returning({ id: cases.id });
    const caseId = created!.id;
    await tx.insert(caseStatusHistory).values({ caseId, fromStatus: null, toStatus: "referred", changedBy: actor.id });
    await tx.insert(caseAssignments).values({ caseId, counsellorId, assignedBy: actor.id });
    await audit(
      tx,
      { actor, action: "case.create", entityType: "case", entityId: caseId, caseId, outcome: "success", details: { newClient: !input.clientId } },
      context,
    );
    return { caseId, reference };
  });
}

async function bumpVersion(tx: Tx, caseId: string, version: number, values: Partial<typeof cases.$inferInsert> = {}) {
  const [updated] = await tx
    .update(cases)
    .set({ ...values, updatedAt: sql`now()`, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.id, caseId), eq(cases.version, version)))
    .returning({ version: cases.version });
  if (!updated) throw conflict();
  return updated.version;
}

export async function updateCase(actor: Actor, input: Input<typeof updateCaseInput>, context: RequestContext) {
  assertCan(actor, "cases.update");
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, input.caseId);
    if (current.version !== input.version) throw conflict();
    const { caseId: _, version, ...values } = input;
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== current[key]);
    await bumpVersion(tx, input.caseId, version, values);
    await audit(
      tx,
      { actor, action: "case.update", entityType: "case", entityId: input.caseId, caseId: input.caseId, outcome: "success", details: { fields: changed.join(",") } },
      context,
    );
  });
}

/** Moves a case along its lifecycle; closing records the outcome, reopening records why. */
export async function changeStatus(actor: Actor, input: Input<typeof changeStatusInput>, context: RequestContext) {
  assertCan(actor, "cases.update");
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, input.caseId);
    if (current.version !== input.version) throw conflict();
    if (!canMove(current.status, input.status)) {
      throw fieldError("status", `A case cannot move from ${current.status} to ${input.status}.`);
    }
    const reopening = isReopening(current.status, input.status);
    if (reopening && !input.reason) throw fieldError("reason", "Say why the case is being reopened.");
    const closing = input.status === "closed";
    const closedOn = closing ? (input.closedOn ?? today()) : null;
    if (closedOn && closedOn < current.referralDate) throw fieldError("closedOn", "A case cannot close before its referral date.");
    await bumpVersion(tx, input.caseId, input.version, {
      status: input.status,
      statusChangedAt: sql`now()` as never,
      closureOutcome: closing ? input.closureOutcome : null,
      closedOn,
    });
    await tx.insert(caseStatusHistory).values({
      caseId: input.caseId,
      fromStatus: current.status,
      toStatus: input.status,
      reason: input.reason ?? (closing && input.closureOutcome ? closureOutcomeLabels[input.closureOutcome] : null),
      changedBy: actor.id,
    });
    await audit(
      tx,
      {
        actor,
        action: reopening ? "case.reopen" : closing ? "case.close" : "case.status",
        entityType: "case",
        entityId: input.caseId,
        caseId: input.caseId,
        outcome: "success",
        details: { from: current.status, to: input.status },
      },
      context,
    );
  });
}

/** Supervisors hand a case to another counsellor of their team; the previous one loses access. */
export async function assignCase(actor: Actor, input: Input<typeof assignInput>, context: RequestContext) {
  assertCan(actor, "cases.assign");
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, input.caseId);
    if (current.version !== input.version) throw conflict();
    const { counsellorId } = await counsellorFor(tx, actor, input.counsellorId);
    if (counsellorId === current.counsellorId) throw fieldError("counsellorId", "The case is already with this counsellor.");
    await bumpVersion(tx, input.caseId, input.version, { counsellorId });
    await tx
      .update(caseAssignments)
      .set({ endedAt: sql`now()` })
      .where(and(eq(caseAssignments.caseId, input.caseId), isNull(caseAssignments.endedAt)));
    await tx.insert(caseAssignments).values({ caseId: input.caseId, counsellorId, assignedBy: actor.id });
    await audit(
      tx,
      { actor, action: "case.assign", entityType: "case", entityId: input.caseId, caseId: input.caseId, outcome: "success", details: { from: current.counsellorId, to: counsellorId } },
      context,
    );
  });
}

type CaseRow = Awaited<ReturnType<typeof loadCaseForUpdate>>;
type Audited = { entityType: string; entityId: string; details?: Record<string, string> };

/**
 * A change to something a case owns (factors, flags, contacts): the case is loaded in scope and
 * locked, the change made, the case marked as updated and the change audited, in one transaction.
 */
function caseChange(
  actor: Actor,
  caseId: string,
  action: string,
  context: RequestContext,
  work: (tx: Tx, current: CaseRow) => Promise<Audited>,
) {
  assertCan(actor, "cases.update");
  return transaction(async (tx) => {
    const current = await loadCaseForUpdate(tx, actor, caseId);
    const subject = await work(tx, current);
    await tx.update(cases).set({ updatedAt: sql`now()` }).where(eq(cases.id, caseId));
    await audit(tx, { actor, action, caseId, outcome: "success", ...subject }, context);
  });
}

const currentTag = (caseId: string, factorId: string) =>
  and(eq(caseFactors.caseId, caseId), eq(caseFactors.factorId, factorId), isNull(caseFactors.removedAt));

export async function tagFactor(actor: Actor, input: Input<typeof caseFactorInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.factor.add", context, async (tx) => {
    const [factor] = await tx
      .select({ retired: sql<boolean>`${factors.retiredAt} is not null` })
      .from(factors)
      .where(eq(factors.id, input.factorId));
    if (!factor || factor.retired) throw fieldError("factorId", "Choose a factor from the current list.");
    const [existing] = await tx.select({ id: caseFactors.id }).from(caseFactors).where(currentTag(input.caseId, input.factorId));
    if (existing) throw fieldError("factorId", "This factor is already tagged.");
    await tx.insert(caseFactors).values({ caseId: input.caseId, factorId: input.factorId, addedBy: actor.id });
    return { entityType: "factor", entityId: input.factorId };
  });
}

export async function untagFactor(actor: Actor, input: Input<typeof caseFactorInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.factor.remove", context, async (tx) => {
    const [removed] = await tx
      .update(caseFactors)
      .set({ removedAt: sql`now()`, removedBy: actor.id })
      .where(currentTag(input.caseId, input.factorId))
      .returning({ id: caseFactors.id });
    if (!removed) throw fieldError("factorId", "This factor is not tagged on the case.");
    return { entityType: "factor", entityId: input.factorId };
  });
}

/** At most one primary factor: marking one moves the mark from any other. */
export async function setPrimaryFactor(actor: Actor, input: Input<typeof caseFactorInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.factor.primary", context, async (tx) => {
    await tx
      .update(caseFactors)
      .set({ isPrimary: false })
      .where(and(eq(caseFactors.caseId, input.caseId), eq(caseFactors.isPrimary, true), isNull(caseFactors.removedAt)));
    const [marked] = await tx
      .update(caseFactors)
      .set({ isPrimary: true })
      .where(currentTag(input.caseId, input.factorId))
      .returning({ id: caseFactors.id });
    if (!marked) throw fieldError("factorId", "Tag the factor before marking it primary.");
    return { entityType: "factor", entityId: input.factorId };
  });
}

export async function raiseFlag(actor: Actor, input: Input<typeof flagInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.flag.raise", context, async (tx) => {
    const [open] = await tx
      .select({ id: caseFlags.id })
      .from(caseFlags)
      .where(and(eq(caseFlags.caseId, input.caseId), eq(caseFlags.kind, input.kind), isNull(caseFlags.resolvedAt)));
    if (open) throw fieldError("kind", "This flag is already open on the case.");
    const [flag] = await tx.insert(caseFlags).values({ caseId: input.caseId, kind: input.kind, raisedBy: actor.id }).returning({ id: caseFlags.id });
    return { entityType: "flag", entityId: flag!.id, details: { kind: input.kind } };
  });
}

export async function resolveFlag(actor: Actor, input: Input<typeof resolveFlagInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "case.flag.resolve", context, async (tx) => {
    const [resolved] = await tx
      .update(caseFlags)
      .set({ resolvedAt: sql`now()`, resolvedBy: actor.id })
      .where(and(eq(caseFlags.id, input.flagId), eq(caseFlags.caseId, input.caseId), isNull(caseFlags.resolvedAt)))
      .returning({ id: caseFlags.id });
    if (!resolved) throw new DomainError("Conflict", "This flag is already resolved. Reload to see the current flags.");
    return { entityType: "flag", entityId: input.flagId };
  });
}

export async function addContact(actor: Actor, input: Input<typeof contactInput>, context: RequestContext) {
  return caseChange(actor, input.caseId, "client.contact.add", context, async (tx, current) => {
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
  return caseChange(actor, input.caseId, "client.update", context, async (tx, current) => {
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
