import type { Browser, Page } from "@playwright/test";
import { ACTORS, cellCounts, fillPattern, pages, routeHandlers, urlPattern, type ActorKey, type Outcome } from "../authz/matrix";
import { demoAccount, DEMO_PASSWORD, expect, loginError, submitLogin, test, welcomeHeading } from "./fixtures";
import { expectNoPolicyViolations, expectSecureHeaders, expectSecurePage, watchPolicyViolations } from "./headers";

/**
 * The page and route-handler cells of the authorisation matrix (tests/authz/matrix.ts), against
 * the running production app with its demo data: every page is requested as every actor with
 * page.goto, every route handler with the browser's session cookie. The server-action cells run
 * in tests/integration/authz-matrix.test.ts. Every response is also checked for the security
 * headers (tests/e2e/headers.ts), and every page for scripts the policy blocked.
 *
 * The actors and their cases, as in the matrix: counsellor.north on a case of their own and on one
 * of counsellor.north2 (same team); supervisor.north on a case of team North and on one of
 * counsellor.south; admin, analyst and the signed-out visitor on counsellor.north's case.
 */

// One worker runs the file's tests in order (playwright.config.ts), so the count at the end sees
// every actor's test; after a failure the rest still run, in a fresh worker.

const accountOf: Record<ActorKey, string | null> = {
  anonymous: null,
  counsellorOwnCase: "counsellor.north",
  counsellorOtherCase: "counsellor.north",
  supervisorOwnTeam: "supervisor.north",
  supervisorOtherTeam: "supervisor.north",
  admin: "admin",
  analyst: "analyst",
};
type Target = "own" | "sameTeamOther" | "otherTeam";
const targetOf: Record<ActorKey, Target> = {
  anonymous: "own",
  counsellorOwnCase: "own",
  counsellorOtherCase: "sameTeamOther",
  supervisorOwnTeam: "own",
  supervisorOtherTeam: "otherTeam",
  admin: "own",
  analyst: "own",
};

/** Real case and note ids of the demo data, found through the UI by their counsellors. */
const ids: Partial<Record<Target, { caseId: string; noteId: string }>> = {};

const month = (offset: number) => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
};

/** What each route handler is asked, by "file#METHOD". */
const routeRequests: Record<string, { path: () => string }> = {
  "app/api/health/route.ts#GET": { path: () => "/api/health" },
  "app/api/auth/[...nextauth]/route.ts#GET": { path: () => "/api/auth/session" },
  "app/api/auth/[...nextauth]/route.ts#POST": { path: () => "/api/auth/signout" },
  "app/api/audit/route.ts#GET": { path: () => "/api/audit?outcome=denied" },
  "app/api/reports/[table]/route.ts#GET": { path: () => "/api/reports/caseload?preset=12m" },
  "app/api/statistics/route.ts#GET": { path: () => `/api/statistics?from=${month(-12)}&to=${month(-1)}&format=csv` },
  "app/api/statistics/research/route.ts#GET": { path: () => `/api/statistics/research?from=${month(-12)}&to=${month(-1)}` },
};

const ROUTE_STATUS: Record<Outcome, number> = { allowed: 200, "not-found": 404, forbidden: 404, unauthenticated: 401, "redirect-home": 302 };

const checked = { pages: 0, routes: 0 };

/** Signs in through the real form, without the accessibility checks the other specs make. */
async function signInQuickly(page: Page, localPart: string) {
  await page.goto("/login");
  await submitLogin(page, demoAccount(localPart).email, DEMO_PASSWORD);
  await expect(loginError(page)).toHaveCount(0);
  await expect(welcomeHeading(page)).toBeVisible();
}

