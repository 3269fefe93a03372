import { createRequire } from "node:module";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ACTORS, cellCounts, pages, routeHandlers, serverActions, type Outcome } from "../authz/matrix";
import { scanModule, scanSourceTree } from "../authz/source";
import type { Actor } from "@/lib/actor";
import { actionScenarios, buildWorld, cast, importApp, play, toFormData, type FormAction, type World } from "./helpers/action-world";
import { sql } from "./helpers/database";
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

const REASON: Partial<Record<Outcome, string>> = { "not-found": "NotFound", forbidden: "Forbidden", unauthenticated: "Unauthenticated" };

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
