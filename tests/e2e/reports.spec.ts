import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { demoAccount, expect, expectAccessible, mainNav, signIn, test } from "./fixtures";
import { parseCsv } from "../support/csv";

const supervisorNorth = demoAccount("supervisor.north");
const counsellorNorth = demoAccount("counsellor.north");

/** A table's body as text cells, the way a spreadsheet would read its CSV. */
async function tableCells(page: Page, name: string) {
  const table = page.getByRole("region", { name }).getByRole("table");
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => (cell.textContent ?? "").trim())),
  );
}


test("a supervisor reads the team report, changes the period, downloads a table and drills into a counsellor's cases", async ({ page }) => {
  test.slow();
  await signIn(page, supervisorNorth.email);
  await mainNav(page).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team reports" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Last 12 months" })).toHaveAttribute("aria-current", "true");
  // Charts render as SVG bars beside their tables.
  await expect(page.locator('[data-slot="chart"] .recharts-bar-rectangle').first()).toBeVisible();
  await expectAccessible(page, "team report");

  // A preset and a custom range both land in the URL.
  await page.getByRole("link", { name: "Last 3 months" }).click();
  await expect(page).toHaveURL(/preset=3m/);
  await expect(page.getByRole("link", { name: "Last 3 months" })).toHaveAttribute("aria-current", "true");
  const form = page.getByRole("form", { name: "Custom period" });
  await form.getByLabel("From").fill("2025-01-01");
  await form.getByLabel("To").fill("2026-10-31");
  await form.getByRole("button", { name: "Show period" }).click();
  await expect(page).toHaveURL(/from=2025-01-01&to=2026-10-31/);
  await expect(page.getByText("1 Jan 2025 – 31 Oct 2026")).toBeVisible();

  // The CSV says what the table says.
  const shown = await tableCells(page, "Caseload per counsellor");
  expect(shown.length).toBeGreaterThan(0);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Caseload per counsellor as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("tsunagu-caseload-2025-01-01-to-2026-10-31.csv");
  const csv = parseCsv(await readFile((await download.path())!, "utf8"));
  expect(csv[0]).toEqual(["Counsellor", "Open cases today", "New referrals", "Closed", "Sessions", "Hours of contact", "Median days since last contact (open cases today)", "No contact 30+ days today"]);
  expect(csv.slice(1).map((row) => row.map((cell) => (cell === "" ? "—" : cell)))).toEqual(shown);

  // Drill into the first counsellor's cases: the cases list opens already filtered to them.
  const first = page.getByRole("region", { name: "Caseload per counsellor" }).locator("tbody tr").first().getByRole("link");
  const counsellor = (await first.textContent())!;
  const openCases = Number(shown[0]![1]);
  await first.click();
  await expect(page).toHaveURL(/\/cases\?counsellor=[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Cases" }).locator("tbody tr");
  await expect(rows.first()).toContainText(counsellor);
  expect(openCases).toBeGreaterThanOrEqual(0);
});

/** The administrator's switch for the service-wide scope (reports and statistics); leaves the browser signed out. */
async function allowSupervisorsTheService(page: Page, allowed: boolean) {
  await page.context().clearCookies();
  await signIn(page, demoAccount("admin").email);
  await page.goto("/admin/settings");
  await page.getByLabel(/Supervisors may see reports and export statistics for the whole service/).setChecked(allowed);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await page.context().clearCookies();
}

test("once an administrator allows it, a supervisor switches to the whole-service report and downloads its tables", async ({ page }) => {
  test.slow();
  await signIn(page, supervisorNorth.email);
  await page.goto("/reports");
  await expect(page.getByRole("navigation", { name: "Report scope" })).toHaveCount(0);
  // Asking for the service by URL alone shows the team report while the scope is not allowed.
  await page.goto("/reports?scope=service");
  await expect(page.getByRole("heading", { level: 1, name: "Team reports" })).toBeVisible();
  expect((await page.request.get("/api/reports/caseload?preset=12m&scope=service")).status()).toBe(404);
  const teamRows = (await tableCells(page, "Caseload per counsellor")).length;

  await allowSupervisorsTheService(page, true);
  try {
    await signIn(page, supervisorNorth.email);
    await page.goto("/reports?preset=6m");
    await page.getByRole("navigation", { name: "Report scope" }).getByRole("link", { name: "Whole service" }).click();
    await expect(page).toHaveURL(/scope=service&preset=6m/);
    await expect(page.getByRole("heading", { level: 1, name: "Service reports" })).toBeVisible();
    await expectAccessible(page, "service report");
    // Every team's counsellors, with no drill-down into cases outside the supervisor's team.
    const shown = await tableCells(page, "Caseload per counsellor");
    expect(shown.length).toBeGreaterThan(teamRows);
    await expect(page.getByRole("region", { name: "Caseload per counsellor" }).getByRole("link")).toHaveCount(0);
    // The period links keep the scope, and the download is the service's table.
    await page.getByRole("link", { name: "Last 12 months" }).click();
    await expect(page).toHaveURL(/scope=service&preset=12m/);
    const link = page.getByRole("link", { name: "Download Caseload per counsellor as CSV" });
    await expect(link).toHaveAttribute("href", /&scope=service$/);
    const csv = parseCsv(await (await page.request.get((await link.getAttribute("href"))!)).text());
    expect(csv.slice(1).map((row) => row.map((cell) => (cell === "" ? "—" : cell)))).toEqual(await tableCells(page, "Caseload per counsellor"));
  } finally {
    await allowSupervisorsTheService(page, false);
  }
});

test("counsellors have no reports screen and no report downloads", async ({ page }) => {
  await signIn(page, counsellorNorth.email);
  await expect(mainNav(page).getByRole("link", { name: "Reports" })).toHaveCount(0);
  const response = await page.goto("/reports");
  expect(response?.status()).toBe(404);
  const download = await page.request.get("/api/reports/caseload?preset=12m");
  expect(download.status()).toBe(404);
  await page.context().clearCookies();
  expect((await page.request.get("/api/reports/caseload?preset=12m")).status()).toBe(401);
});

test("a counsellor's home lists what needs doing, each item opening its case", async ({ page }) => {
  await signIn(page, counsellorNorth.email);
  for (const panel of ["Open flags", "Planned contacts", "No contact in 30+ days", "HQ-25 due", "Unsigned drafts older than 24 hours", "Recent activity"]) {
    await expect(page.getByRole("heading", { level: 2, name: panel })).toBeVisible();
  }
  const due = page.locator('[data-slot="card"]').filter({ has: page.getByRole("heading", { level: 2, name: /^HQ-25 due/ }) });
  const link = due.getByRole("link").first();
  await expect(link).toBeVisible();
  const reference = (await link.textContent())!.match(/TSU-\d{4}-\d+/)![0];
  await link.click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/outcomes$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await expect(page.getByText(/An HQ-25 is due|The next HQ-25 is due/)).toBeVisible();
});
