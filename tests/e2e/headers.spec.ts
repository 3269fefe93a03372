import http from "node:http";
import { demoAccount, expect, signIn, test } from "./fixtures";
import { expectNoPolicyViolations, expectSecurePage, watchPolicyViolations } from "./headers";

// Every page and route cell of the authorisation matrix checks its headers (authz-pages.spec.ts);
// these tests cover what a single response cannot show: the session cookie, the policy really
// blocking a script, and request bodies refused by size.

const counsellor = demoAccount("counsellor.north");
const ONE_MB = 1024 * 1024;

test("the session cookie is HttpOnly and SameSite, and scripts on the page cannot read it", async ({ page, context }) => {
  await signIn(page, counsellor.email);
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => /next-auth\.session-token$/.test(cookie.name));
  expect(session, "a session cookie after signing in").toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(["Lax", "Strict"]).toContain(session!.sameSite);
  expect(session!.path).toBe("/");
  const csrf = cookies.find((cookie) => /next-auth\.csrf-token$/.test(cookie.name));
  expect(csrf?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("the policy blocks an inline handler injected into the page, and the app's own scripts run", async ({ page, context }) => {
  await watchPolicyViolations(context);
  await signIn(page, counsellor.email);
  const response = await page.goto("/cases");
  await expectSecurePage(response, "/cases");
  // The table is interactive only after hydration: the app's scripts ran under the policy.
  await page.getByRole("searchbox", { name: "Search reference or client" }).fill("TSU-");
  await expect(page).toHaveURL(/[?&]q=TSU-/);
  await expectNoPolicyViolations(page, "/cases after typing a search");

  // Injected markup, the usual way a script gets in: an inline handler carries no nonce.
  const ran = await page.evaluate(async () => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="/missing.png" onerror="window.__injected = true" alt="">`;
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran, "an inline handler without the nonce ran").toBe(false);
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  expect(violations.some((v) => v.startsWith("script-src"))).toBe(true);
});

/** A raw POST, so the test decides the body and its framing (Playwright always declares a length). */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    // The server may answer before reading the whole body and close the connection.
    request.on("error", reject);
    request.end(body);
  });
}

test.describe("request bodies", () => {
  const big = Buffer.alloc(2 * ONE_MB, "a");
  const targets = ["/", "/cases/new", "/api/auth/callback/credentials"];

  for (const target of targets) {
    test(`a 2 MB body to ${target} is refused with 413 before it is read`, async ({ baseURL }) => {
      const { status, text } = await post(`${baseURL}${target}`, big, {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(big.length),
      });
      expect(status).toBe(413);
      expect(JSON.parse(text)).toEqual({ error: "The request is larger than 1 MB." });
    });
  }

  test("a body without a declared length is refused with 411", async ({ baseURL }) => {
    const { status } = await post(`${baseURL}/api/auth/callback/credentials`, Buffer.from("email=a"), {
      "content-type": "application/x-www-form-urlencoded",
      "transfer-encoding": "chunked",
    });
    expect(status).toBe(411);
  });

  test("a body just under the limit reaches the handler", async ({ page, baseURL }) => {
    // The sign-in handler reads it and refuses the missing CSRF token in its own way.
    const body = Buffer.from(`email=${"a".repeat(ONE_MB - 100)}`);
    const { status } = await post(`${baseURL}/api/auth/callback/credentials`, body, {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(body.length),
    });
    expect(status).not.toBe(413);
    expect(status).toBeLessThan(500);
    // And the app still serves pages afterwards.
    expect((await page.goto("/login"))?.status()).toBe(200);
  });
});
