import fc from "fast-check";

/**
 * Hostile input for property-based tests: the strings and values an attacker (or a broken client)
 * posts instead of what a form would. Two shapes:
 *  - form payloads (what a server action receives): every value a string, a repeated key or a
 *    file, since that is all FormData can carry;
 *  - JS values (what a domain command's schema receives when called directly): any type at all.
 */

/** Strings chosen by hand: each one has broken some parser, database or template somewhere. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u0001\u0007\u001b[31m",
  "\u007f",
  // Lone and reversed surrogates, byte-order marks, zero-width and direction overrides.
  "\uD800",
  "\uDFFF",
  "x\uDC00y",
  "\uDC00\uD800",
  "\uFEFF",
  "\uFFFE\uFFFF",
  "\u200B",
  "\u200C\u200D\u2060",
  "\u202Egnp.exe",
  "\u2066\u2067\u2068\u2069",
  "\u061C\u200E\u200F",
  "مرحبا",
  "שָׁלוֹם",
  "ひきこもり支援",
  "Z̸̡̢͎̭̈́̀a̷l̶g̵o̴",
  "😀",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "𝕳𝖊𝖑𝖑𝖔",
  "\u2028\u2029",
  "ﷺ",
  "İı",
  "ß".repeat(201),
  // Numbers that are not what a number field expects.
  "NaN",
  "-NaN",
  "Infinity",
  "-Infinity",
  "+Infinity",
  "-1",
  "0",
  "-0",
  "+0",
  "1.5",
  "1e309",
  "-1e309",
  "1e-400",
  "2147483647",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "99999999999999999999999",
  "0x10",
  "0b101",
  "0o17",
  "1_000",
  "1,000",
  "١٢٣",
  "１２３",
  "Ⅻ",
  "  7  ",
  // Dates that do not exist, or not in this format.
  "2024-02-30",
  "2023-02-29",
  "2024-02-29",
  "2024-13-01",
  "2024-00-10",
  "2024-01-32",
  "0000-00-00",
  "0001-01-01",
  "1899-12-31",
  "9999-12-31",
  "275760-09-13",
  "2024-1-1",
  "2024/01/01",
  "2024-01-01T00:00:00Z",
  "2024-01-01 00:00",
  "24:00",
  "23:60",
  "2024-02",
  "2024-13",
  "1949-12",
  // Words that mean something to someone.
  "null",
  "undefined",
  "true",
  "false",
  "on",
  "off",
  "[]",
  "{}",
  '{"__proto__":{"admin":true}}',
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  // SQL, HTML, templates, paths.
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  "1; SELECT pg_sleep(10)",
  "\\",
  "\\'",
  "%",
  "_",
  "%_%\\",
  "$1",
  "E'\\x00'",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}",
  "${7*7}",
  "#{7*7}",
  "../../etc/passwd",
  "file:///etc/passwd",
  "%00",
  "%F0%9F%98%80",
  "=cmd|' /C calc'!A0",
  "+SUM(1,2)",
  "@import",
  // Identifiers that look right and are not (or are someone else's).
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-4000-8000-000000000000",
  "123e4567-e89b-12d3-a456-426614174000",
  "123E4567-E89B-42D3-A456-426614174000",
  "{123e4567-e89b-42d3-a456-426614174000}",
  "123e4567e89b42d3a456426614174000",
  "TSU-2026-0001",
  "admin@test.example",
  "a@b",
  "\"quoted\"@example.com",
  "x".repeat(43),
  "-".repeat(43),
];

/** Lengths around every limit the schemas set (names 200, reasons 500, sections 20,000, …). */
const LENGTHS = [39, 40, 41, 199, 200, 201, 299, 300, 301, 319, 320, 321, 499, 500, 501, 511, 512, 513, 1999, 2000, 2001, 19_999, 20_000, 20_001, 100_000];

