import path from "node:path";
import { projectRoot } from "../../authz/source";
import type { ActorKey } from "../../authz/matrix";
import { createAccount } from "@/lib/accounts/commands";
import { createAccountInput } from "@/lib/accounts/schemas";
import type { Actor } from "@/lib/actor";
import { tagFactor } from "@/lib/cases/factor-tags";
import { raiseFlag } from "@/lib/cases/flags";
import { caseFactorInput, flagInput } from "@/lib/cases/schemas";
import { createFactor } from "@/lib/factors/commands";
import { createFactorInput } from "@/lib/factors/schemas";
import { serviceSettingsNow } from "@/lib/settings/service";
import { addCounsellor, caseVersion, createCaseFor, factorId, newCaseFields } from "./cases";
import { sql } from "./database";
import { daysAgo, noteFields, noteVersion, signedNote } from "./notes";
import { measureFields, milestone, milestoneId } from "./outcomes";
import { context, createPeople, PASSWORD, signInAs, signOut } from "./people";

/**
 * The world every server action can act on, the actor who plays each column of the authorisation
 * matrix (tests/authz/matrix.ts), and a valid payload for every action: shared by the matrix test
 * (which varies the actor) and the hostile-input fuzz test (which varies the payload).
 */

export const NEW_PASSWORD = "tidal-copper-garden-55";

// ───────────────────────────── the fixture world ─────────────────────────────

export type CaseFixture = { caseId: string; clientId: string; noteId: string; flagId: string; milestoneId: string };

/**
 * Teams North and South; North has two counsellors (A holds case A, A2 holds case A2), South
 * two (one holds case B). Every case has a signed note, an open flag, a tagged factor
 * (depression) and a milestone (family_engaged), so that every case command has something valid
 * to act on. Plus a custom factor, a set-password link for a newcomer and the settings row.
 */
export async function buildWorld() {
  const people = await createPeople();
  const north2 = await addCounsellor(people.teams.north.id, "counsellor.north2@test.example", people.counsellorNorth.id);
  const south2 = await addCounsellor(people.teams.south.id, "counsellor.south2@test.example", people.counsellorSouth.id);
  await sql("insert into service_settings (id) values (1) on conflict (id) do nothing");
  const depression = await factorId("depression");
  const socialAnxiety = await factorId("social_anxiety");

  async function caseOf(holder: Actor, givenName: string): Promise<CaseFixture> {
    const { caseId } = await createCaseFor(holder, { givenName });
    await tagFactor(holder, caseFactorInput.parse({ caseId, factorId: depression }), context);
    await raiseFlag(holder, flagInput.parse({ caseId, kind: "safeguarding" }), context);
    const { noteId } = await signedNote(holder, caseId);
    await milestone(holder, caseId, "family_engaged");
    const [client] = await sql<{ client_id: string }>("select client_id from cases where id = $1", [caseId]);
    const [flag] = await sql<{ id: string }>("select id from case_flags where case_id = $1", [caseId]);
    return { caseId, clientId: client!.client_id, noteId, flagId: flag!.id, milestoneId: await milestoneId(caseId, "family_engaged") };
  }
  const cases = {
    A: await caseOf(await signInAs(people.counsellorNorth.email), "Aoi"),
    A2: await caseOf(await signInAs(north2.email), "Asahi"),
    B: await caseOf(await signInAs(people.counsellorSouth.email), "Botan"),
  };

  const admin = await signInAs(people.admin.email);
  const [category] = await sql<{ id: string }>("select id from factor_categories order by sort_order, id limit 1");
  const custom = await createFactor(admin, createFactorInput.parse({ categoryId: category!.id, name: "Matrix custom factor" }), context);
  const newcomer = await createAccount(
    admin,
    createAccountInput.parse({ name: "New Comer", email: "new.comer@test.example", role: "counsellor", teamId: people.teams.north.id }),
    context,
  );
  signOut();
  return {
    people,
    north2,
    south2,
    cases,
    depression,
    socialAnxiety,
    categoryId: category!.id,
    customFactorId: custom.factorId,
    setPasswordToken: newcomer.token,
    /** Another counsellor of the case's team, to hand the case to. */
    otherCounsellorOf: (caseId: string) =>
      caseId === cases.A.caseId ? north2.id : caseId === cases.A2.caseId ? people.counsellorNorth.id : south2.id,
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Which person plays the actor, and which case they act on. */
export const cast: Record<ActorKey, { who: "counsellorNorth" | "supervisorNorth" | "admin" | "analyst" | null; target: "A" | "A2" | "B" }> = {
  anonymous: { who: null, target: "A" },
  counsellorOwnCase: { who: "counsellorNorth", target: "A" },
  counsellorOtherCase: { who: "counsellorNorth", target: "A2" },
  supervisorOwnTeam: { who: "supervisorNorth", target: "A" },
  supervisorOtherTeam: { who: "supervisorNorth", target: "B" },
  admin: { who: "admin", target: "A" },
  analyst: { who: "analyst", target: "A" },
};

export async function play(world: World, actor: ActorKey): Promise<Actor | null> {
  const { who } = cast[actor];
  if (!who) {
    signOut();
    return null;
  }
  return signInAs(world.people[who].email);
}

// ───────────────────────────── server actions ─────────────────────────────

export type Payload = Record<string, string | string[]>;
export type Scenario = (world: World, target: CaseFixture, actor: ActorKey) => Payload | Promise<Payload>;

export const clientVersion = async (clientId: string) =>
  String((await sql<{ version: number }>("select version from clients where id = $1", [clientId]))[0]!.version);
export const str = (fields: Record<string, unknown>): Payload =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));

