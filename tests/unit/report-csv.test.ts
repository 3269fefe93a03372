import { describe, expect, it } from "vitest";
import { toCsv, type Column } from "@/lib/reports/csv";

const BOM = "\uFEFF";

/** One column holding whatever each row is, so a cell's encoding can be read on its own. */
const single: Column<unknown>[] = [{ header: "Value", value: (row) => row }];
const cellOf = (value: unknown) => {
  const csv = toCsv(single, [value]);
  expect(csv.startsWith(`${BOM}Value\r\n`)).toBe(true);
  expect(csv.endsWith("\r\n")).toBe(true);
  return csv.slice(`${BOM}Value\r\n`.length, -2);
};

describe("toCsv", () => {
  type Row = { name: string; cases: number; share: number | null };
  const columns: Column<Row>[] = [
    { header: "Counsellor", value: (r) => r.name },
    { header: "Cases", value: (r) => r.cases },
    { header: "Share (%)", value: (r) => r.share },
  ];

  it("writes a byte-order mark, the header row and one CRLF-ended line per row", () => {
    const csv = toCsv(columns, [
      { name: "Aiko", cases: 3, share: 37.5 },
      { name: "Kenji", cases: 0, share: null },
    ]);
    expect(csv).toBe(`${BOM}Counsellor,Cases,Share (%)\r\nAiko,3,37.5\r\nKenji,0,\r\n`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split("\r\n")).toHaveLength(4);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("with no rows, is the header alone", () => {
    expect(toCsv(columns, [])).toBe(`${BOM}Counsellor,Cases,Share (%)\r\n`);
  });

  it("quotes a cell holding a comma, a quote or a line break, doubling the quotes", () => {
    expect(cellOf("Sato, Aiko")).toBe('"Sato, Aiko"');
    expect(cellOf('the "ibasho" group')).toBe('"the ""ibasho"" group"');
    expect(cellOf('"')).toBe('""""');
    expect(cellOf("two\nlines")).toBe('"two\nlines"');
    expect(cellOf("two\r\nlines")).toBe('"two\r\nlines"');
    expect(cellOf("plain text")).toBe("plain text");
    expect(cellOf("Out ≥ 4 days/week — 引きこもり")).toBe("Out ≥ 4 days/week — 引きこもり");
  });

  it("quotes a header the same way", () => {
    expect(toCsv([{ header: 'Share, "%"', value: () => 1 }], [{}])).toBe(`${BOM}"Share, ""%"""\r\n1\r\n`);
  });

  it.each([
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["=1+2", "'=1+2"],
    ["+81 3 1234", "'+81 3 1234"],
    ["-5", "'-5"],
    ["-", "'-"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["=a,b", "\"'=a,b\""],
  ])("turns the formula-like string %j into text: %s", (value, expected) => {
    expect(cellOf(value)).toBe(expected);
  });

  it("prefixes a string starting with a carriage return and quotes it for the line break", () => {
    expect(cellOf("\r=1")).toBe("\"'\r=1\"");
  });

  it("prefixes a formula header", () => {
    expect(toCsv([{ header: "=cmd", value: () => "x" }], [{}])).toBe(`${BOM}'=cmd\r\nx\r\n`);
  });

  it("leaves text that merely contains a formula character alone", () => {
    expect(cellOf("a=b")).toBe("a=b");
    expect(cellOf("Out 2–3 days")).toBe("Out 2–3 days");
    expect(cellOf("x-y@z")).toBe("x-y@z");
  });

  it("writes numbers as numbers: a negative number gets no apostrophe", () => {
    expect(cellOf(-5)).toBe("-5");
    expect(cellOf(-0.5)).toBe("-0.5");
    expect(cellOf(0)).toBe("0");
    expect(cellOf(51.5)).toBe("51.5");
    expect(cellOf(1234567)).toBe("1234567");
  });

  it("writes null and undefined as empty cells, and false and 0 as themselves", () => {
    const row = { a: null, b: undefined, c: false, d: 0, e: "" };
    const keys = ["a", "b", "c", "d", "e"] as const;
    const csv = toCsv(
      keys.map((key) => ({ header: key, value: (r: typeof row) => r[key] })),
      [row],
    );
    expect(csv).toBe(`${BOM}a,b,c,d,e\r\n,,false,0,\r\n`);
  });
});