/** A long string of one repeated piece, sized at or around a limit. */
const huge = fc
  .tuple(fc.constantFrom(...LENGTHS), fc.constantFrom("x", " ", "é", "😀", "\u200B", "\uD800", "'", "<", "\u0000", "a\u0000"))
  .map(([length, piece]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Any UTF-16 code units, lone surrogates and NUL included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 });

/** A date-shaped string with any numbers in it: 2024-02-30, 0000-13-00, 10000-01-01. */
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
  .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

const numberLike = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.integer({ min: -10, max: 700 }).map(String),
);

/** One hostile string. `known` adds strings that are valid somewhere in the app (real ids, enum values). */
export function hostileString(known: readonly string[] = []): fc.Arbitrary<string> {
  const pieces: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 6 },
    { arbitrary: huge, weight: 2 },
    { arbitrary: codeUnits, weight: 2 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 1 },
    { arbitrary: dateLike, weight: 2 },
    { arbitrary: numberLike, weight: 2 },
    { arbitrary: fc.uuid().map((u) => (u.length % 2 ? u.toUpperCase() : u)), weight: 1 },
  ];
  if (known.length > 0) pieces.push({ arbitrary: fc.constantFrom(...known), weight: 3 });
  const one = fc.oneof(...pieces);
  // Sometimes glued to another piece: a valid value with junk after it, or two attacks at once.
  return fc.oneof({ arbitrary: one, weight: 5 }, { arbitrary: fc.tuple(one, one).map(([a, b]) => a + b), weight: 1 });
}

/** Keys nobody's form has: prototype pollution, React's own bookkeeping, near-misses. */
export const HOSTILE_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "__proto__.admin",
  "constructor.prototype.admin",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "$ACTION_ID_0123",
  "$ACTION_REF_1",
  "",
  " ",
  "role",
  "actorId",
  "id",
  "teamId",
  "status",
  "version",
  "caseId[]",
  "caseId ",
  "CaseId",
  "subscale.",
  "subscale.__proto__",
  "item0",
  "item10",
  "content",
  "authorId",
  "\u0000",
];

/** A value a form can post: a string, a repeated key (the value becomes a list) or a file. */
export type FormValue = string | string[] | Blob;
export type FormEntries = [string, FormValue][];

export function formValue(known: readonly string[] = []): fc.Arbitrary<FormValue> {
  const text = hostileString(known);
  return fc.oneof(
    { arbitrary: text, weight: 8 },
    { arbitrary: fc.array(text, { minLength: 0, maxLength: 4 }), weight: 1 },
    { arbitrary: text.map((body) => new Blob([body], { type: "text/plain" })), weight: 1 },
  );
}

/** The FormData a browser (or curl) would post for these entries; a list appends the key once per item. */
export function entriesToFormData(entries: FormEntries): FormData {
  const data = new FormData();
  for (const [key, value] of entries) {
    if (value instanceof Blob) data.append(key, value, "upload.txt");
    else for (const item of [value].flat()) data.append(key, item);
  }
  return data;
}

export type FormMutation =
  | { op: "replace"; key: string; value: FormValue }
  | { op: "remove"; key: string }
  | { op: "add"; key: string; value: FormValue }
  | { op: "duplicate"; key: string; value: string };

/**
 * A valid payload with one thing wrong: a field replaced by a hostile value (often a real id of
 * another row, so the domain's deeper checks run), a field missing, a field posted twice, or an
 * extra key.
 */
export function formMutation(validKeys: readonly string[], known: readonly string[] = []): fc.Arbitrary<FormMutation> {
  const key = fc.constantFrom(...validKeys);
  const value = formValue(known);
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant("replace" as const), key, value }), weight: 8 },
    { arbitrary: fc.record({ op: fc.constant("remove" as const), key }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant("add" as const), key: fc.constantFrom(...HOSTILE_KEYS), value }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant("duplicate" as const), key, value: hostileString(known) }), weight: 1 },
  );
}

