import { createRequire } from "node:module";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ACTORS, cellCounts, pages, routeHandlers, serverActions, type ActorKey, type Outcome } from "../authz/matrix";
import { projectRoot, scanModule, scanSourceTree } from "../authz/source";
import { createAccount } from "@/lib/accounts/commands";
import { createAccountInput } from "@/lib/accounts/schemas";
import type { Actor } from "@/lib/actor";
import { tagFactor } from "@/lib/cases/factor-tags";
import { raiseFlag } from "@/lib/cases/flags";
import { caseFactorInput, flagInput } from "@/lib/cases/schemas";
import { createFactor } from "@/lib/factors/commands";
import { createFactorInput } from "@/lib/factors/schemas";
import { serviceSettingsNow } from "@/lib/settings/service";
import { addCounsellor, caseVersion, createCaseFor, factorId, newCaseFields } from "./helpers/cases";
import { sql } from "./helpers/database";
import { daysAgo, noteFields, noteVersion, signedNote } from "./helpers/notes";
import { measureFields, milestone, milestoneId } from "./helpers/outcomes";
import { context, createPeople, PASSWORD, signInAs, signOut } from "./helpers/people";
import { requestState } from "./helpers/request";

/**
 * The authorisation matrix (tests/authz/matrix.ts), checked against the code:
 *  1. the matrix names exactly the server actions, route handlers and pages the source tree has;
 *  2. every server-action cell runs the real action, signed in for real as the actor, with a
 *     payload valid for the target so that a refusal can only be about authority: an allowed
 *     cell succeeds; a refused one fails with the expected kind, is audited as denied and changes
 *     nothing;
 *  3. every route-handler cell calls the real handler with a Request and checks the status.
 * Page cells run against the production app in tests/e2e/authz-pages.spec.ts.
 */

const NEW_PASSWORD = "tidal-copper-garden-55";

// ───────────────────────────── the fixture world ─────────────────────────────

type CaseFixture = { caseId: string; clientId: string; noteId: string; flagId: string; milestoneId: string };

/**
 * Teams North and South; North has two counsellors (A holds case A, A2 holds case A2), South
 * two (one holds case B). Every case has a signed note, an open flag, a tagged factor
 * (depression) and a milestone (family_engaged), so that every case command has something valid
 * to act on. Plus a custom factor, a set-password link for a newcomer and the settings row.
 */
async function buildWorld() {
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
type World = Awaited<ReturnType<typeof buildWorld>>;

/** Which person plays the actor, and which case they act on. */
const cast: Record<ActorKey, { who: "counsellorNorth" | "supervisorNorth" | "admin" | "analyst" | null; target: "A" | "A2" | "B" }> = {
  anonymous: { who: null, target: "A" },
  counsellorOwnCase: { who: "counsellorNorth", target: "A" },
  counsellorOtherCase: { who: "counsellorNorth", target: "A2" },
  supervisorOwnTeam: { who: "supervisorNorth", target: "A" },
  supervisorOtherTeam: { who: "supervisorNorth", target: "B" },
  admin: { who: "admin", target: "A" },
  analyst: { who: "analyst", target: "A" },
};

async function play(world: World, actor: ActorKey): Promise<Actor | null> {
  const { who } = cast[actor];
  if (!who) {
    signOut();
    return null;
  }
  return signInAs(world.people[who].email);
}

// ───────────────────────────── every table, to prove "nothing changed" ─────────────────────────────

// Sessions move their idle clock on every request and the audit trail grows by the refusal itself.
const UNWATCHED = new Set(["audit_events", "sessions"]);
let watchedTables: string[] | undefined;

async function snapshot(): Promise<unknown> {
  watchedTables ??= (
    await sql<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    )
  )
    .map((row) => row.table_name)
    .filter((name) => !UNWATCHED.has(name));
  const columns = watchedTables.map(
    (table) => `(select coalesce(json_agg(x.j order by x.j::text), '[]'::json) from (select to_jsonb(r) as j from "${table}" r) x) as "${table}"`,
  );
  const [row] = await sql(`select ${columns.join(", ")}`);
  return row;
}

const lastAuditId = async () => (await sql<{ id: number }>("select coalesce(max(id), 0)::int as id from audit_events"))[0]!.id;
const auditSince = (id: number) =>
  sql<{ actor_id: string | null; outcome: string; reason: string | null }>(
    "select actor_id, outcome, details->>'reason' as reason from audit_events where id > $1 order by id",
    [id],
  );

// ───────────────────────────── server actions ─────────────────────────────

