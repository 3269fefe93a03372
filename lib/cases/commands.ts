import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  accounts,
  caseAssignments,
  caseReferenceCounters,
  cases,
  caseStatusHistory,
  clients,
} from "@/db/schema";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { today } from "../dates";
import { transaction } from "../db";
import { conflict, forbidden } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import type {
  assignInput,
  changeStatusInput,
  createCaseInput,
  updateCaseInput,
} from "./schemas";
import { fieldError, type Input } from "./change";
import { caseScope, loadCaseForUpdate } from "./scope";
import { closureOutcomeLabels } from "./labels";
import { canMove, isReopening } from "./status";


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