/** A valid payload for every action, for the actor's target case. Keyed "file#export". */
export const actionScenarios: Record<string, Scenario> = {
  "app/(auth)/set-password/actions.ts#setPasswordAction": (w) => ({ token: w.setPasswordToken, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
  "app/(app)/account/actions.ts#changePasswordAction": () => ({ currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),

  "app/(app)/admin/accounts/actions.ts#createAccountAction": (w) => ({
    name: "Someone New",
    email: "someone.new@test.example",
    role: "counsellor",
    teamId: w.people.teams.north.id,
  }),
  "app/(app)/admin/accounts/actions.ts#updateAccountAction": (w) => ({
    accountId: w.south2.id,
    version: "1",
    name: "Renamed Counsellor",
    role: "counsellor",
    teamId: w.people.teams.south.id,
  }),
  "app/(app)/admin/accounts/actions.ts#setAccountStatusAction": (w) => ({ accountId: w.south2.id, version: "1", status: "deactivated" }),
  "app/(app)/admin/accounts/actions.ts#issuePasswordLinkAction": (w) => ({ accountId: w.south2.id }),
  "app/(app)/admin/teams/actions.ts#createTeamAction": () => ({ name: "East" }),
  "app/(app)/admin/teams/actions.ts#renameTeamAction": (w) => ({ teamId: w.people.teams.south.id, version: "1", name: "West" }),
  "app/(app)/admin/factors/actions.ts#createFactorAction": (w) => ({ categoryId: w.categoryId, name: "Another matrix factor" }),
  "app/(app)/admin/factors/actions.ts#renameFactorAction": (w) => ({ factorId: w.customFactorId, version: "1", name: "Renamed matrix factor" }),
  "app/(app)/admin/factors/actions.ts#retireFactorAction": (w) => ({ factorId: w.customFactorId, version: "1", retired: "true" }),
  "app/(app)/admin/settings/actions.ts#updateSettingsAction": async () => {
    const now = await serviceSettingsNow();
    return {
      version: String(now.version),
      statisticsThreshold: String(now.statisticsThreshold + 1),
      researchK: String(now.researchK),
      supervisorsSeeService: now.supervisorsSeeService ? "on" : "",
    };
  },

  "app/(app)/cases/actions.ts#createCaseAction": (w, _t, actor) =>
    str(newCaseFields({ givenName: "Matrix", ...(cast[actor].who === "supervisorNorth" ? { counsellorId: w.people.counsellorNorth.id } : {}) })),
  "app/(app)/cases/actions.ts#findClientsAction": () => ({ q: "Client" }),
  "app/(app)/cases/actions.ts#updateCaseAction": async (_w, t) => ({
    caseId: t.caseId,
    version: String(await caseVersion(t.caseId)),
    referralSource: "family",
    referralDate: "2026-01-15",
    withdrawalOnset: "2025-06",
    livingSituation: "",
    riskLevel: "medium",
  }),
  "app/(app)/cases/actions.ts#changeStatusAction": async (_w, t) => ({ caseId: t.caseId, version: String(await caseVersion(t.caseId)), status: "assessment" }),
  "app/(app)/cases/actions.ts#assignCaseAction": async (w, t) => ({
    caseId: t.caseId,
    version: String(await caseVersion(t.caseId)),
    counsellorId: w.otherCounsellorOf(t.caseId),
  }),
  "app/(app)/cases/actions.ts#tagFactorAction": (w, t) => ({ caseId: t.caseId, factorId: w.socialAnxiety }),
  "app/(app)/cases/actions.ts#untagFactorAction": (w, t) => ({ caseId: t.caseId, factorId: w.depression }),
  "app/(app)/cases/actions.ts#setPrimaryFactorAction": (w, t) => ({ caseId: t.caseId, factorId: w.depression }),
  "app/(app)/cases/actions.ts#raiseFlagAction": (_w, t) => ({ caseId: t.caseId, kind: "family_in_crisis" }),
  "app/(app)/cases/actions.ts#resolveFlagAction": (_w, t) => ({ caseId: t.caseId, flagId: t.flagId }),
  "app/(app)/cases/actions.ts#updateClientAction": async (_w, t) => ({
    caseId: t.caseId,
    version: await clientVersion(t.clientId),
    givenName: "Corrected",
    familyName: "Client",
    preferredName: "Corrected",
    dateOfBirth: "2000-04-01",
    phone: "",
    email: "",
    address: "",
    sexGender: "not_stated",
    regionCode: "JP-13",
  }),
  "app/(app)/cases/actions.ts#addContactAction": (_w, t) => ({ caseId: t.caseId, relationship: "mother", name: "Hana Client", phone: "03-1234-5678", email: "", mayContact: "on" }),
  "app/(app)/cases/actions.ts#revealIdentityAction": (_w, t) => ({ caseId: t.caseId }),
  "app/(app)/cases/actions.ts#factorHistoryAction": (_w, t) => ({ caseId: t.caseId }),

  "app/(app)/cases/[caseId]/notes/actions.ts#saveNoteAction": (_w, t) => str(noteFields(t.caseId)),
  "app/(app)/cases/[caseId]/notes/actions.ts#addAddendumAction": (_w, t) => ({
    caseId: t.caseId,
    noteId: t.noteId,
    reason: "Date of the next visit corrected",
    body: "The next visit is on Friday.",
  }),
  "app/(app)/cases/[caseId]/notes/actions.ts#reviewNoteAction": async (_w, t) => ({
    caseId: t.caseId,
    noteId: t.noteId,
    version: String(await noteVersion(t.noteId)),
    comment: "",
  }),

  "app/(app)/cases/[caseId]/outcomes/actions.ts#recordMeasureAction": (_w, t) => measureFields(t.caseId, "HQ25", { total: 40 }),
  "app/(app)/cases/[caseId]/outcomes/actions.ts#recordMilestoneAction": (_w, t) => ({ caseId: t.caseId, milestone: "accepts_contact", reachedOn: daysAgo(2), note: "" }),
  "app/(app)/cases/[caseId]/outcomes/actions.ts#removeMilestoneAction": (_w, t) => ({ caseId: t.caseId, milestoneId: t.milestoneId, reason: "Recorded by mistake" }),
};

export function toFormData(fields: Payload): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(key, item);
  return data;
}

export type ActionResult = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };
export type FormAction = (previous: null, data: FormData) => Promise<ActionResult>;

/** The module of an app file, imported the way the Next server would load it. */
export const importApp = (file: string) => import(/* @vite-ignore */ path.join(projectRoot, file)) as Promise<Record<string, unknown>>;

