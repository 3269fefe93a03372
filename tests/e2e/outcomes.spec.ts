import type { Locator, Page } from "@playwright/test";
import { format, subDays } from "date-fns";
import { demoAccount, expect, expectAccessible, signIn, test } from "./fixtures";

const counsellorNorth = demoAccount("counsellor.north");
const iso = (daysAgo: number) => format(subDays(new Date(), daysAgo), "yyyy-MM-dd");

const card = (page: Page, heading: string | RegExp): Locator =>
  page.locator('[data-slot="card"]').filter({ has: page.getByRole("heading", { level: 2, name: heading }) });
const measureForm = (page: Page) => page.getByRole("form", { name: "Record a measure" });

async function recordHq25(page: Page, date: string, total: number) {
  const form = measureForm(page);
  await form.getByLabel("Instrument").selectOption({ label: "Hikikomori Questionnaire (HQ-25)" });
  await form.getByLabel("Date administered").fill(date);
  await form.getByLabel("Total (0–100)").fill(String(total));
  await form.getByRole("button", { name: "Record result" }).click();
  await expect(form.getByText(`Recorded: ${total},`)).toBeVisible();
}

/** Answers the nine PHQ-9 items; `answers` are the option values 0–3 in item order. */
async function recordPhq9(page: Page, date: string, answers: number[]) {
  const form = measureForm(page);
  await form.getByLabel("Instrument").selectOption({ label: "Patient Health Questionnaire (PHQ-9)" });
  await form.getByLabel("Date administered").fill(date);
  const items = form.getByRole("group");
  await expect(items).toHaveCount(9);
  for (const [index, value] of answers.entries()) {
    await items.nth(index).getByRole("radio").nth(value).check();
  }
  await form.getByRole("button", { name: "Record result" }).click();
  await expect(form.getByText(`Recorded: ${answers.reduce((a, b) => a + b, 0)},`)).toBeVisible();
}

test("a counsellor records measures and a milestone, sees the trend, and closes the case with an outcome", async ({ page }) => {
  test.slow();
  await signIn(page, counsellorNorth.email);
  // A referred case: it has no results yet, so the charts show exactly what this test enters.
  await page.goto("/cases?status=referred");
  await page.getByRole("table", { name: "Cases" }).locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();
  await page.getByRole("navigation", { name: "Case views" }).getByRole("link", { name: "Outcomes" }).click();
  await expect(page).toHaveURL(`${caseUrl}/outcomes`);
  await expect(page.getByRole("heading", { level: 2, name: "Measures" })).toBeVisible();
  await expectAccessible(page, "outcomes, no results");

  await recordHq25(page, iso(20), 55);
  await recordHq25(page, iso(1), 38);
  await recordPhq9(page, iso(20), [2, 2, 2, 2, 2, 2, 2, 2, 0]);
  // Item 9 answered above 0 tells the counsellor at once and raises the flag.
  await recordPhq9(page, iso(1), [1, 1, 1, 1, 1, 1, 1, 0, 1]);
  await expect(page.getByRole("alert").filter({ hasText: "PHQ-9 item 9 was answered above 0" })).toBeVisible();

  const hq25 = card(page, "Hikikomori Questionnaire (HQ-25)");
  await expect(hq25.locator('[data-slot="badge"]').first()).toHaveText("Improved");
  await expect(hq25.locator(".recharts-line-dot")).toHaveCount(2);
  await expect(hq25.locator(".recharts-reference-line")).toHaveCount(1);
  await expect(hq25.getByText("Cut-off 42").first()).toBeVisible();
  await expect(hq25.getByRole("table")).toContainText("Above cut-off");
  await expect(hq25.getByRole("table")).toContainText("Below cut-off");
  const phq9 = card(page, "Patient Health Questionnaire (PHQ-9)");
  await expect(phq9.locator('[data-slot="badge"]').first()).toHaveText("Improved");
  await expect(phq9.locator(".recharts-line-dot")).toHaveCount(2);
  await expect(phq9.getByRole("table")).toContainText("Moderately severe");
  await expectAccessible(page, "outcomes with results");

  const ladder = card(page, "Milestones");
  await ladder.getByText("Record “Attends a group / ibasho”…").click();
  const milestoneForm = ladder.getByRole("form", { name: "Record Attends a group / ibasho" });
  await milestoneForm.getByLabel("Date reached").fill(iso(3));
  await milestoneForm.getByRole("button", { name: "Record milestone" }).click();
  await expect(ladder.getByText("Milestone recorded.")).toBeVisible();
  await expect(ladder.locator("li").filter({ hasText: "Attends a group / ibasho" })).toContainText(`reached ${format(subDays(new Date(), 3), "d MMM yyyy")}`);

  // Closing shows the case's progress beside the outcome to choose.
  await page.getByRole("navigation", { name: "Case views" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(caseUrl);
  await expect(card(page, "Flags")).toContainText("Self-harm risk");
  const status = card(page, "Status");
  await status.getByLabel("Move to").selectOption({ label: "Closed" });
  const progress = status.getByRole("region", { name: "Progress on this case" });
  await expect(progress).toContainText("HQ25: first 55");
  await expect(progress).toContainText("latest 38");
  await expect(progress).toContainText("improved");
  await expect(progress).toContainText("Attends a group / ibasho");
  await expectAccessible(page, "closing form with progress");
  await status.getByLabel("Closure outcome").selectOption({ label: "Community activity / volunteering" });
  await status.getByRole("button", { name: "Close case" }).click();
  await expect(page.getByRole("heading", { level: 1 }).locator("xpath=..").locator('[data-slot="badge"]').first()).toHaveText("Closed");
  await expect(page.locator("dt", { hasText: "Closed" }).locator("xpath=following-sibling::dd[1]")).toContainText("Community activity / volunteering");

  // A closed case takes no more results.
  await page.getByRole("navigation", { name: "Case views" }).getByRole("link", { name: "Outcomes" }).click();
  await expect(measureForm(page)).toHaveCount(0);
});
