"use server";

import { z } from "zod";
import { addContact, updateClient } from "@/lib/cases/client";
import { assignCase, changeStatus, createCase, updateCase } from "@/lib/cases/commands";
import { setPrimaryFactor, tagFactor, untagFactor } from "@/lib/cases/factor-tags";
import { raiseFlag, resolveFlag } from "@/lib/cases/flags";
import { findClients, revealIdentity } from "@/lib/cases/client-queries";
import { getFactorHistory } from "@/lib/cases/queries";
import {
  assignInput,
  caseFactorInput,
  caseRefInput,
  changeStatusInput,
  contactInput,
  createCaseInput,
  flagInput,
  resolveFlagInput,
  updateCaseInput,
  updateClientInput,
} from "@/lib/cases/schemas";
import { action } from "@/lib/action";
import { caseAction } from "./case-action";

export const createCaseAction = action("case.create", createCaseInput, createCase);
export const updateCaseAction = caseAction("case.update", updateCaseInput, updateCase, "Case details saved.");
export const changeStatusAction = caseAction("case.status", changeStatusInput, changeStatus, "Status changed.");
export const assignCaseAction = caseAction("case.assign", assignInput, assignCase, "Case reassigned.");
export const tagFactorAction = caseAction("case.factor.add", caseFactorInput, tagFactor);
export const untagFactorAction = caseAction("case.factor.remove", caseFactorInput, untagFactor);
export const setPrimaryFactorAction = caseAction("case.factor.primary", caseFactorInput, setPrimaryFactor);
export const raiseFlagAction = caseAction("case.flag.raise", flagInput, raiseFlag, "Flag raised.");
export const resolveFlagAction = caseAction("case.flag.resolve", resolveFlagInput, resolveFlag, "Flag resolved.");
export const updateClientAction = caseAction("client.update", updateClientInput, updateClient, "Identity details saved.");
export const addContactAction = caseAction("client.contact.add", contactInput, addContact, "Contact added.");

export const revealIdentityAction = action("case.identity.reveal", caseRefInput, (actor, input, context) =>
  revealIdentity(actor, input.caseId, context),
);
export const factorHistoryAction = action("case.factor-history", caseRefInput, (actor, input, context) =>
  getFactorHistory(actor, input.caseId, context),
);
export const findClientsAction = action("clients.search", z.strictObject({ q: z.string().max(200) }), (actor, input, context) =>
  findClients(actor, input.q, context),
);
