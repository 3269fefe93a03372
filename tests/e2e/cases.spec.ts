import type { Locator, Page } from "@playwright/test";
import { demoAccount, expect, expectAccessible, mainNav, signIn, signOut, test } from "./fixtures";

// The tests before the serial block stand alone; each checks one behaviour of the cases screens.
// In the serial block one case travels through the story: a counsellor opens it, a supervisor
// hands it on, other teams and roles cannot see it, and the new counsellor closes and reopens it.

const counsellorNorth = demoAccount("counsellor.north");
const counsellorNorth2 = demoAccount("counsellor.north2");
const supervisorNorth = demoAccount("supervisor.north");
const supervisorSouth = demoAccount("supervisor.south");
const counsellorSouth = demoAccount("counsellor.south");
const admin = demoAccount("admin");
const analyst = demoAccount("analyst");

const stamp = Date.now();
const givenName = `Test${stamp}`;
const familyName = `Family${stamp}`;
const preferredName = `Pref${stamp}`;
const year = new Date().getFullYear();
const FACTORS = ["Social anxiety / phobia", "Bullying", "School refusal"] as const;

/** Shared by the serial block's tests: set by its first one. */
let caseUrl = "";
let reference = "";

const pad = (n: number) => String(n).padStart(2, "0");
const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const yearAgoMonth = () => {
  const d = new Date();
  return `${d.getFullYear() - 1}-${pad(d.getMonth() + 1)}`;
};

const card = (page: Page, heading: string): Locator =>
  page.locator('[data-slot="card"]').filter({ has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });
const caseHeading = (page: Page) => page.getByRole("heading", { level: 1 });
/** The status badge next to the case heading. */
const statusBadge = (page: Page) => caseHeading(page).locator("xpath=..").locator('[data-slot="badge"]').first();
const casesTable = (page: Page) => page.getByRole("table", { name: "Cases" });
const bodyRows = (page: Page) => casesTable(page).locator("tbody tr");
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search reference or client" });
/** The toolbar around the search box holds the facet buttons (column headers have their own "Status"). */
const facet = (page: Page, title: string) =>
  searchBox(page).locator("xpath=..").getByRole("button", { name: new RegExp(`^${title}`) });

async function openCases(page: Page) {
  await mainNav(page).getByRole("link", { name: "Cases" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/cases");
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await expect(casesTable(page)).toBeVisible();
}

async function openCase(page: Page) {
  const response = await page.goto(caseUrl);
  expect(response?.status()).toBe(200);
  await expect(caseHeading(page)).toContainText(reference);
  await expect(caseHeading(page)).toContainText(preferredName);
}

async function expectNotFound(page: Page, path: string, who: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${who} at ${path}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByText(reference)).toHaveCount(0);
  await expect(page.getByText(preferredName)).toHaveCount(0);
  await expectAccessible(page, `not found page for ${who}`);
}

/** Picks a value in an open facet popover and waits for the URL to carry it. */
async function chooseFacet(page: Page, title: string, option: string, param: string) {
  await facet(page, title).click();
  const group = page.getByRole("group", { name: `Filter by ${title.toLowerCase()}` });
  await expect(group).toBeVisible();
  // (axe on the open filter: see "the filter menus of the cases list pass axe when open".)
  await group.getByRole("checkbox", { name: option, exact: true }).check();
  await expect(group.getByRole("checkbox", { name: option, exact: true })).toBeChecked();
  await expect(page).toHaveURL((url) => url.searchParams.has(param));
  await page.keyboard.press("Escape");
  await expect(group).toBeHidden();
  await expect(facet(page, title)).toContainText("1 selected");
}

async function openNewCaseForm(page: Page) {
  await page.getByRole("link", { name: "New case" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "New case" })).toBeVisible();
  await expectAccessible(page, "new case form");
}

/** A field's own error: shown beside it, marked invalid and read out with it. */
async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

