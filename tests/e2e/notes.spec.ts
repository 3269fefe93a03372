import type { Locator, Page } from "@playwright/test";
import { format } from "date-fns";
import { demoAccount, expect, expectAccessible, mainNav, signIn, signOut, test } from "./fixtures";

const counsellorNorth = demoAccount("counsellor.north");
const supervisorNorth = demoAccount("supervisor.north");

const stamp = Date.now();
const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(2)> Said ${stamp}`;
const todayLabel = () => format(new Date(), "d MMM yyyy");

const card = (page: Page, heading: string): Locator =>
  page.locator('[data-slot="card"]').filter({ has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });
const detail = (page: Page, term: string) => page.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");

/** The first active case of the signed-in counsellor; returns its URL and reference. */
async function openActiveCase(page: Page) {
  await page.goto("/cases?status=active");
  const link = page.getByRole("table", { name: "Cases" }).locator("tbody tr").first().getByRole("link");
  await link.click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/TSU-\d{4}-\d+/)![0];
  return { url: page.url(), reference };
}

test.describe.serial("a session note from draft to review", () => {
  let caseUrl = "";
  let reference = "";
  let noteUrl = "";

  test("a counsellor writes a SOAP note for a home visit and saves a draft; leaving unsaved asks first", async ({ page }) => {
    await signIn(page, counsellorNorth.email);
    ({ url: caseUrl, reference } = await openActiveCase(page));
    await card(page, "Session notes").getByRole("link", { name: "New note" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New session note" })).toBeVisible();
    await expectAccessible(page, "new note form");

    await page.getByLabel("Type of session").selectOption({ label: "Home visit" });
    await page.getByLabel("Start time").fill("14:30");
    await page.getByLabel("Subjective", { exact: true }).fill(PAYLOAD);
    await page.getByLabel("Objective").fill("Opened the door after ten minutes.");
    await page.getByLabel("Assessment").fill("Early engagement.");
    await page.getByLabel("Plan", { exact: true }).fill("Visit again in two weeks.");
    await page.getByLabel("Days out of home in the past week").fill("1");
    await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();

    // Following a link with unsaved text asks first; declining keeps the person on the form.
    const asked = page.waitForEvent("dialog");
    const back = page.getByRole("link", { name: new RegExp(reference) });
    const click = back.click();
    const dialog = await asked;
    expect(dialog.message()).toContain("unsaved changes");
    await dialog.dismiss();
    await click;
    await expect(page).toHaveURL(/\/notes\/new$/);
    await expect(page.getByLabel("Subjective", { exact: true })).toHaveValue(PAYLOAD);

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Draft saved at \d{2}:\d{2}$/ })).toBeVisible();
    await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);
    noteUrl = page.url();

    // A reload resumes the draft with everything typed.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Draft session note" })).toBeVisible();
    await expect(page.getByLabel("Subjective", { exact: true })).toHaveValue(PAYLOAD);
    await expect(page.getByLabel("Days out of home in the past week")).toHaveValue("1");
    await expect(page.getByLabel("Type of session")).toHaveValue("home_visit");
    await expectAccessible(page, "draft note");
  });

  test("edits to a draft save themselves within 30 seconds", async ({ page }) => {
    await page.clock.install();
    await signIn(page, counsellorNorth.email);
    await page.goto(noteUrl);
    // Typed until it holds: text filled in while React is still hydrating the form can land beside
    // the old text instead of replacing it (seen once on a slow machine).
    const plan = page.getByLabel("Plan", { exact: true });
    await expect(async () => {
      await plan.fill("Visit again in two weeks. Bring the ibasho leaflet.");
      await expect(plan).toHaveValue("Visit again in two weeks. Bring the ibasho leaflet.", { timeout: 1_000 });
    }).toPass();
    await expect(page.getByRole("status").filter({ hasText: "Unsaved changes" })).toBeVisible();
    await page.clock.fastForward(31_000);
    await expect(page.getByRole("status").filter({ hasText: /^Draft saved at/ })).toBeVisible();
    // A fresh load, not a reload: the browser restores typed form values on reload, and only the
    // server's copy proves the autosave.
    await page.goto(noteUrl);
    await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("Visit again in two weeks. Bring the ibasho leaflet.");
  });

  test("signing locks the note; the script in it stays text; an addendum follows it", async ({ page }) => {
    let alerted = false;
    page.on("dialog", (dialog) => {
      alerted = true;
      void dialog.dismiss();
    });
    await signIn(page, counsellorNorth.email);
    await page.goto(noteUrl);
    await page.getByRole("button", { name: "Sign note…" }).click();
    const confirm = page.getByRole("dialog", { name: "Sign this note?" });
    await expect(confirm).toBeVisible();
    await expectAccessible(page, "sign confirmation");
    await confirm.getByRole("button", { name: "Sign and lock" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Session note" })).toBeVisible();
    await expect(page.getByText("Unchanged since signing")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Sign note/ })).toHaveCount(0);
    await expect(page.getByText(PAYLOAD, { exact: true })).toBeVisible();
    await expect(page.locator("img[src='x']")).toHaveCount(0);

    const addenda = card(page, "Addenda");
    await addenda.getByLabel("Reason").fill("Time of the visit was wrong");
    await addenda.getByLabel("Addendum", { exact: true }).fill("The visit started at 15:00, not 14:30.");
    await addenda.getByRole("button", { name: "Add addendum" }).click();
    await expect(addenda.getByText("Addendum added.")).toBeVisible();
    await expect(addenda.getByText("reason: Time of the visit was wrong")).toBeVisible();
    await expect(addenda.getByText("The visit started at 15:00, not 14:30.")).toBeVisible();
    await expectAccessible(page, "signed note with addendum");

    // The case shows the session: no draft to continue, the severity from days out, today's contact.
    await page.goto(caseUrl);
    const notes = card(page, "Session notes");
    await expect(notes.getByText("Continue draft")).toHaveCount(0);
    await expect(notes.locator("li").first()).toContainText("Signed");
    await expect(notes.locator("li").first()).toContainText("Home visit");
    await expect(detail(page, "Days out of home")).toContainText("severity moderate");
    await expect(detail(page, "Last contact")).toHaveText(todayLabel());
    await expectAccessible(page, "case with notes");

    // The filters narrow the timeline through the URL.
    await notes.getByLabel("Status").selectOption({ label: "Draft" });
    await notes.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/status=draft/);
    await expect(card(page, "Session notes").getByText(PAYLOAD.slice(0, 40))).toHaveCount(0);
    expect(alerted, "no script in a note ever runs").toBe(false);
  });

  test("the supervisor reviews the note from the queue", async ({ page }) => {
    await signIn(page, supervisorNorth.email);
    await mainNav(page).getByRole("link", { name: "Note reviews" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Note reviews" })).toBeVisible();
    await expectAccessible(page, "review queue");
    const queue = page.getByRole("table", { name: "Notes waiting for review" });
    const row = queue.locator("tbody tr").filter({ hasText: reference }).filter({ hasText: todayLabel() });
    await expect(row).toHaveCount(1);
    await row.getByRole("link", { name: reference }).click();
    await expect(page).toHaveURL(noteUrl);
    // A supervisor reads; only the author edits, and addenda belong to the counsellor.
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add addendum" })).toHaveCount(0);
    await page.getByLabel("Comment for the counsellor (optional)").fill("Good first visit.");
    await page.getByRole("button", { name: "Mark as reviewed" }).click();
    await expect(card(page, "Supervisor review")).toContainText(`by ${supervisorNorth.name}`);
    await expect(card(page, "Supervisor review")).toContainText("Good first visit.");

    await page.goto("/reviews");
    await expect(page.getByRole("table", { name: "Notes waiting for review" }).locator("tbody tr").filter({ hasText: reference }).filter({ hasText: todayLabel() })).toHaveCount(0);
    await signOut(page);
  });
});