/** The first case of this counsellor's list whose timeline links to a session note. */
async function caseWithNote(browser: Browser, localPart: string): Promise<{ caseId: string; noteId: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInQuickly(page, localPart);
  await page.goto("/cases");
  const links = page.getByRole("table", { name: "Cases" }).locator("tbody tr a[href^='/cases/']");
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  for (const href of hrefs) {
    const caseId = href.split("/")[2]!;
    await page.goto(href);
    const note = page.locator(`a[href^='/cases/${caseId}/notes/']:not([href$='/new'])`).first();
    if ((await note.count()) > 0) {
      const noteId = (await note.getAttribute("href"))!.split("/")[4]!;
      await context.close();
      expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
      expect(noteId).toMatch(/^[0-9a-f-]{36}$/);
      return { caseId, noteId };
    }
  }
  throw new Error(`no case of ${localPart} has a session note in the demo data`);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  ids.own = await caseWithNote(browser, "counsellor.north");
  ids.sameTeamOther = await caseWithNote(browser, "counsellor.north2");
  ids.otherTeam = await caseWithNote(browser, "counsellor.south");
  expect(new Set([ids.own.caseId, ids.sameTeamOther.caseId, ids.otherTeam.caseId]).size).toBe(3);
});

for (const actor of ACTORS) {
  test(`pages and route handlers as ${actor}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext();
    await watchPolicyViolations(context);
    const page = await context.newPage();
    const account = accountOf[actor];
    if (account) await signInQuickly(page, account);
    const target = ids[targetOf[actor]]!;

    for (const [file, row] of Object.entries(pages)) {
      const outcome = row[actor];
      const url = fillPattern(urlPattern(file), target);
      const response = await page.goto(url, { waitUntil: "domcontentloaded" });
      const where = `${actor} at ${url} (${file}) should be ${outcome}`;
      const landed = new URL(page.url()).pathname;
      if (outcome === "allowed") {
        expect(response?.status(), where).toBe(200);
        expect(landed, where).toBe(url);
        await expect(page.getByRole("heading", { level: 1, name: "Not found" }), where).toHaveCount(0);
      } else if (outcome === "not-found" || outcome === "forbidden") {
        expect(response?.status(), where).toBe(404);
        expect(landed, where).toBe(url);
        await expect(page.getByRole("heading", { level: 1, name: "Not found" }), where).toBeVisible();
      } else if (outcome === "unauthenticated") {
        expect(landed, where).toBe("/login");
        expect(response?.status(), where).toBe(200);
      } else {
        expect(landed, where).toBe("/");
      }
      await expectSecurePage(response, where);
      await expectNoPolicyViolations(page, where);
      checked.pages++;
    }

    // Route handlers, with the session cookie of this browser; sign-out last, since it ends the session.
    const routes = Object.entries(routeHandlers)
      .flatMap(([file, methods]) => Object.entries(methods).map(([method, row]) => ({ key: `${file}#${method}`, method, row: row! })))
      .sort((a, b) => Number(a.method === "POST") - Number(b.method === "POST"));
    for (const { key, method, row } of routes) {
      const outcome = row[actor];
      const request = routeRequests[key];
      expect(request, `a request for ${key}`).toBeDefined();
      const url = request!.path();
      let response;
      if (method === "GET") {
        response = await page.request.get(url, { maxRedirects: 0 });
      } else if (key === "app/api/auth/[...nextauth]/route.ts#POST") {
        const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
        response = await page.request.post(url, { form: { csrfToken, json: "true" }, maxRedirects: 0 });
      } else {
        throw new Error(`no way to call ${key}`);
      }
      expect(response.status(), `${actor}: ${method} ${url} should be ${outcome}`).toBe(ROUTE_STATUS[outcome]);
      expectSecureHeaders(response, `${actor}: ${method} ${url}`);
      checked.routes++;
    }

    // The sign-out above really ended the session: the same browser is now signed out.
    const after = await page.goto("/account");
    expect(after?.status()).toBe(200);
    expect(new URL(page.url()).pathname, `${actor} is signed out after POST /api/auth/signout`).toBe("/login");
    await context.close();
  });
}

test("every page and route cell was checked, none skipped", () => {
  const expected = cellCounts();
  const skipped = expected.pages - checked.pages + (expected.routes - checked.routes);
  console.log(`authorisation matrix (e2e): ${checked.pages} page cells + ${checked.routes} route-handler cells checked; skipped: ${skipped}`);
  expect(checked).toEqual({ pages: expected.pages, routes: expected.routes });
  expect(skipped).toBe(0);
});