test("an empty new-case form is refused with a message beside each missing field", async ({ page }) => {
  await signIn(page, counsellorNorth.email);
  await openCases(page);
  await openNewCaseForm(page);

  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need attention." })).toBeVisible();
  // Both missing fields are named at once, not one per attempt.
  await expect(page.getByText("Choose the referral source.")).toBeVisible();
  await expect(page.getByText("Enter the client's given name.")).toBeVisible();
  await expectFieldError(page.getByLabel("Referral source"), "Choose the referral source.");
  await expectFieldError(page.getByLabel("Given name"), "Enter the client's given name.");
  await expect(page).toHaveURL((url) => url.pathname === "/cases/new");
  await expectAccessible(page, "new case form with errors");
});

test("the filter menus of the cases list pass axe when open", async ({ page }) => {
  test.slow();
  await signIn(page, supervisorNorth.email);
  await openCases(page);
  await expectAccessible(page, "cases list for a supervisor");
  for (const title of ["Status", "Risk", "Factor", "Counsellor"]) {
    await facet(page, title).click();
    const group = page.getByRole("group", { name: `Filter by ${title.toLowerCase()}` });
    await expect(group).toBeVisible();
    await expect(group.getByRole("checkbox").first()).toBeVisible();
    await expectAccessible(page, `${title} filter open`);
    await page.keyboard.press("Escape");
    await expect(group).toBeHidden();
  }
});

test("after each status change the status form offers the case's next steps", async ({ page }) => {
  test.slow();
  // A referred demo case of another counsellor, so the serial story below is not disturbed.
  await signIn(page, counsellorSouth.email);
  await openCases(page);
  await chooseFacet(page, "Status", "Referred", "status");
  await expect(bodyRows(page).first().getByRole("link")).toBeVisible();
  await expectAccessible(page, "referred cases");
  await bodyRows(page).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(statusBadge(page)).toHaveText("Referred");
  const statusPanel = card(page, "Status");
  const moveTo = statusPanel.getByLabel("Move to");
  const submit = statusPanel.locator('button[type="submit"]');
  await expect(moveTo).toHaveValue("assessment");
  await expect(submit).toHaveText("Move to assessment");
  await submit.click();
  await expect(statusBadge(page)).toHaveText("Assessment");
  await expectAccessible(page, "case moved to assessment");

  // The form now offers assessment's next steps; the button must name the step shown in the select.
  await expect(moveTo.locator("option")).toHaveText(["Active", "Closed"]);
  await expect(moveTo).toHaveValue("active");
  await expect.soft(submit, "the button names the step the select shows").toHaveText("Move to active");

  await moveTo.selectOption({ label: "Closed" });
  await statusPanel.getByLabel("Closure outcome").selectOption({ label: "Transferred / referred on" });
  await statusPanel.getByRole("button", { name: "Close case" }).click();
  await expect(statusBadge(page)).toHaveText("Closed");
  await expectAccessible(page, "case closed from assessment");

  // A closed case offers reopening only: no closing fields, a reason instead.
  const reopenAs = statusPanel.getByLabel("Reopen as");
  await expect(reopenAs.locator("option")).toHaveText(["Assessment", "Active"]);
  await expect(reopenAs).toHaveValue("assessment");
  await expect.soft(statusPanel.getByLabel("Closure outcome"), "no closure outcome on a closed case").toHaveCount(0);
  await expect.soft(statusPanel.getByLabel("Why is the case reopened?"), "reopening asks why").toBeVisible();
  await expect.soft(submit, "the button names the step the select shows").toHaveText("Reopen case");
});

