import type { Page } from "@playwright/test";
import {
  DEMO_ACCOUNTS,
  expectedNavFor,
  demoAccount,
  expect,
  expectAccessible,
  mainNav,
  signIn,
  signOut,
  test,
  welcomeHeading,
} from "./fixtures";

const admin = demoAccount("admin");

const accountsTable = (page: Page) => page.getByRole("table", { name: "Accounts" });
const bodyRows = (page: Page) => accountsTable(page).locator("tbody tr");

async function openAccounts(page: Page) {
  await mainNav(page).getByRole("link", { name: "Accounts" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await expect(accountsTable(page)).toBeVisible();
  await expectAccessible(page, "accounts page");
}

test("an administrator creates a counsellor who then sets a password and signs in", async ({ page }) => {
  test.slow(); // A dozen axe runs on a small machine: give it more than the default 60 s.
  const stamp = Date.now();
  const name = "Sora Fujimoto";
  const email = `new.counsellor.${stamp}@tsunagu.example`;
  const password = "amber-meadow-kettle-93";

  await signIn(page, admin.email);
  await openAccounts(page);
  for (const account of DEMO_ACCOUNTS) {
    await expect(accountsTable(page).getByRole("row").filter({ hasText: account.email })).toHaveCount(1);
  }

  // Create the account.
  await page.getByRole("button", { name: "New account" }).click();
  const dialog = page.getByRole("dialog", { name: "New account" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, "new account dialog");
  await dialog.getByLabel("Full name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption({ label: "Counsellor" });
  await dialog.getByLabel("Team").selectOption({ label: "North" });
  await dialog.getByRole("button", { name: "Create account" }).click();

  const created = page.getByRole("dialog", { name: "Account created" });
  await expect(created).toBeVisible();
  const linkInput = created.getByTestId("password-link");
  await expect(linkInput).toHaveValue(/\/set-password#.+/);
  await expectAccessible(page, "account created dialog");
  const link = await linkInput.inputValue();
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);

  await created.getByRole("button", { name: "Done" }).click();
  await expect(created).toBeHidden();
  const newRow = accountsTable(page).getByRole("row").filter({ hasText: email });
  await expect(newRow).toHaveCount(1);
  await expect(newRow).toContainText("Awaiting password");
  await expect(newRow).toContainText("North");
  await expectAccessible(page, "accounts page with the new account");

  await signOut(page);

  // Set the password with the link.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  await expectAccessible(page, "set-password page");
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is set" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to sign in" })).toBeVisible();
  await expectAccessible(page, "set-password page after success");

  // The link works once. (Leave the page first: the same URL with a fragment would not reload.)
  await page.goto("/login");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Set your password" })).toBeVisible();
  await expectAccessible(page, "set-password page, second visit");
  await page.getByLabel("New password", { exact: true }).fill("other-willow-basket-58");
  await page.getByLabel("Repeat the new password").fill("other-willow-basket-58");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("This link has expired or has already been used").first()).toBeVisible();
  await expect(page.getByText("Your password is set")).toHaveCount(0);
  await expectAccessible(page, "set-password page with used link");

  // The new counsellor signs in with the password they chose.
  await signIn(page, email, password);
  await expect(welcomeHeading(page)).toHaveText(`Welcome, ${name}`);
  await expect(mainNav(page).getByRole("link")).toHaveText([...expectedNavFor("counsellor")]);
});

test("the accounts table filters by search and sorts by name through the URL", async ({ page }) => {
  test.slow();
  await signIn(page, admin.email);
  await openAccounts(page);

  // Search narrows the rows and is written to ?q=.
  const term = "north";
  const matching = DEMO_ACCOUNTS.filter((a) => `${a.name} ${a.email}`.toLowerCase().includes(term));
  const allBefore = await bodyRows(page).count();
  expect(matching.length).toBeGreaterThan(0);
  expect(matching.length).toBeLessThan(allBefore);

  await page.getByRole("searchbox", { name: "Search name or email" }).fill(term);
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === term);
  await expect(bodyRows(page)).toHaveCount(matching.length);
  for (const account of matching) {
    await expect(bodyRows(page).filter({ hasText: account.email })).toHaveCount(1);
  }
  await expect(bodyRows(page).filter({ hasText: admin.email })).toHaveCount(0);
  await expectAccessible(page, "accounts filtered by search");

  // Clearing the search brings every row back and removes ?q=.
  await page.getByRole("searchbox", { name: "Search name or email" }).fill("");
  await expect(page).toHaveURL((url) => !url.searchParams.has("q"));
  await expect(bodyRows(page)).toHaveCount(allBefore);

  // Sorting by name is written to ?sort=name and orders the rows.
  const names = () => bodyRows(page).locator("td:first-child .font-medium").allTextContents();
  await accountsTable(page).getByRole("button", { name: /^Name/ }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "name");
  await expect(accountsTable(page).getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(async () => {
    const shown = await names();
    expect(shown).toEqual([...shown].sort((a, b) => a.localeCompare(b)));
  }).toPass();
  await expectAccessible(page, "accounts sorted by name");

  await accountsTable(page).getByRole("button", { name: /^Name/ }).click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("sort") === "name" && url.searchParams.get("dir") === "desc",
  );
  await expect(accountsTable(page).getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");
  await expect(async () => {
    const shown = await names();
    expect(shown).toEqual([...shown].sort((a, b) => b.localeCompare(a)));
  }).toPass();
  await expectAccessible(page, "accounts sorted by name, descending");
});
