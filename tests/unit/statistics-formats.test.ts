import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Statistics } from "@/lib/statistics/export";
import { statisticsCsv, statisticsJson, statisticsXlsx } from "@/lib/statistics/formats";
import { parseCsv } from "../support/csv";


/** A small export with awkward labels: commas, quotes, line breaks, a would-be formula, long titles. */
const stats: Statistics = {
  metadata: {
    title: "Tsunagu anonymised statistics",
    period: { from: "2025-01", to: "2025-12" },
    scope: "the whole service",
    generatedAt: "2026-01-05T10:00:00+09:00",
    threshold: 10,
    rules: ["Counts from 1 to 9 are shown as <10; zero stays 0.", 'Rule with "quotes", and a comma'],
    software: "Tsunagu 0.1.0",
    excludedWithoutConsent: "<10",
  },
  tables: [
    {
      id: "region",
      title: "Cases by region",
      rowHeader: "Region",
      columns: ["Cases"],
      rows: [
        { label: "JP-13", values: [42] },
        { label: "JP-27", values: ["<10"] },
        { label: "Not recorded", values: [0] },
        { label: "Total", values: [57] },
      ],
      notes: [],
    },
    {
      id: "factors",
      title: "Contributing factors: a title that is far longer than thirty-one characters / with [brackets]?",
      rowHeader: "Factor",
      columns: ["Cases with it"],
      rows: [
        { label: '=HYPERLINK("http://evil.example","click")', values: [12] },
        { label: "Shame, stigma\nand \"silence\"", values: ["<10"] },
        { label: "-2 pressure", values: [0] },
        { label: "Total", values: [57] },
      ],
      notes: ["A case can count in several rows; the total is the cases counted."],
    },
    {
      id: "outcomes",
      title: "Outcome change per instrument",
      rowHeader: "Instrument",
      columns: ["Cases with 2+ results", "Improved (%)", "Median change"],
      rows: [
        { label: "HQ-25", values: [24, 62.5, -3.5] },
        { label: "PHQ-9", values: ["<10", null, null] },
        { label: "Total", values: [31] },
      ],
      notes: [],
    },
  ],
};

describe("statisticsCsv", () => {
  const rows = parseCsv(statisticsCsv(stats).replace(/^\uFEFF/, ""));

  it("starts with a byte-order mark and the header, and ends every line with CRLF", () => {
    const csv = statisticsCsv(stats);
    expect(csv.startsWith("\uFEFFtable,row,column,value\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows[0]).toEqual(["table", "row", "column", "value"]);
    expect(rows.every((row) => row.length === 4)).toBe(true);
  });

  it("writes the metadata first, every rule included", () => {
    const metadata = rows.filter((row) => row[0] === "metadata");
    expect(metadata.map((row) => row[1])).toEqual(["title", "period", "scope", "generated at", "threshold", "software", "cases left out without consent", "rule 1", "rule 2"]);
    expect(Object.fromEntries(metadata.map((row) => [row[1], row[3]]))).toMatchObject({
      period: "2025-01 to 2025-12",
      threshold: "10",
      "cases left out without consent": "<10",
      "rule 2": 'Rule with "quotes", and a comma',
    });
    expect(rows.findIndex((row) => row[0] !== "metadata" && row[0] !== "table")).toBe(metadata.length + 1);
  });

  it("writes one line per published value, in order, blanks for null", () => {
    const values = rows.filter((row) => row[0] !== "metadata").slice(1);
    const expected = stats.tables.flatMap((table) =>
      table.rows.flatMap((row) => table.columns.map((column, c) => [table.title, row.label, column, row.values[c]])),
    );
    expect(values).toHaveLength(expected.length);
    values.forEach((row, i) => {
      const [title, label, column, value] = expected[i]!;
      expect(row[0]).toBe(title);
      // A label a spreadsheet would run as a formula arrives as text.
      expect(row[1]).toBe(/^[=+\-@]/.test(label as string) ? `'${label}` : label);
      expect(row[2]).toBe(column);
      expect(row[3]).toBe(value === null || value === undefined ? "" : String(value));
    });
  });

  it("never lets a cell start a formula", () => {
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@]/);
    expect(rows.some((row) => row[1] === `'=HYPERLINK("http://evil.example","click")`)).toBe(true);
  });
});

describe("statisticsJson", () => {
  it("round-trips the statistics exactly", () => {
    expect(JSON.parse(statisticsJson(stats))).toEqual(stats);
  });
});

describe("statisticsXlsx", () => {
  async function workbook() {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await statisticsXlsx(stats)).buffer);
    return book;
  }

  it("is a zip file with an About sheet then one sheet per table, each name legal and unique", async () => {
    const bytes = await statisticsXlsx(stats);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    const book = await workbook();
    const names = book.worksheets.map((sheet) => sheet.name);
    expect(names).toHaveLength(stats.tables.length + 1);
    expect(names[0]).toBe("About");
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it("holds the metadata and each table as shown on screen, values as numbers or text", async () => {
    const book = await workbook();
    const about = book.getWorksheet("About")!;
    const aboutRows = new Map<string, unknown>();
    about.eachRow((row) => aboutRows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(aboutRows.get("threshold")).toBe(10);
    expect(aboutRows.get("cases left out without consent")).toBe("<10");
    expect(aboutRows.get("period")).toBe("2025-01 to 2025-12");

    stats.tables.forEach((table, index) => {
      const sheet = book.worksheets[index + 1]!;
      expect(sheet.getCell(1, 1).value).toBe(table.title);
      expect([1, ...table.columns.map((_, c) => c + 2)].map((c) => sheet.getCell(2, c).value)).toEqual([table.rowHeader, ...table.columns]);
      table.rows.forEach((row, r) => {
        const line = sheet.getRow(r + 3);
        expect(line.getCell(1).value).toBe(row.label);
        row.values.forEach((value, c) => {
          const cell = line.getCell(c + 2);
          if (value === null) expect(cell.value === "" || cell.value === null).toBe(true);
          else expect(cell.value).toBe(value);
          expect(cell.formula).toBeFalsy();
        });
      });
      table.notes.forEach((note, n) => expect(sheet.getCell(table.rows.length + 3 + n, 1).value).toBe(note));
    });
  });

  it("stores a label that looks like a formula as text, not as a formula", async () => {
    const book = await workbook();
    const sheet = book.worksheets[2]!;
    const cell = sheet.getCell(3, 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","click")');
  });
});
