/**
 * RFC 4180 CSV for spreadsheet users. A cell that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) is prefixed with an apostrophe: a name typed as
 * `=HYPERLINK(...)` must arrive as text, not as a live formula (CSV injection).
 */
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? String(value) : String(value);
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type Column<T> = { header: string; value: (row: T) => unknown };

/** Header row then one line per row, CRLF line ends, with a byte-order mark so spreadsheets read UTF-8. */
export function toCsv<T>(columns: Column<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(","), ...rows.map((row) => columns.map((c) => cell(c.value(row))).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