export function applyFormMutation(payload: Record<string, string | string[]>, mutation: FormMutation): FormEntries {
  const entries: FormEntries = Object.entries(payload);
  switch (mutation.op) {
    case "replace":
      return entries.map(([k, v]) => [k, k === mutation.key ? mutation.value : v]);
    case "remove":
      return entries.filter(([k]) => k !== mutation.key);
    case "add":
      return [...entries, [mutation.key, mutation.value]];
    case "duplicate":
      return [...entries, [mutation.key, mutation.value]];
  }
}

/** A payload made up from scratch: some of the right keys, some hostile ones, any values. */
export function formEntries(validKeys: readonly string[], known: readonly string[] = []): fc.Arbitrary<FormEntries> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...validKeys), weight: 6 },
    { arbitrary: fc.constantFrom(...HOSTILE_KEYS), weight: 2 },
    { arbitrary: hostileString(), weight: 1 },
  );
  return fc.array(fc.tuple(key, formValue(known)), { maxLength: validKeys.length + 3 });
}

// ───────────────────────────── any JS value, for schemas called directly ─────────────────────────────

/** Objects whose own key is a dangerous one, as JSON.parse of a request body would build them. */
const pollutedObject = fc
  .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), fc.constantFrom<unknown>({ admin: true }, { role: "admin" }, null, "x", 1))
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as unknown);

/** Any value at all: wrong types, special numbers, dates (valid and not), nested junk, polluted objects. */
export function hostileValue(known: readonly string[] = []): fc.Arbitrary<unknown> {
  const text = hostileString(known);
  return fc.oneof(
    { arbitrary: text, weight: 6 },
    { arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0, -1, 1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 1.5), weight: 2 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.bigInt(), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, Symbol("x"), () => "x"), weight: 2 },
    { arbitrary: fc.date({ noInvalidDate: false }), weight: 1 },
    { arbitrary: fc.array(text, { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), text, { maxKeys: 3 }), weight: 1 },
    { arbitrary: pollutedObject, weight: 1 },
    { arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true }), weight: 1 },
  );
}

/** A whole input object for a schema called directly: a mix of the right keys and hostile ones, any values. */
export function hostileInput(validKeys: readonly string[], known: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = fc.oneof({ arbitrary: fc.constantFrom(...validKeys), weight: 5 }, { arbitrary: fc.constantFrom(...HOSTILE_KEYS), weight: 2 });
  const record = fc
    .array(fc.tuple(key, hostileValue(known)), { maxLength: validKeys.length + 2 })
    .map((entries) => {
      const out: Record<string, unknown> = {};
      // defineProperty so "__proto__" becomes an own key, as JSON.parse would make it.
      for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    });
  return fc.oneof({ arbitrary: record, weight: 6 }, { arbitrary: hostileValue(known), weight: 1 }, { arbitrary: fc.array(record, { maxLength: 2 }), weight: 1 });
}

export type InputMutation = { op: "replace" | "add"; key: string; value: unknown } | { op: "remove"; key: string };

/** A valid input with one key's value replaced by a hostile value, removed, or an extra key added. */
export function inputMutation(validKeys: readonly string[], known: readonly string[] = []): fc.Arbitrary<InputMutation> {
  const key = fc.constantFrom(...validKeys);
  const value = hostileValue(known);
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant("replace" as const), key, value }), weight: 8 },
    { arbitrary: fc.record({ op: fc.constant("remove" as const), key }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant("add" as const), key: fc.constantFrom(...HOSTILE_KEYS), value }), weight: 1 },
  );
}

export function applyInputMutation(valid: Record<string, unknown>, mutation: InputMutation): Record<string, unknown> {
  const out: Record<string, unknown> = { ...valid };
  if (mutation.op === "remove") delete out[mutation.key];
  // defineProperty so "__proto__" becomes an own key, as JSON.parse would make it.
  else Object.defineProperty(out, mutation.key, { value: mutation.value, enumerable: true, configurable: true, writable: true });
  return out;
}
