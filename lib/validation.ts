import { z } from "zod";

// Control characters have no place in names or search text, and PostgreSQL refuses NUL outright.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Half of a UTF-16 surrogate pair on its own is no character: text columns would store it as U+FFFD
// (so the saved text differs from what was hashed and audited), and jsonb refuses it outright.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** A single line of text: trimmed, bounded, no control characters. */
export const text = (max: number, required = "This field is required.") =>
  z
    .string()
    .trim()
    .min(1, required)
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !CONTROL.test(value), "Remove the invisible control characters.")
    .refine((value) => !LONE_SURROGATE.test(value), "Remove the broken characters.");

/** Search text from a URL: anything unusable is dropped rather than refused. */
export const searchText = (max: number) =>
  z
    .string()
    .catch("")
    .transform((value) => value.replace(new RegExp(CONTROL, "g"), "").trim().slice(0, max));

/** A LIKE pattern matching `text` anywhere, with % and _ taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** UUIDs compare lower-case everywhere, as PostgreSQL stores them. */
export const id = (message = "Choose a valid record.") => z.uuid(message).transform((value) => value.toLowerCase());

export const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Optimistic-locking version as posted by a form; bounded to the integer column's range. */
export const version = z.coerce.number().int().positive().max(2_147_483_647);

/** Several lines of free text, kept exactly as written (line breaks, tabs); only NUL, which PostgreSQL refuses, is not. */
export const prose = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max.toLocaleString("en")} characters.`)
    .refine((value) => !value.includes("\u0000"), "Remove the invisible NUL characters.")
    .refine((value) => !LONE_SURROGATE.test(value), "Remove the broken characters.");

/**
 * A list of choices from a URL: values that are not among `allowed` are dropped rather than refused,
 * and each choice is kept once, so the list is never longer than `allowed`, however long the URL.
 */
export const allowedList = <T extends string>(allowed: readonly T[]) =>
  z
    .array(z.string())
    .catch([])
    .transform((values) => [...new Set(values.filter((v): v is T => (allowed as readonly string[]).includes(v)))]);
