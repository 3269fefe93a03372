import type { APIResponse, BrowserContext, Page, Response } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * The headers every response of Tsunagu must carry (see proxy.ts and next.config.js), checked on
 * every page and route-handler cell of the authorisation matrix and in headers.spec.ts.
 */

/** The policy's directives by name, e.g. { "script-src": ["'self'", "'nonce-…'"] }. */
export function parsePolicy(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** Returns the script nonce the policy allows, after checking the policy is the strict one. */
export function expectStrictPolicy(header: string | undefined, where: string): string {
  expect(header, `${where}: Content-Security-Policy`).toBeTruthy();
  const policy = parsePolicy(header!);
  expect(policy.get("object-src"), `${where}: object-src`).toEqual(["'none'"]);
  expect(policy.get("base-uri"), `${where}: base-uri`).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors"), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(policy.get("form-action"), `${where}: form-action`).toEqual(["'self'"]);
  expect(policy.get("default-src"), `${where}: default-src`).toEqual(["'self'"]);
  const scripts = policy.get("script-src") ?? [];
  expect(scripts, `${where}: script-src allows no inline script without the nonce`).not.toContain("'unsafe-inline'");
  expect(scripts, `${where}: script-src allows no eval in production`).not.toContain("'unsafe-eval'");
  const nonces = scripts.filter((source) => source.startsWith("'nonce-"));
  expect(nonces, `${where}: one script nonce`).toHaveLength(1);
  const nonce = nonces[0]!.slice("'nonce-".length, -1);
  expect(nonce.length, `${where}: the nonce has 128 bits`).toBeGreaterThanOrEqual(22);
  return nonce;
}

type AnyResponse = Response | APIResponse;

/** The headers every response carries, pages and downloads alike. */
export function expectSecureHeaders(response: AnyResponse, where: string): string {
  const headers = response.headers();
  expect(headers["x-content-type-options"], `${where}: nosniff`).toBe("nosniff");
  expect(headers["referrer-policy"], `${where}: Referrer-Policy`).toBe("no-referrer");
  expect(headers["x-frame-options"], `${where}: X-Frame-Options`).toBe("DENY");
  expect(headers["strict-transport-security"], `${where}: HSTS`).toMatch(/max-age=\d{8,}/);
  expect(headers["cache-control"], `${where}: Cache-Control`).toMatch(/\bno-store\b/);
  expect(headers["x-powered-by"], `${where}: no X-Powered-By`).toBeUndefined();
  return expectStrictPolicy(headers["content-security-policy"], where);
}

/** A page: the headers above, and every script in its HTML carries this response's nonce. */
export async function expectSecurePage(response: Response | null, where: string): Promise<void> {
  expect(response, `${where}: a response`).toBeTruthy();
  const nonce = expectSecureHeaders(response!, where);
  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${where}: the page has scripts`).toBeGreaterThan(0);
  const withoutNonce = scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`));
  expect(withoutNonce, `${where}: scripts without this response's nonce`).toEqual([]);
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every policy violation the browser reports in this context's pages. */
export async function watchPolicyViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations!.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
}

export async function expectNoPolicyViolations(page: Page, where: string): Promise<void> {
  const violations = await page.evaluate(() => window.__cspViolations ?? null);
  expect(violations, `${where}: the violation recorder ran`).not.toBeNull();
  expect(violations, `${where}: Content-Security-Policy violations`).toEqual([]);
}
