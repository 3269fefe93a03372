import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import postgres from "postgres";
import { UNAVAILABLE_ACTION_MESSAGE, UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "../../lib/availability";
import { DEMO_PASSWORD, expect, mainNav, signIn, test } from "./fixtures";
import { AppServer, freePort, ThrowawayCluster } from "./throwaway-postgres";

/**
 * The PostgreSQL server stops while Tsunagu runs, then comes back. This spec runs its own
 * `next start` (from the same build) against a throwaway cluster it can stop without disturbing
 * anything else, and checks what a counsellor and a load balancer see, and that the app recovers
 * without a restart.
 */
let cluster: ThrowawayCluster | undefined;
let server: AppServer | undefined;
let caseId: string;
let caseReference: string;
let clientName: string;

// lib/audit.ts's advisory lock that serialises audit appends (not importable here: server-only).
const AUDIT_CHAIN_LOCK = 7_270_002;
const NEW_PASSWORD = "a-new-long-passphrase-2026";

async function fillPasswordChange(page: Page): Promise<void> {
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  cluster = new ThrowawayCluster("tsunagu_failure", await freePort());
  cluster.create();
  // The demo data, loaded the way an operator would (`npm run db:seed`), so the demo accounts exist.
  execFileSync("npx", ["tsx", "--conditions=react-server", "db/seed.ts"], {
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: cluster.url },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 180_000,
  });
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: string; reference: string; name: string }[]>`
      select c.id, c.reference, l.given_name as name
      from cases c join accounts a on a.id = c.counsellor_id join clients l on l.id = c.client_id
      where a.email = 'counsellor.north@tsunagu.example' and c.status <> 'closed'
      order by c.reference limit 1`;
    if (!row) throw new Error("the demo data has no open case for counsellor.north");
    ({ id: caseId, reference: caseReference, name: clientName } = row);
  } finally {
    await sql.end();
  }
  const port = await freePort();
  server = new AppServer(port, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: cluster.url,
    DATABASE_POOL_SIZE: "4",
    AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789abcdef",
    NEXTAUTH_URL: `http://localhost:${port}`,
  });
  await server.start();
});

test.afterAll(async ({}, testInfo) => {
  test.setTimeout(60_000);
  await server?.stop();
  if (server) await testInfo.attach("next-start-output.txt", { body: server.output, contentType: "text/plain" });
  // Dropped by name, so even a cluster left by an aborted run (on another port) goes.
  (cluster ?? new ThrowawayCluster("tsunagu_failure", 0)).drop();
});

