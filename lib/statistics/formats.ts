import ExcelJS from "exceljs";
import { toCsv } from "../reports/csv";
import type { Statistics } from "./export";

type Line = { table: string; row: string; column: string; value: unknown };

/** One line per published value, metadata first: a long table any tool reads without guessing. */
function lines(stats: Statistics): Line[] {
  const m = stats.metadata;
  const meta: [string, unknown][] = [
    ["title", m.title],
    ["period", `${m.period.from} to ${m.period.to}`],
    ["scope", m.scope],
    ["generated at", m.generatedAt],
    ["threshold", m.threshold],
    ["software", m.software],
    ["cases left out without consent", m.excludedWithoutConsent],
    ...m.rules.map((rule, index) => [`rule ${index + 1}`, rule] as [string, unknown]),
  ];
  return [
    ...meta.map(([row, value]) => ({ table: "metadata", row, column: "", value })),
    ...stats.tables.flatMap((table) => table.rows.flatMap((row) => table.columns.map((column, c) => ({ table: table.title, row: row.label, column, value: row.values[c] })))),
  ];
}

export function statisticsCsv(stats: Statistics): string {
  return toCsv(
    [
      { header: "table", value: (l: Line) => l.table },
      { header: "row", value: (l: Line) => l.row },
      { header: "column", value: (l: Line) => l.column },
      { header: "value", value: (l: Line) => (l.value === null || l.value === undefined ? "" : l.value) },
    ],
    lines(stats),
  );
}

export function statisticsJson(stats: Statistics): string {
  return JSON.stringify(stats, null, 2);
}

/** A workbook: an "About" sheet with the metadata and rules, then one sheet per table as shown on screen. */
export async function statisticsXlsx(stats: Statistics): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  book.creator = stats.metadata.software;
  const about = book.addWorksheet("About");
  about.columns = [{ width: 34 }, { width: 110 }];
  for (const line of lines(stats).filter((l) => l.table === "metadata")) about.addRow([line.row, line.value as string | number]);
  stats.tables.forEach((table, index) => {
    // Sheet names: at most 31 characters, no []:*?/\ and unique.
    const sheet = book.addWorksheet(`${index + 1} ${table.title}`.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow([table.rowHeader, ...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow([row.label, ...row.values.map((v) => (v === null ? "" : v))]);
    for (const note of table.notes) sheet.addRow([note]);
    sheet.getColumn(1).width = 44;
  });
  return new Uint8Array(await book.xlsx.writeBuffer() as ArrayBuffer);
}
