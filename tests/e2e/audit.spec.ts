import { demoAccount, expect, expectAccessible, mainNav, signIn, signOut, test } from "./fixtures";

test("an administrator searches the audit trail; a supervisor reads a case's access log", async ({ page }) => {
  // A case view by a counsellor, to be found afterwards.
  await signIn(page, demoAccount("counsellor.north").email);
  await page.goto("/cases?status=active");
  await page.getByRole("table", { name: "Cases" }).locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/TSU-\d{4}-\d+/)![0];
  await signOut(page);

  await signIn(page, demoAccount("admin").email);
  await mainNav(page).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  const filter = page.getByRole("form", { name: "Filter the audit trail" });
  await filter.getByLabel("Who (name or email)").fill("counsellor.north@");
  await filter.getByLabel("Action").fill("case.view");
  await filter.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/action=case.view/);
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows.first()).toContainText("case.view");
  await expect(rows.first()).toContainText("counsellor.north@tsunagu.example");
  await expectAccessible(page, "audit trail");
  await signOut(page);

  await signIn(page, demoAccount("supervisor.north").email);
  await page.goto(caseUrl);
  await page.getByRole("navigation", { name: "Case views" }).getByRole("link", { name: "Access log" }).click();
  await expect(page).toHaveURL(`${caseUrl}/access`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  const log = page.getByRole("table", { name: `Access log of ${reference}` }).locator("tbody tr");
  await expect(log.filter({ hasText: "case.view" }).filter({ hasText: "counsellor" }).first()).toBeVisible();
  await expectAccessible(page, "case access log");
});
