import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/demo-accounts";
import { watchBrowser } from "./canary/recorder";

export { expect, DEMO_ACCOUNTS, DEMO_PASSWORD };

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

/** Looks a demo account up by the part of its address before the @, e.g. "counsellor.north". */
export function demoAccount(localPart: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.email === `${localPart}@tsunagu.example`);
  if (!account) throw new Error(`No demo account ${localPart}@tsunagu.example in db/demo-accounts.ts`);
  return account;
}

/** What the main navigation lists, by role (components/shell/navigation.ts). */
const NAV: Record<string, readonly string[]> = {
  admin: ["Home", "Accounts", "Teams", "Factors", "Settings", "Audit trail", "Statistics", "My account"],
  counsellor: ["Home", "Cases", "My account"],
  supervisor: ["Home", "Cases", "Note reviews", "Reports", "Statistics", "My account"],
  analyst: ["Home", "Statistics", "My account"],
};
export const expectedNavFor = (role: string): readonly string[] => NAV[role] ?? [];

export const SIGN_IN_FAILED = "The email or password is incorrect.";
const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

/** Waits for finite CSS/Web animations (dialog and menu transitions) so axe sees the settled page. */
async function settleAnimations(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document.getAnimations().every((animation) => {
          const end = animation.effect?.getComputedTiming().endTime;
          return animation.playState !== "running" || end === undefined || end === Infinity;
        }),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {
      /* A stubborn animation should not hide real findings: analyse anyway. */
    });
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and fails with a readable list when
 * any violation is serious or critical. Call it after every navigation and every significant
 * state change (dialog or menu opened, form submitted).
 */
export async function expectAccessible(page: Page, label?: string): Promise<void> {
  await page.waitForLoadState("domcontentloaded");
  // After a server action re-renders the page, React puts the <title> back a moment after the
  // rest; axe caught that moment once. A page that never gets its title still fails here.
  await expect(page, `the page has a title (${label ?? page.url()})`).toHaveTitle(/\S/);
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const blocking = results.violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact));
  const report = blocking
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      - ${n.target.join(" ")}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
      return `  • [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join("\n");
  const where = `${label ? `${label} — ` : ""}${page.url()}`;
  expect(blocking.length, `Accessibility violations (serious/critical) on ${where}:\n${report}\n`).toBe(0);
}

/** The login form's own error message (not Next's route announcer, which also has role=alert). */
export const loginError = (page: Page): Locator => page.getByTestId("login-error");

export const welcomeHeading = (page: Page): Locator => page.getByRole("heading", { level: 1, name: /^Welcome, / });

/** The main navigation visible at the current viewport (the sidebar on desktop). */
export const mainNav = (page: Page): Locator => page.locator('nav[aria-label="Main"]').filter({ visible: true });

/** Opens /login and checks it is the sign-in page, accessibility included. */
export async function openLogin(page: Page): Promise<void> {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "login page");
}

/** Fills and submits the real login form; the caller decides what should happen next. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in through the real login form and waits for the home page ("Welcome, …").
 * Checks the login page and the home page with axe on the way.
 */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await openLogin(page);
  await submitLogin(page, email, password);
  await expect(loginError(page)).toHaveCount(0);
  await expect(welcomeHeading(page)).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expectAccessible(page, "home page");
}

/** Signs out through the account menu and waits for the login page. Checks the open menu with axe. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("account-menu").click();
  const signOutItem = page.getByRole("menuitem", { name: "Sign out" });
  await expect(signOutItem).toBeVisible();
  await expectAccessible(page, "account menu open");
  // The page behind the open menu is aria-hidden; Tab must not move focus out to it.
  await page.keyboard.press("Tab");
  await expect(signOutItem).toBeVisible();
  expect(
    await page.evaluate(() => !!document.activeElement?.closest('[role="menu"]')),
    "focus stays in the open account menu",
  ).toBe(true);
  await signOutItem.click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "login page after sign-out");
}

type Fixtures = {
  /** signIn bound to this test's page. */
  signIn: (email: string, password?: string) => Promise<void>;
  /** signOut bound to this test's page. */
  signOut: () => Promise<void>;
  /** expectAccessible bound to this test's page. */
  expectAccessible: (label?: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // Every context, however a test opens it, is watched for the canary check (tests/e2e/canary).
  browser: [
    async ({ browser }, use) => {
      watchBrowser(browser);
      await use(browser);
    },
    { scope: "worker" },
  ],
  signIn: async ({ page }, use) => {
    await use((email, password) => signIn(page, email, password));
  },
  signOut: async ({ page }, use) => {
    await use(() => signOut(page));
  },
  expectAccessible: async ({ page }, use) => {
    await use((label) => expectAccessible(page, label));
  },
});
