import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { demoAccount, expect, expectAccessible, expectedNavFor, mainNav, signIn, test } from "./fixtures";
import { parseCsv } from "../support/csv";

const analyst = demoAccount("analyst");

/** Every preview table as { title → rows of [label, ...values] }, read from the page. */
async function preview(page: Page) {
  return page.locator("table[data-statistics]").evaluateAll((tables) =>
    Object.fromEntries(
      tables.map((table) => [
        table.querySelector("caption")!.textContent!.trim(),
        Array.from(table.querySelectorAll("tbody tr")).map((row) => Array.from(row.querySelectorAll("td")).map((cell) => cell.textContent!.trim())),
      ]),
    ),
  );
}


async function download(page: Page, label: string) {
  const started = page.waitForEvent("download");
  await page.getByRole("button", { name: label }).click();
  const file = await started;
  return { name: file.suggestedFilename(), path: (await file.path())! };
}

test("an analyst previews the statistics and downloads CSV and XLSX that match the preview", async ({ page }) => {
  test.slow();
  await signIn(page, analyst.email);
  await expect(mainNav(page).getByRole("link")).toHaveText([...expectedNavFor("analyst")]);
  await mainNav(page).getByRole("link", { name: "Statistics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Anonymised statistics" })).toBeVisible();

  const form = page.getByRole("form", { name: "Statistics period" });
  await form.getByLabel("First month").fill("2024-11");
  await form.getByLabel("Last month").fill("2026-10");
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(/from=2024-11&to=2026-10/);
  await expect(page.getByRole("heading", { level: 2, name: "New referrals by month" })).toBeVisible();
  await expectAccessible(page, "statistics preview");
  const shown = await preview(page);
  expect(Object.keys(shown)).toContain("Cases by age band at referral and sex/gender");
  // Nothing from 1 to 9 is visible anywhere in the preview.
  for (const rows of Object.values(shown)) {
    for (const row of rows) for (const value of row.slice(1)) expect(/^[1-9]$/.test(value), value).toBe(false);
  }

  const csv = await download(page, "Download CSV");
  expect(csv.name).toBe("tsunagu-statistics-2024-11-to-2026-10.csv");
  const lines = parseCsv(await readFile(csv.path, "utf8"));
  expect(lines[0]).toEqual(["table", "row", "column", "value"]);
  const fromCsv = new Map(lines.slice(1).map(([table, row, column, value]) => [`${table}|${row}|${column}`, value]));
  const book = new ExcelJS.Workbook();
  const xlsx = await download(page, "Download XLSX");
  expect(xlsx.name).toBe("tsunagu-statistics-2024-11-to-2026-10.xlsx");
  const bytes = await readFile(xlsx.path);
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

  for (const [title, rows] of Object.entries(shown)) {
    const sheet = book.worksheets.find((s) => s.getCell("A1").value === title);
    expect(sheet, `a sheet for ${title}`).toBeTruthy();
    const header = (sheet!.getRow(2).values as unknown[]).slice(2).map(String);
    rows.forEach((row, r) => {
      const xlsxRow = (sheet!.getRow(3 + r).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)));
      expect(xlsxRow[0]).toBe(row[0]);
      row.slice(1).forEach((value, c) => {
        const expected = value === "—" ? "" : value;
        expect(fromCsv.get(`${title}|${row[0]}|${header[c]}`), `${title} / ${row[0]} / ${header[c]} in the CSV`).toBe(expected);
        expect(xlsxRow[c + 1] ?? "", `${title} / ${row[0]} / ${header[c]} in the XLSX`).toBe(expected);
      });
    });
  }
  expect(fromCsv.get("metadata|threshold|")).toBe("10");
});

test("counsellors have no statistics; anonymous callers of the API are told to sign in", async ({ page }) => {
  await signIn(page, demoAccount("counsellor.north").email);
  expect((await page.goto("/statistics"))?.status()).toBe(404);
  expect((await page.request.get("/api/statistics?from=2026-01&to=2026-06&format=json")).status()).toBe(404);
  await page.context().clearCookies();
  expect((await page.request.get("/api/statistics?from=2026-01&to=2026-06&format=json")).status()).toBe(401);
});
