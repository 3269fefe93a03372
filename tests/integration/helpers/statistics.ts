import { randomUUID } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { expect } from "vitest";
import { GET } from "@/app/api/statistics/route";
import type { Published } from "@/lib/statistics/disclosure";
import type { Statistics } from "@/lib/statistics/export";
import { sql } from "./database";

/** The period most statistics tests publish: a whole past year. */
export const YEAR = { from: "2025-01", to: "2025-12" } as const;

export type Sex = "female" | "male" | "non_binary" | "other" | "not_stated";

/** One client and their case, with what the statistics group by. */
export type CaseSpec = {
  age: number | null;
  sex: Sex;
  region: string | null;
  /** Factor codes of the taxonomy. */
  factors: string[];
  consent: boolean;
  referralDate: string;
  source?: string;
  closed?: { on: string; outcome: string };
  /** Milestones reached (on the referral date plus a month). */
  milestones?: string[];
  /** Two HQ-25 results, first then latest. */
  hq25?: [number, number];
  /** Identity fields; the statistics must never carry them. */
  identity?: Partial<{ givenName: string; familyName: string; preferredName: string; dateOfBirth: string; phone: string; email: string; address: string }>;
};

/** A seeded generator (mulberry32), so a population is the same on every run; record keys still come from the database. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(weighted: [T, number][]): T => {
    const total = weighted.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of weighted) if ((r -= w) < 0) return value;
    return weighted.at(-1)![0];
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

export type Random = ReturnType<typeof seeded>;

/** A few factor codes of each category (see db/migrations/0004_factor_taxonomy.sql). */
const FACTORS: [string, number][] = [
  ["academic_pressure", 4],
  ["work_pressure", 3],
  ["shame_stigma", 2],
  ["depression", 5],
  ["social_anxiety", 5],
  ["autism_spectrum", 2],
  ["adhd", 2],
  ["family_conflict", 4],
  ["overprotection", 2],
  ["ageing_parents", 1],
  ["bullying", 3],
  ["school_refusal", 2],
  ["job_loss", 2],
  ["failed_job_search", 1],
  ["problematic_internet_gaming", 3],
];

const REGIONS: [string | null, number][] = [
  ["JP-13", 30],
  ["JP-14", 18],
  ["JP-11", 12],
  ["JP-12", 10],
  ["JP-27", 8],
  ["JP-23", 6],
  ["JP-01", 4],
  ["JP-40", 3],
  [null, 5],
];

/** A realistic client: mostly 15–45, mostly female or male, mostly in a few regions, 0–3 factors. */
export function randomCase(random: Random, overrides: Partial<CaseSpec> = {}): CaseSpec {
  const age = random.pick<number | null>([
    [random.int(13, 14), 2],
    [random.int(15, 24), 30],
    [random.int(25, 34), 30],
    [random.int(35, 44), 20],
    [random.int(45, 64), 12],
    [random.int(65, 70), 1],
    [null, 5],
  ]);
  const sex = random.pick<Sex>([
    ["male", 55],
    ["female", 38],
    ["non_binary", 3],
    ["other", 1],
    ["not_stated", 3],
  ]);
  const count = random.pick([
    [0, 15],
    [1, 40],
    [2, 30],
    [3, 15],
  ]);
  const factors = new Set<string>();
  while (factors.size < count) factors.add(random.pick(FACTORS));
  const month = random.int(1, 12);
  return {
    age,
    sex,
    region: random.pick(REGIONS),
    factors: [...factors],
    consent: true,
    referralDate: `2025-${String(month).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`,
    source: random.pick([
      ["family", 50],
      ["self", 10],
      ["school", 15],
      ["health_service", 15],
      ["social_services", 10],
    ]),
    ...overrides,
  };
}

/** A date of birth that makes the client `age` (whole years) on the referral date. */
function birthDateFor(referralDate: string, age: number): string {
  const [y, m, d] = referralDate.split("-").map(Number) as [number, number, number];
  // Born `age` years and a few days before: never on the referral day's anniversary.
  const born = new Date(Date.UTC(y - age, m - 1, d));
  born.setUTCDate(born.getUTCDate() - 3);
  return born.toISOString().slice(0, 10);
}

let referenceCounter = 0;

/**
 * Inserts clients, cases (record_key from the column default), factor tags, milestones and
 * HQ-25 results with raw SQL, fast enough for hundreds of cases. Returns the case ids in order.
 */