type Payload = Record<string, string | string[]>;
type Scenario = (world: World, target: CaseFixture, actor: ActorKey) => Payload | Promise<Payload>;

const clientVersion = async (clientId: string) =>
  String((await sql<{ version: number }>("select version from clients where id = $1", [clientId]))[0]!.version);
const str = (fields: Record<string, unknown>): Payload =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));

/** A valid payload for every action, for the actor's target case. Keyed "file#export". */
const actionScenarios: Record<string, Scenario> = {
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

function toFormData(fields: Payload): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(key, item);
  return data;
}

type ActionResult = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };
type FormAction = (previous: null, data: FormData) => Promise<ActionResult>;

const REASON: Partial<Record<Outcome, string>> = { "not-found": "NotFound", forbidden: "Forbidden", unauthenticated: "Unauthenticated" };

const importApp = (file: string) => import(/* @vite-ignore */ path.join(projectRoot, file)) as Promise<Record<string, unknown>>;

// ───────────────────────────── route handlers ─────────────────────────────

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
type RouteScenario = (module: Record<string, unknown>, world: World, signedIn: Actor | null) => Promise<Response>;

const call = (module: Record<string, unknown>, method: string, url: string, params: Record<string, unknown> = {}, init: RequestInit = {}) =>
  (module[method] as Handler)(new Request(`http://localhost${url}`, { method, ...init }), { params: Promise.resolve(params) });

/**
 * next-auth reads the request through a CommonJS `require("next/headers")`, which the test's
 * module mock does not reach: for its calls the require cache holds the test's request instead.
 */
async function withNextAuthRequest<T>(work: () => Promise<T>): Promise<T> {
  const require = createRequire(import.meta.url);
  const resolved = require.resolve("next/headers", { paths: [path.dirname(require.resolve("next-auth"))] });
  const previous = require.cache[resolved];
  const fake = {
    cookies: async () => ({
      getAll: () => [...requestState.cookies].map(([name, value]) => ({ name, value })),
      get: (name: string) => (requestState.cookies.has(name) ? { name, value: requestState.cookies.get(name)! } : undefined),
    }),
    headers: async () => new Headers({ ...requestState.headers, host: "localhost" }),
  };
  require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: fake } as unknown as NodeJS.Module;
  const url = process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_URL = "http://localhost";
  try {
    return await work();
  } finally {
    if (previous) require.cache[resolved] = previous;
    else delete require.cache[resolved];
    if (url === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = url;
  }
}

const nextAuthCall = (module: Record<string, unknown>, method: "GET" | "POST", action: string, init: RequestInit = {}) =>
  (module[method] as Handler)(new NextRequest(`http://localhost/api/auth/${action}`, { method, ...init } as never), {
    params: Promise.resolve({ nextauth: [action] }),
  });

const PERIOD = "from=2025-11&to=2026-10";

