/**
 * k-anonymity for a record-level extract: generalise the quasi-identifiers, then drop every
 * record whose combination of them occurs fewer than k times. Pure, so it is tested on its own.
 */
export const QUASI_IDENTIFIERS = ["ageBand", "sexGender", "area", "referralYear", "referralSource"] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

const combination = (record: Record<QuasiIdentifier, string>) => QUASI_IDENTIFIERS.map((q) => record[q]).join("\u0000");

export function kAnonymise<T extends Record<QuasiIdentifier, string>>(records: T[], k: number): { kept: T[]; suppressed: number } {
  if (!Number.isInteger(k) || k < 2) throw new RangeError("k must be a whole number of at least 2.");
  const sizes = new Map<string, number>();
  for (const record of records) sizes.set(combination(record), (sizes.get(combination(record)) ?? 0) + 1);
  const kept = records.filter((record) => sizes.get(combination(record))! >= k);
  return { kept, suppressed: records.length - kept.length };
}

/** 10-year bands from an age at referral (generalised from the 5-year bands of the aggregate tables). */
export function tenYearBand(age: number | null): string {
  if (age === null) return "Not recorded";
  if (age < 15) return "Under 15";
  if (age >= 65) return "65+";
  const start = age < 25 ? 15 : Math.floor((age - 5) / 10) * 10 + 5;
  return `${start}–${start + 9}`;
}

// Japan's eight regions by prefecture number (ISO 3166-2:JP); other codes become "Other".
const JP_AREAS: [number, number, string][] = [
  [1, 1, "Hokkaido"],
  [2, 7, "Tohoku"],
  [8, 14, "Kanto"],
  [15, 23, "Chubu"],
  [24, 30, "Kansai"],
  [31, 35, "Chugoku"],
  [36, 39, "Shikoku"],
  [40, 47, "Kyushu and Okinawa"],
];

/** A region code generalised to its wider area. */
export function wideArea(region: string | null): string {
  if (!region) return "Not recorded";
  const match = /^JP-(\d{2})$/i.exec(region);
  if (!match) return "Other";
  const n = Number(match[1]);
  return JP_AREAS.find(([from, to]) => n >= from && n <= to)?.[2] ?? "Other";
}