export async function insertCases(specs: CaseSpec[], owner: { counsellorId: string; teamId: string }): Promise<string[]> {
  const rows = specs.map((spec) => {
    const clientId = randomUUID();
    const caseId = randomUUID();
    referenceCounter += 1;
    return {
      client_id: clientId,
      case_id: caseId,
      reference: `TST-${String(referenceCounter).padStart(6, "0")}-${caseId.slice(0, 4)}`,
      given_name: spec.identity?.givenName ?? "Client",
      family_name: spec.identity?.familyName ?? null,
      preferred_name: spec.identity?.preferredName ?? null,
      date_of_birth: spec.identity?.dateOfBirth ?? (spec.age === null ? null : birthDateFor(spec.referralDate, spec.age)),
      phone: spec.identity?.phone ?? null,
      email: spec.identity?.email ?? null,
      address: spec.identity?.address ?? null,
      sex_gender: spec.sex,
      region_code: spec.region,
      stats_consent: spec.consent,
      referral_source: spec.source ?? "family",
      referral_date: spec.referralDate,
      status: spec.closed ? "closed" : "active",
      closed_on: spec.closed?.on ?? null,
      closure_outcome: spec.closed?.outcome ?? null,
    };
  });
  if (!rows.length) return [];
  await sql(
    `insert into clients (id, given_name, family_name, preferred_name, date_of_birth, phone, email, address, sex_gender, region_code, stats_consent, stats_consent_date)
     select r.client_id, r.given_name, r.family_name, r.preferred_name, r.date_of_birth, r.phone, r.email, r.address, r.sex_gender::sex_gender,
       r.region_code, r.stats_consent, case when r.stats_consent then r.referral_date end
     from jsonb_to_recordset($1::jsonb) as r(client_id uuid, given_name text, family_name text, preferred_name text, date_of_birth date, phone text,
       email text, address text, sex_gender text, region_code text, stats_consent boolean, referral_date date)`,
    [JSON.stringify(rows)],
  );
  await sql(
    `insert into cases (id, reference, client_id, counsellor_id, team_id, status, referral_source, referral_date, closed_on, closure_outcome, created_by)
     select r.case_id, r.reference, r.client_id, $2, $3, r.status::case_status, r.referral_source::referral_source, r.referral_date, r.closed_on,
       r.closure_outcome::closure_outcome, $2
     from jsonb_to_recordset($1::jsonb) as r(case_id uuid, reference text, client_id uuid, status text, referral_source text, referral_date date,
       closed_on date, closure_outcome text)`,
    [JSON.stringify(rows), owner.counsellorId, owner.teamId],
  );
  const tags = specs.flatMap((spec, i) => spec.factors.map((code) => ({ case_id: rows[i]!.case_id, code })));
  if (tags.length) {
    await sql(
      `insert into case_factors (case_id, factor_id, added_by)
       select r.case_id, f.id, $2 from jsonb_to_recordset($1::jsonb) as r(case_id uuid, code text) join factors f on f.code = r.code`,
      [JSON.stringify(tags), owner.counsellorId],
    );
  }
  const milestones = specs.flatMap((spec, i) => (spec.milestones ?? []).map((milestone) => ({ case_id: rows[i]!.case_id, milestone, day: spec.referralDate })));
  if (milestones.length) {
    await sql(
      `insert into case_milestones (case_id, milestone, reached_on, recorded_by)
       select r.case_id, r.milestone::milestone, least(r.day + 30, date '2025-12-31'), $2
       from jsonb_to_recordset($1::jsonb) as r(case_id uuid, milestone text, day date)`,
      [JSON.stringify(milestones), owner.counsellorId],
    );
  }
  const results = specs.flatMap((spec, i) =>
    spec.hq25 ? spec.hq25.map((total, n) => ({ case_id: rows[i]!.case_id, total, day: spec.referralDate, shift: n * 60 })) : [],
  );
  if (results.length) {
    await sql(
      `insert into measure_results (case_id, instrument, administered_on, total, band_code, band_label, concern, direction, recorded_by)
       select r.case_id, 'HQ25', least(r.day + r.shift, date '2025-12-31'), r.total, 'below_cutoff', 'Below cut-off', false, 'lower_is_better', $2
       from jsonb_to_recordset($1::jsonb) as r(case_id uuid, total int, day date, shift int)`,
      [JSON.stringify(results), owner.counsellorId],
    );
  }
  return rows.map((r) => r.case_id);
}

/** The service settings row (a reset empties it with the accounts it references), written directly. */
export async function setServiceSettings(values: { threshold?: number; supervisorsSeeService?: boolean }) {
  await sql(
    `insert into service_settings (id, statistics_threshold, supervisors_see_service) values (1, $1, $2)
     on conflict (id) do update set statistics_threshold = excluded.statistics_threshold, supervisors_see_service = excluded.supervisors_see_service`,
    [values.threshold ?? 10, values.supervisorsSeeService ?? false],
  );
}

/** GET /api/statistics with the given query, as the signed-in person (the session cookie) makes it. */
export function getStatistics(query: Record<string, string> | string): Promise<Response> {
  const search = typeof query === "string" ? query : new URLSearchParams(query).toString();
  return GET(new Request(`http://localhost/api/statistics?${search}`), { params: Promise.resolve({}) });
}

export async function getJson(query: Record<string, string>): Promise<Statistics> {
  const response = await getStatistics({ ...query, format: "json" });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Statistics;
}


/** Every published count: each table's values, leaving out the outcome table's share and median columns. */
export function publishedCounts(stats: Statistics): { where: string; value: Published | null }[] {
  return stats.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.values
        .slice(0, table.id === "outcomes" ? 1 : undefined)
        .map((value, c) => ({ where: `${table.id} / ${row.label} / ${table.columns[c]}`, value: value as Published | null })),
    ),
  );
}

/** A table's values by row label and column name. */
export function cells(stats: Statistics, id: string): Map<string, Map<string, Published | number | null>> {
  const table = stats.tables.find((t) => t.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return new Map(table.rows.map((row) => [row.label, new Map(table.columns.map((column, c) => [column, row.values[c] ?? null]))]));
}

/** The statistics without what changes on every export. */
export function withoutTimestamp(stats: Statistics) {
  return { ...stats, metadata: { ...stats.metadata, generatedAt: "" } };
}

/**
 * The entries of a zip file (an XLSX workbook), inflated with node:zlib: the central directory
 * lists each entry's name, method and local header offset.
 */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip file");
  const entries = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + compressed);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