/** One request per route handler and method. Keyed "file#METHOD". */
const routeScenarios: Record<string, RouteScenario> = {
  "app/api/health/route.ts#GET": (m) => call(m, "GET", "/api/health"),
  "app/api/audit/route.ts#GET": (m) => call(m, "GET", "/api/audit?outcome=denied"),
  "app/api/reports/[table]/route.ts#GET": (m) => call(m, "GET", "/api/reports/caseload?preset=12m", { table: "caseload" }),
  "app/api/statistics/route.ts#GET": (m) => call(m, "GET", `/api/statistics?${PERIOD}&format=csv`),
  "app/api/statistics/research/route.ts#GET": (m) => call(m, "GET", `/api/statistics/research?${PERIOD}`),
  // The session endpoint the browser polls: answers everyone (an empty session when signed out).
  "app/api/auth/[...nextauth]/route.ts#GET": (m) =>
    withNextAuthRequest(async () => {
      const response = await nextAuthCall(m, "GET", "session");
      expect(response.headers.get("content-type")).toContain("application/json");
      return response;
    }),
  // Sign-out with the CSRF token of a GET /csrf: allowed for anyone, and it ends a live session.
  "app/api/auth/[...nextauth]/route.ts#POST": (m, _w, signedIn) =>
    withNextAuthRequest(async () => {
      const csrf = await nextAuthCall(m, "GET", "csrf");
      expect(csrf.status).toBe(200);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers.getSetCookie().find((c) => c.startsWith("next-auth.csrf-token="));
      expect(cookie, "next-auth sets its CSRF cookie").toBeDefined();
      requestState.cookies.set("next-auth.csrf-token", decodeURIComponent(cookie!.split(";")[0]!.split("=").slice(1).join("=")));
      const response = await nextAuthCall(m, "POST", "signout", {
        body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      if (signedIn) {
        const [session] = await sql<{ revoked: boolean }>("select revoked_at is not null as revoked from sessions where id = $1", [signedIn.sessionId]);
        expect(session!.revoked, "sign-out ends the session on the server").toBe(true);
      }
      return response;
    }),
};

const STATUS: Record<Outcome, number> = { allowed: 200, "not-found": 404, forbidden: 404, unauthenticated: 401, "redirect-home": 302 };

// ───────────────────────────── the tests ─────────────────────────────

const checked = { actions: 0, routes: 0 };
const expected = cellCounts();

describe("the authorisation matrix names every entry point of the source tree", () => {
  const tree = scanSourceTree();
  const key = (file: string, name: string) => `${file}#${name}`;

  it("server actions: every export of every \"use server\" module, and nothing else", () => {
    const inSource = Object.entries(tree.serverActions).flatMap(([file, names]) => names.map((n) => key(file, n)));
    const inMatrix = Object.entries(serverActions).flatMap(([file, names]) => Object.keys(names).map((n) => key(file, n)));
    expect(inSource.length, "the scan found the actions").toBeGreaterThan(0);
    expect(inSource.filter((k) => !inMatrix.includes(k)), "actions missing from tests/authz/matrix.ts").toEqual([]);
    expect(inMatrix.filter((k) => !inSource.includes(k)), "matrix rows for actions that no longer exist").toEqual([]);
    expect(tree.inlineServerActions, "inline \"use server\" functions cannot be listed in the matrix; move them to an actions module").toEqual([]);
  });

  it("route handlers: every exported HTTP method of every route.ts, and nothing else", () => {
    const inSource = Object.entries(tree.routeHandlers).flatMap(([file, methods]) => methods.map((m) => key(file, m)));
    const inMatrix = Object.entries(routeHandlers).flatMap(([file, methods]) => Object.keys(methods).map((m) => key(file, m)));
    expect(inSource.length, "the scan found the routes").toBeGreaterThan(0);
    expect(inSource.filter((k) => !inMatrix.includes(k)), "route handlers missing from tests/authz/matrix.ts").toEqual([]);
    expect(inMatrix.filter((k) => !inSource.includes(k)), "matrix rows for route handlers that no longer exist").toEqual([]);
  });

  it("pages: every page.tsx, and nothing else", () => {
    expect(tree.pages.length, "the scan found the pages").toBeGreaterThan(0);
    expect(tree.pages.filter((p) => !(p in pages)), "pages missing from tests/authz/matrix.ts").toEqual([]);
    expect(Object.keys(pages).filter((p) => !tree.pages.includes(p)), "matrix rows for pages that no longer exist").toEqual([]);
  });

  it("the scanner recognises every way of exporting an entry point", () => {
    const actions = scanModule(
      "app/x/actions.ts",
      `// a comment first
      "use server";
      import { z } from "zod";
      export const a = action();
      export async function b() {}
      export function c() {}
      const d = 1, e = 2;
      export { d, e as renamed };
      export type NotRuntime = string;
      export type { Hidden } from "./elsewhere";
      export default async function () {}`,
    );
    expect(actions.serverActions).toEqual(["a", "b", "c", "d", "renamed", "default"]);
    expect(scanModule("app/x/helpers.ts", `import "server-only";\nexport const a = 1;`).serverActions).toBeUndefined();
    // A "use server" string that is not the module's first statement is no directive.
    expect(scanModule("app/x/late.ts", `export const a = 1;\n"use server";`).serverActions).toBeUndefined();
    const route = scanModule(
      "app/api/x/route.ts",
      `export const dynamic = "force-dynamic";
      export async function GET() {}
      export const POST = route();
      function handler() {}
      export { handler as PUT, handler as DELETE };`,
    );
    expect(route.routeMethods).toEqual(["GET", "POST", "PUT", "DELETE"]);
    expect(scanModule("app/(g)/x/[id]/page.tsx", "export default function Page() { return null; }").page).toBe(true);
    expect(scanModule("lib/x/page.tsx", "").page).toBe(false);
    const inline = scanModule(
      "app/(g)/x/page.tsx",
      `export default function Page() {\n  async function save() {\n    "use server";\n  }\n  const go = async () => { "use server"; };\n}`,
    );
    expect(inline.inlineServerActions).toEqual(["app/(g)/x/page.tsx:2", "app/(g)/x/page.tsx:5"]);
  });

  it("every row has an outcome for every actor, and every action and route has a scenario here", () => {
    const rows = [
      ...Object.values(serverActions).flatMap((file) => Object.values(file)),
      ...Object.values(routeHandlers).flatMap((file) => Object.values(file)),
      ...Object.values(pages),
    ];
    for (const row of rows) expect(Object.keys(row!).sort()).toEqual([...ACTORS].sort());
    const actionKeys = Object.entries(serverActions).flatMap(([file, names]) => Object.keys(names).map((n) => key(file, n)));
    expect(actionKeys.filter((k) => !(k in actionScenarios)), "actions without a scenario").toEqual([]);
    expect(Object.keys(actionScenarios).filter((k) => !actionKeys.includes(k)), "scenarios for unknown actions").toEqual([]);
    const routeKeys = Object.entries(routeHandlers).flatMap(([file, methods]) => Object.keys(methods).map((m) => key(file, m)));
    expect(routeKeys.filter((k) => !(k in routeScenarios)), "routes without a scenario").toEqual([]);
    expect(Object.keys(routeScenarios).filter((k) => !routeKeys.includes(k)), "scenarios for unknown routes").toEqual([]);
  });
});

describe("every server-action cell, through the real action", () => {
  for (const [file, actions] of Object.entries(serverActions)) {
    for (const [name, row] of Object.entries(actions)) {
      for (const actor of ACTORS) {
        const outcome = row[actor];
        it(`${file} ${name} × ${actor} → ${outcome}`, async () => {
          const world = await buildWorld();
          const exports = await importApp(file);
          const run = exports[name] as FormAction;
          expect(typeof run, `${name} is a function`).toBe("function");
          const signedIn = await play(world, actor);
          const target = world.cases[cast[actor].target];
          const payload = await actionScenarios[`${file}#${name}`]!(world, target, actor);
          const before = await snapshot();
          const auditMark = await lastAuditId();

          const result = await run(null, toFormData(payload));
          const audited = await auditSince(auditMark);

          if (outcome === "allowed") {
            expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
            expect(audited.filter((a) => a.outcome === "denied"), "no refusal was audited").toEqual([]);
            expect(audited.filter((a) => a.outcome === "success").length, "the allowed call was audited").toBeGreaterThan(0);
          } else {
            expect(result.ok, JSON.stringify(result)).toBe(false);
            // A refusal about authority, not about the payload.
            expect(result.fieldErrors ?? {}, "no field errors: the payload was valid").toEqual({});
            if (outcome === "unauthenticated") expect(result.error).toContain("Your session has ended");
            expect(audited, "exactly one audit row: the refusal").toEqual([{ actor_id: signedIn?.id ?? null, outcome: "denied", reason: REASON[outcome] }]);
            expect(await snapshot(), "a refused action changes nothing").toEqual(before);
          }
          checked.actions++;
        });
      }
    }
  }
});

describe("every route-handler cell, through the real handler", () => {
  for (const [file, methods] of Object.entries(routeHandlers)) {
    for (const [method, row] of Object.entries(methods)) {
      for (const actor of ACTORS) {
        const outcome = row![actor];
        it(`${file} ${method} × ${actor} → ${outcome} (${STATUS[outcome]})`, async () => {
          const world = await buildWorld();
          const exports = await importApp(file);
          expect(typeof exports[method], `${method} is exported`).toBe("function");
          const signedIn = await play(world, actor);
          const auditMark = await lastAuditId();

          const response = await routeScenarios[`${file}#${method}`]!(exports, world, signedIn);
          expect(response.status, await response.clone().text()).toBe(STATUS[outcome]);
          const denied = (await auditSince(auditMark)).filter((a) => a.outcome === "denied");
          if (outcome === "forbidden") {
            expect(denied, "the refusal was audited").toEqual([{ actor_id: signedIn!.id, outcome: "denied", reason: "Forbidden" }]);
          } else {
            expect(denied, "no refusal was audited").toEqual([]);
          }
          checked.routes++;
        });
      }
    }
  }
});

describe("the count", () => {
  it("every action and route cell was checked, none skipped", () => {
    const skipped = expected.actions - checked.actions + (expected.routes - checked.routes);
    console.log(
      `authorisation matrix: ${checked.actions} server-action cells + ${checked.routes} route-handler cells checked ` +
        `(${expected.pages} page cells run in tests/e2e/authz-pages.spec.ts); skipped: ${skipped}`,
    );
    expect(checked).toEqual({ actions: expected.actions, routes: expected.routes });
    expect(skipped).toBe(0);
  });
});