test.describe.serial("one case, from referral to reopening", () => {
  test("a counsellor opens a case, tags factors, activates it and finds it again", async ({ page, context }) => {
    test.slow();
    await signIn(page, counsellorNorth.email);
    await openCases(page);
    await expectAccessible(page, "cases list");
    await openNewCaseForm(page);

    // A refused submission says what is missing and keeps what was typed.
    const given = page.getByLabel("Given name");
    const family = page.getByLabel("Family name");
    const referralSource = page.getByLabel("Referral source");
    await family.fill(familyName);
    await given.fill(givenName);
    await page.getByRole("button", { name: "Create case" }).click();
    await expect(page.getByText("Choose the referral source.")).toBeVisible();
    await expectFieldError(referralSource, "Choose the referral source.");
    await expect(page.getByText("Enter the client's given name.")).toHaveCount(0);
    await expect(family).toHaveValue(familyName);
    await expect(given).toHaveValue(givenName);
    await expect(page).toHaveURL((url) => url.pathname === "/cases/new");
    await expectAccessible(page, "new case form refused");

    await page.getByLabel("Preferred name").fill(preferredName);
    await page.getByLabel("Sex / gender").selectOption({ label: "Non-binary" });
    await referralSource.selectOption({ label: "Family" });
    await expect(page.getByLabel("Referral date")).toHaveValue(todayIso());
    await page.getByLabel("Withdrawal began").fill(yearAgoMonth());
    await page.getByLabel("Risk level").selectOption({ label: "Medium" });
    await page.getByRole("button", { name: "Create case" }).click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(caseHeading(page)).toContainText(`TSU-${year}-`);
    await expect(caseHeading(page)).toContainText(preferredName);
    await expect(statusBadge(page)).toHaveText("Referred");
    caseUrl = new URL(page.url()).pathname;
    reference = (await caseHeading(page).textContent())!.match(/TSU-\d{4}-\d+/)![0];
    await expectAccessible(page, "new case page");

    // Factors: tag three, mark one as primary, read the history.
    const factorsPanel = card(page, "Contributing factors");
    await expect(factorsPanel.getByText("No factors tagged yet.")).toBeVisible();
    for (const [index, name] of FACTORS.entries()) {
      await factorsPanel.getByLabel("Add a factor").selectOption({ label: name });
      await factorsPanel.getByRole("button", { name: "Add", exact: true }).click();
      await expect(factorsPanel.getByRole("listitem").filter({ hasText: name })).toHaveCount(1);
      await expect(factorsPanel.getByRole("button", { name: /^Remove / })).toHaveCount(index + 1);
      await expect(factorsPanel.getByRole("button", { name: "Add", exact: true })).toBeEnabled();
      // A tagged factor is no longer offered.
      await expect(factorsPanel.getByLabel("Add a factor").getByRole("option", { name, exact: true })).toHaveCount(0);
    }
    await expectAccessible(page, "case with three factors");

    await factorsPanel.getByRole("button", { name: "Mark Bullying as primary" }).click();
    await expect(factorsPanel.getByRole("listitem").filter({ hasText: "Bullying" })).toContainText("(primary)");
    await expect(factorsPanel.getByRole("button", { name: "Mark Bullying as primary" })).toHaveCount(0);
    await expect(factorsPanel.getByText("(primary)")).toHaveCount(1);
    for (const other of ["Social anxiety / phobia", "School refusal"]) {
      await expect(factorsPanel.getByRole("button", { name: `Mark ${other} as primary` })).toBeVisible();
    }

    await factorsPanel.getByRole("button", { name: "Show tagging history" }).click();
    const historyEntries = factorsPanel.getByRole("listitem").filter({ hasText: `by ${counsellorNorth.name}` });
    await expect(historyEntries).toHaveCount(FACTORS.length);
    for (const name of FACTORS) await expect(historyEntries.filter({ hasText: name })).toHaveCount(1);
    await expectAccessible(page, "factor tagging history");

    // Status: referred → assessment → active.
    const statusPanel = card(page, "Status");
    await statusPanel.getByLabel("Move to").selectOption({ label: "Assessment" });
    await statusPanel.getByRole("button", { name: "Move to assessment" }).click();
    await expect(statusBadge(page)).toHaveText("Assessment");
    await expect(statusPanel.getByRole("status")).toContainText("Status changed.");
    await statusPanel.getByLabel("Move to").selectOption({ label: "Active" });
    await statusPanel.getByRole("button", { name: "Move to active" }).click();
    await expect(statusBadge(page)).toHaveText("Active");
    await expect(page.getByText(`Active · counsellor ${counsellorNorth.name}`)).toBeVisible();
    await expectAccessible(page, "case moved to active");

    await statusPanel.getByText("Status history").click();
    const statusEntries = statusPanel.locator("details ol > li");
    // Newest first, each with when and by whom.
    await expect(statusEntries).toHaveText([/^Active from assessment/, /^Assessment from referred/, /^Referred(?! from)/]);
    for (let i = 0; i < 3; i++) await expect(statusEntries.nth(i)).toContainText(counsellorNorth.name);
    await expectAccessible(page, "status history open");

    // Identity is shown only on request.
    const identityPanel = card(page, "Identity and contacts");
    await expect(identityPanel.getByText(givenName)).toHaveCount(0);
    await identityPanel.getByRole("button", { name: "Show identity" }).click();
    await expect(identityPanel.getByText(`${givenName} ${familyName}`, { exact: true })).toBeVisible();
    await expect(identityPanel.locator("dd").getByText("Non-binary", { exact: true })).toBeVisible();
    await expect(identityPanel.getByRole("button", { name: "Hide" })).toBeVisible();
    await expectAccessible(page, "identity revealed");

    // Find it again in the list: by reference…
    await openCases(page);
    await searchBox(page).fill(reference);
    await expect(page).toHaveURL((url) => url.searchParams.get("q") === reference);
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page).first()).toContainText(reference);
    await expect(bodyRows(page).first()).toContainText(preferredName);
    await expect(bodyRows(page).first()).toContainText("Bullying");
    await expectAccessible(page, "cases searched by reference");
    await searchBox(page).fill("");
    await expect(page).toHaveURL((url) => !url.searchParams.has("q"));
    await expect(bodyRows(page).nth(1)).toBeVisible();

    // …and by status and factor, in a view that can be bookmarked.
    await chooseFacet(page, "Status", "Active", "status");
    await expect(page).toHaveURL((url) => url.searchParams.get("status") === "active");
    await chooseFacet(page, "Factor", "Bullying", "factor");
    await expect(page).toHaveURL(
      (url) => url.searchParams.get("status") === "active" && /^[0-9a-f-]{36}$/.test(url.searchParams.get("factor") ?? ""),
    );
    const row = bodyRows(page).filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Active");
    const shown = await bodyRows(page).count();
    for (let i = 0; i < shown; i++) await expect(bodyRows(page).nth(i)).toContainText("Active");
    await expectAccessible(page, "cases filtered by status and factor");

    const bookmark = page.url();
    const again = await context.newPage();
    await again.goto(bookmark);
    await expect(again.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
    await expect(bodyRows(again).filter({ hasText: reference })).toHaveCount(1);
    await expect(bodyRows(again)).toHaveCount(shown);
    await expect(facet(again, "Status")).toContainText("1 selected");
    await expect(facet(again, "Factor")).toContainText("1 selected");
    await expectAccessible(again, "bookmarked filtered view");
    await again.close();

    // The row opens the case.
    await row.getByRole("link", { name: reference }).click();
    await expect(page).toHaveURL((url) => url.pathname === caseUrl);
    await expect(caseHeading(page)).toContainText(reference);
  });

  test("a supervisor reassigns the case and the first counsellor loses it", async ({ page }) => {
    test.slow();
    expect(caseUrl, "the first test created the case").not.toBe("");
    await signIn(page, supervisorNorth.email);
    await openCase(page);
    await expectAccessible(page, "case page for the supervisor");

    const assignment = card(page, "Assignment");
    const newCounsellor = assignment.getByLabel("New counsellor");
    await expect(newCounsellor.getByRole("option", { name: counsellorNorth.name })).toHaveCount(0);
    await newCounsellor.selectOption({ label: counsellorNorth2.name });
    await assignment.getByRole("button", { name: "Reassign" }).click();
    await expect(assignment.getByRole("status")).toContainText("Case reassigned.");
    await expect(page.getByText(`Active · counsellor ${counsellorNorth2.name}`)).toBeVisible();
    await expect(card(page, "Details").getByRole("definition").filter({ hasText: counsellorNorth2.name })).toHaveCount(1);
    await expectAccessible(page, "case reassigned");
    await signOut(page);

    // The first counsellor no longer sees it, neither directly nor in the list.
    await signIn(page, counsellorNorth.email);
    await expectNotFound(page, caseUrl, counsellorNorth.email);
    await page.goto("/");
    await openCases(page);
    await searchBox(page).fill(reference);
    await expect(page).toHaveURL((url) => url.searchParams.get("q") === reference);
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page).first()).toHaveText("No cases match these filters.");
    await expect(page.getByText(preferredName)).toHaveCount(0);
    await expectAccessible(page, "former counsellor's empty search");
    await signOut(page);

    // The new counsellor does.
    await signIn(page, counsellorNorth2.email);
    await openCase(page);
    await expect(page.getByText(`Active · counsellor ${counsellorNorth2.name}`)).toBeVisible();
    await expect(card(page, "Assignment")).toHaveCount(0);
    await expectAccessible(page, "case page for the new counsellor");
  });

  test("other teams and roles cannot open a case", async ({ page }) => {
    test.slow();
    expect(caseUrl, "the first test created the case").not.toBe("");
    for (const account of [supervisorSouth, counsellorSouth]) {
      await signIn(page, account.email);
      await expectNotFound(page, caseUrl, account.email);
      await page.goto("/cases");
      await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
      await searchBox(page).fill(reference);
      await expect(page).toHaveURL((url) => url.searchParams.get("q") === reference);
      await expect(bodyRows(page)).toHaveCount(1);
      await expect(bodyRows(page).first()).toHaveText("No cases match these filters.");
      await expectAccessible(page, `empty search for ${account.email}`);
      await signOut(page);
    }
    for (const account of [admin, analyst]) {
      await signIn(page, account.email);
      await expect(mainNav(page).getByRole("link", { name: "Cases" })).toHaveCount(0);
      await expectNotFound(page, "/cases", account.email);
      await expectNotFound(page, caseUrl, account.email);
      await expectNotFound(page, "/cases/new", account.email);
      await page.goto("/");
      await signOut(page);
    }
  });

  test("closing needs an outcome, reopening needs a reason", async ({ page }) => {
    test.slow();
    expect(caseUrl, "the first test created the case").not.toBe("");
    await signIn(page, counsellorNorth2.email);
    await openCase(page);
    await expect(statusBadge(page)).toHaveText("Active");
    const statusPanel = card(page, "Status");

    // Closing: the outcome field appears and is required.
    await expect(statusPanel.getByLabel("Closure outcome")).toHaveCount(0);
    await statusPanel.getByLabel("Move to").selectOption({ label: "Closed" });
    const outcome = statusPanel.getByLabel("Closure outcome");
    await expect(outcome).toBeVisible();
    await expect(outcome).toHaveValue("");
    await expectAccessible(page, "closing form");
    // The server refuses and says so beside the field.
    await statusPanel.getByRole("button", { name: "Close case" }).click();
    await expectFieldError(outcome, "Closing a case needs a closure outcome.");
    await expect(statusPanel.getByRole("alert")).toContainText("Some fields need attention.");
    await expect(statusBadge(page)).toHaveText("Active");
    await expectAccessible(page, "closing refused without an outcome");

    await outcome.selectOption({ label: "Community activity / volunteering" });
    await statusPanel.getByRole("button", { name: "Close case" }).click();
    await expect(statusBadge(page)).toHaveText("Closed");
    await expect(card(page, "Details").getByRole("definition").filter({ hasText: "Community activity / volunteering" })).toHaveCount(1);
    await expectAccessible(page, "case closed");

    // Reopening: asks why.
    const reopenAs = statusPanel.getByLabel("Reopen as");
    await expect(reopenAs).toBeVisible();
    await reopenAs.selectOption({ label: "Active" });
    const reason = statusPanel.getByLabel("Why is the case reopened?");
    await expect(reason).toBeVisible();
    await expect(statusPanel.getByLabel("Closure outcome")).toHaveCount(0);
    await statusPanel.getByRole("button", { name: "Reopen case" }).click();
    await expectFieldError(reason, "Say why the case is being reopened.");
    await expect(statusBadge(page)).toHaveText("Closed");
    await expectAccessible(page, "reopening refused without a reason");

    await reason.fill("The family called: he wants to try again.");
    await statusPanel.getByRole("button", { name: "Reopen case" }).click();
    await expect(statusBadge(page)).toHaveText("Active");
    await statusPanel.getByText("Status history").click();
    await expect(statusPanel.locator("details ol > li").filter({ hasText: "Active from closed" })).toContainText(
      "The family called: he wants to try again.",
    );
    await expectAccessible(page, "case reopened");
  });
});