test("the database server stops: pages and health say so plainly, a form says nothing was saved, and all recovers without a restart", async ({ browser }) => {
  test.setTimeout(180_000);
  if (!cluster || !server) throw new Error("the cluster and server did not start");
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  try {
    await signIn(page, "counsellor.north@tsunagu.example", DEMO_PASSWORD);
    const casePage = await page.goto(`/cases/${caseId}`);
    expect(casePage?.status()).toBe(200);
    await expect(page.getByText(caseReference).first()).toBeVisible();

    // A save under way when its connection is cut and the server goes down: another connection
    // holds the audit chain's lock, so the password change waits inside its transaction (password
    // updated, other sessions revoked, audit row not yet written). Its backend is cut off first,
    // then the server stops. Left to the shutdown alone, the lock holder's backend could end first
    // and hand the lock on: the save could then finish and commit in the instant before its own
    // backend was stopped, an outcome the app reports as unknown
    // (tests/integration/commit-outcome.pg.test.ts).
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
    await fillPasswordChange(page);
    const blocker = postgres(cluster.url, { max: 1, onnotice: () => {}, connection: { application_name: "tsunagu-test-blocker" } });
    try {
      await blocker`select pg_advisory_lock(${AUDIT_CHAIN_LOCK})`;
      await page.getByRole("button", { name: "Change password" }).click();
      let waiting: number[] = [];
      await expect
        .poll(async () => {
          const rows = await blocker<{ pid: number }[]>`
            select pid from pg_stat_activity where application_name = 'tsunagu' and wait_event = 'advisory'`;
          waiting = rows.map((row) => row.pid);
          return waiting.length;
        }, { timeout: 15_000 })
        .toBe(1);
      const [cut] = await blocker<{ terminated: boolean }[]>`select pg_terminate_backend(${waiting[0]!}) as terminated`;
      expect(cut!.terminated).toBe(true);
      cluster.stop();
    } finally {
      await blocker.end({ timeout: 1 }).catch(() => {});
    }
    const formMessage = page.locator("form [role=alert]");
    await expect(formMessage).toHaveText(UNAVAILABLE_ACTION_MESSAGE, { timeout: 15_000 });
    expect(server.running, "a transaction cut off mid-way does not take the server down").toBe(true);

    // The same form submitted again while the server is down: the same message, promptly.
    await fillPasswordChange(page);
    const started = Date.now();
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/account", { timeout: 15_000 });
    await page.getByRole("button", { name: "Change password" }).click();
    expect((await answered).status()).toBe(200);
    await expect(formMessage).toHaveText(UNAVAILABLE_ACTION_MESSAGE);
    expect(Date.now() - started, "the action answers promptly rather than hanging").toBeLessThan(15_000);

    // A client-side navigation inside the app (no full page load) ends on the same message.
    await mainNav(page).getByRole("link", { name: "Cases" }).click();
    await expect(page.getByRole("heading", { level: 1, name: UNAVAILABLE_TITLE })).toBeVisible();
    await expect(page.getByText(UNAVAILABLE_MESSAGE)).toBeVisible();

    // Health: 503 and nothing but the two words a load balancer needs.
    const down = await page.request.get("/api/health");
    expect(down.status()).toBe(503);
    expect(down.headers()["cache-control"]).toContain("no-store");
    expect(await down.json()).toEqual({ status: "unavailable", database: "unreachable" });

    // A full page load: the plain "temporarily unavailable" page, status 503, nothing technical or personal.
    const outage = await page.goto(`/cases/${caseId}`);
    expect(outage?.status()).toBe(503);
    expect(outage?.headers()["retry-after"]).toBeTruthy();
    expect(outage?.headers()["cache-control"]).toContain("no-store");
    await expect(page.getByRole("heading", { level: 1, name: UNAVAILABLE_TITLE })).toBeVisible();
    await expect(page.getByText(UNAVAILABLE_MESSAGE)).toBeVisible();
    const text = await page.locator("body").innerText();
    for (const leak of [caseReference, clientName, "ECONNREFUSED", "postgres", String(cluster.port), "127.0.0.1", "Error", "digest"]) {
      expect(text, `the outage page must not show "${leak}"`).not.toContain(leak);
    }
    expect(text, "no stack frames").not.toMatch(/\bat \S+ \(|:\d+:\d+/);

    // The sign-in page, too, says why signing in would fail.
    const login = await page.goto("/login");
    expect(login?.status()).toBe(503);

    expect(server.running, "the server process survives the outage").toBe(true);

    cluster.start();

    await expect.poll(async () => (await page.request.get("/api/health")).status(), { timeout: 20_000 }).toBe(200);
    expect(await (await page.request.get("/api/health")).json()).toEqual({ status: "ok", database: "ok" });
    const back = await page.goto(`/cases/${caseId}`);
    expect(back?.status()).toBe(200);
    await expect(page.getByText(caseReference).first()).toBeVisible();

    // The same form goes through now: the session survived, and the change cut off mid-way left
    // nothing behind (had it committed, the demo password would no longer be the current one).
    await page.goto("/account");
    await fillPasswordChange(page);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.locator("form [role=status]")).toBeVisible({ timeout: 15_000 });

    expect(server.running, "the same server process served the whole test").toBe(true);
    expect(server.output).not.toMatch(/uncaughtException|unhandledRejection|Unhandled error|TypeError|Cannot read properties/i);
  } finally {
    await context.close();
  }
});
