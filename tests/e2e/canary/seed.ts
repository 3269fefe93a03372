import { demoAccount, expect, signIn, test } from "../fixtures";
import { CANARY } from "./values";

// Runs before the suite (the "canary-seed" project in playwright.config.ts): the canary client's
// record is entered the way a counsellor would, so every later test runs with it in the database.
// It belongs to the counsellor the story tests use least, so their case lists stay as they expect.

const counsellor = demoAccount("counsellor.north2");
const supervisor = demoAccount("supervisor.north");

test("a counsellor records the canary client, a signed note about them, and a supervisor reads it", async ({ page, browser }) => {
  test.slow();
  await signIn(page, counsellor.email);
  await page.goto("/cases/new");
  await page.getByLabel("Given name").fill(CANARY.givenName);
  await page.getByLabel("Family name").fill(CANARY.familyName);
  await page.getByLabel("Date of birth").fill(CANARY.dateOfBirth);
  await page.getByLabel("Address").fill(CANARY.address);
  await page.getByLabel("Referral source").selectOption({ label: "Family" });
  await page.getByRole("button", { name: "Create case" }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CANARY.givenName);

  await page.getByRole("link", { name: "New note" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New session note" })).toBeVisible();
  await page.getByLabel("Type of session").selectOption({ label: "Home visit" });
  await page.getByLabel("Subjective", { exact: true }).fill(CANARY.noteText);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Draft saved at/ })).toBeVisible();
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);
  await page.goto(page.url());
  await page.getByRole("button", { name: "Sign note…" }).click();
  await page.getByRole("dialog", { name: "Sign this note?" }).getByRole("button", { name: "Sign and lock" }).click();
  await expect(page.getByText("Unchanged since signing")).toBeVisible();
  await expect(page.getByText(CANARY.noteText)).toBeVisible();

  await page.goto(caseUrl);
  await page.getByRole("button", { name: "Show identity" }).click();
  await expect(page.getByText(CANARY.address)).toBeVisible();

  const context = await browser.newContext();
  const supervisorPage = await context.newPage();
  await signIn(supervisorPage, supervisor.email);
  await supervisorPage.goto(caseUrl);
  await expect(supervisorPage.getByRole("heading", { level: 1 })).toContainText(CANARY.givenName);
  await supervisorPage.goto(`${caseUrl}/access`);
  await expect(supervisorPage.getByRole("table")).toContainText(counsellor.name);
  await context.close();
});
