import { addMonths, format } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Published } from "@/lib/statistics/disclosure";
import { buildStatistics, type Statistics } from "@/lib/statistics/export";
import { statisticsInput } from "@/lib/statistics/schemas";
import { auditRows } from "./helpers/notes";
import { parseCsv } from "../support/csv";
import { context, createPeople, signInAs, signOut } from "./helpers/people";
import {
  cells,
  getJson,
  getStatistics,
  insertCases,
  publishedCounts,
  randomCase,
  seeded,
  setServiceSettings,
  withoutTimestamp,
  YEAR,
} from "./helpers/statistics";

/**
 * Team North holds 12 consented cases, all in region JP-01; team South holds 45, all in JP-13.
 * 12 is visible at the default threshold of 10 and hidden at 15; 12 and 57 cannot be confused
 * even after a perturbation of ±2, so the scope of an export shows in its totals.
 */
async function service() {
  const people = await createPeople();
  const random = seeded(7);
  await insertCases(
    Array.from({ length: 12 }, () => randomCase(random, { region: "JP-01" })),
    { counsellorId: people.counsellorNorth.id, teamId: people.teams.north.id },
  );
  await insertCases(
    Array.from({ length: 45 }, () => randomCase(random, { region: "JP-13" })),
    { counsellorId: people.counsellorSouth.id, teamId: people.teams.south.id },
  );
  return people;
}

const query = (extra: Record<string, string> = {}) => ({ ...YEAR, ...extra });

/** The number of consented cases the export counted, read from the status table's total. */
function population(stats: Statistics): Published | null {
  return cells(stats, "status").get("Total")!.get("Cases")!;
}

function expectNoSmallCount(stats: Statistics, threshold: number) {
  for (const { where, value } of [...publishedCounts(stats), { where: "excluded", value: stats.metadata.excludedWithoutConsent }]) {
    expect(value === 0 || value === "x" || value === `<${threshold}` || (typeof value === "number" && value >= threshold), `${where}: ${value}`).toBe(true);
  }
}

describe("GET /api/statistics: who may export", () => {
  it("answers 401 to a visitor who is not signed in, and keeps nothing in caches", async () => {
    await service();
    signOut();
    const response = await getStatistics(query({ format: "csv" }));
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "Sign in first." });
    expect(await auditRows("statistics.export")).toEqual([]);
  });

  it("answers 404 to a counsellor, as if the endpoint did not exist, and audits the refusal", async () => {
    const people = await service();
    const counsellor = await signInAs(people.counsellorNorth.email);
    for (const f of ["csv", "json", "xlsx"]) {
      const response = await getStatistics(query({ format: f }));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: "Not found." });
    }
    const rows = await auditRows("statistics.export");
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ actor_id: counsellor.id, outcome: "denied" });
  });

  it.each(["analyst", "admin"] as const)("lets an %s download CSV, JSON and XLSX of the whole service, never cached", async (role) => {
    const people = await service();
    await signInAs(people[role].email);
    const types = {
      csv: "text/csv; charset=utf-8",
      json: "application/json; charset=utf-8",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    for (const [f, type] of Object.entries(types)) {
      const response = await getStatistics(query({ format: f }));
      expect(response.status, f).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="tsunagu-statistics-2025-01-to-2025-12.${f}"`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
      if (f === "xlsx") expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
      // A byte-order mark (EF BB BF) so spreadsheets read UTF-8.
      if (f === "csv") expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).startsWith("\uFEFFtable,row,column,value\r\n")).toBe(true);
      if (f === "json") {
        const stats = JSON.parse(new TextDecoder().decode(bytes)) as Statistics;
        expect(stats.metadata.scope).toBe("the whole service");
        // 57 consented cases, perturbed by at most 2.
        expect(Math.abs((population(stats) as number) - 57)).toBeLessThanOrEqual(2);
      }
    }
  });

  it("defaults to JSON when no format is asked for", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    const response = await getStatistics(query());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });
});

describe("a supervisor's statistics cover their team unless the service allows more", () => {
  it("gives a supervisor their own team even when they ask for the service", async () => {
    const people = await service();
    await signInAs(people.supervisorNorth.email);
    for (const scope of ["service", "team"]) {
      const stats = await getJson(query({ scope }));
      expect(stats.metadata.scope, scope).toMatch(/^your team/);
      // North's 12 cases, not the service's 57.
      const total = population(stats) as number;
      expect(total, scope).toBeGreaterThanOrEqual(10);
      expect(total, scope).toBeLessThanOrEqual(14);
      expect(cells(stats, "region").has("JP-13"), scope).toBe(false);
    }
    await signInAs(people.supervisorSouth.email);
    const south = await getJson(query({ scope: "service" }));
    expect(Math.abs((population(south) as number) - 45)).toBeLessThanOrEqual(2);
    expect(cells(south, "region").has("JP-01")).toBe(false);
    // The audit names the team whose figures went out.
    const rows = await auditRows("statistics.export");
    expect(rows.map((r) => r.entity_id)).toEqual([people.teams.north.id, people.teams.north.id, people.teams.south.id]);
  });

  it("gives the whole service when service_settings.supervisors_see_service is on, and the team when asked", async () => {
    const people = await service();
    await setServiceSettings({ supervisorsSeeService: true });
    await signInAs(people.supervisorNorth.email);
    const whole = await getJson(query({ scope: "service" }));
    expect(whole.metadata.scope).toBe("the whole service");
    expect(Math.abs((population(whole) as number) - 57)).toBeLessThanOrEqual(2);
    const team = await getJson(query({ scope: "team" }));
    expect(team.metadata.scope).toBe("your team");
    expect(Math.abs((population(team) as number) - 12)).toBeLessThanOrEqual(2);
    const rows = await auditRows("statistics.export");
    expect(rows.map((r) => r.entity_id)).toEqual(["service", people.teams.north.id]);
  });

  it("gives analysts the whole service whatever scope they ask for", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    const stats = await getJson(query({ scope: "team" }));
    expect(stats.metadata.scope).toBe("the whole service");
    expect(Math.abs((population(stats) as number) - 57)).toBeLessThanOrEqual(2);
  });
});

describe("GET /api/statistics refuses bad parameters with 422, never 500", () => {
  const nextMonth = format(addMonths(new Date(), 1), "yyyy-MM");

  it.each([
    ["the last month before the first", { from: "2025-06", to: "2025-05", format: "json" }, "to"],
    ["a month in the future", { from: "2025-06", to: nextMonth, format: "json" }, "to"],
    ["an unknown format", { ...YEAR, format: "pdf" }, "format"],
    ["an unknown scope", { ...YEAR, scope: "everyone" }, "scope"],
    ["a month that is not a month", { from: "2025-13", to: "2025-12" }, "from"],
    ["a day instead of a month", { from: "2025-01-01", to: "2025-12" }, "from"],
    ["no first month", { to: "2025-12" }, "from"],
    ["more than ten years", { from: "2015-12", to: "2025-12" }, "from"],
  ])("%s", async (_, params, field) => {
    const people = await service();
    await signInAs(people.analyst.email);
    const response = await getStatistics(params as Record<string, string>);
    expect(response.status).toBe(422);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
    expect(body.error).toEqual(expect.any(String));
    expect(body.fieldErrors[field]).toEqual([expect.any(String)]);
    expect(await auditRows("statistics.export")).toEqual([]);
  });

  it("refuses an unknown parameter rather than ignoring it", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    const extras: Record<string, string>[] = [{ teamId: people.teams.south.id }, { threshold: "5" }];
    for (const extra of extras) {
      const response = await getStatistics(query({ format: "json", ...extra }));
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
      expect(body.fieldErrors).toEqual(expect.any(Object));
    }
    expect(await auditRows("statistics.export")).toEqual([]);
  });

  it("answers 200 or 422 to any query string", { timeout: 300_000 }, async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    const value = fc.oneof(
      fc.constantFrom("2025-01", "2025-12", "2024-02", "1999-12", nextMonth, "2025-1", "2025-00", "", "csv", "json", "xlsx", "pdf", "service", "team", "0", "-1", "%00", "'; drop table cases; --"),
      fc.string({ maxLength: 12 }),
    );
    const param = fc.tuple(fc.constantFrom("from", "to", "format", "scope", "teamId", "FROM", "from[]", ""), value);
    const seen = new Map<number, number>();
    // Valid queries mixed in, so that both answers are exercised.
    const valid = fc.record({ from: fc.constantFrom("2024-01", "2025-01"), to: fc.constantFrom("2025-06", "2025-12"), format: fc.constantFrom("csv", "json", "xlsx") });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(param, { maxLength: 5 }), valid.map((v) => Object.entries(v))), async (params) => {
        const search = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
        const response = await getStatistics(search);
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect([200, 422], search).toContain(response.status);
        if (response.status === 422) expect(await response.json()).toMatchObject({ error: expect.any(String), fieldErrors: expect.any(Object) });
      }),
      { seed: 42, numRuns: 80 },
    );
    expect(seen.get(200)).toBeGreaterThan(5);
    expect(seen.get(422)).toBeGreaterThan(5);
  });
});

describe("auditing", () => {
  it("records each export with its period, scope, format and threshold", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    expect((await getStatistics(query({ format: "csv" }))).status).toBe(200);
    expect((await getStatistics({ from: "2024-03", to: "2025-02", format: "xlsx", scope: "team" })).status).toBe(200);
    const rows = await auditRows("statistics.export");
    expect(rows).toEqual([
      {
        actor_id: people.analyst.id,
        entity_type: "statistics",
        entity_id: "service",
        case_id: null,
        outcome: "success",
        details: { from: "2025-01", to: "2025-12", scope: "service", format: "csv", threshold: 10 },
      },
      {
        actor_id: people.analyst.id,
        entity_type: "statistics",
        entity_id: "service",
        case_id: null,
        outcome: "success",
        // The scope recorded is the one applied: an analyst asking for "team" still publishes the service.
        details: { from: "2024-03", to: "2025-02", scope: "service", format: "xlsx", threshold: 10 },
      },
    ]);
    expect(await auditRows("statistics.preview")).toEqual([]);
  });

  it("records a preview on screen as statistics.preview, without a format", async () => {
    const people = await service();
    const analyst = await signInAs(people.analyst.email);
    await buildStatistics(analyst, statisticsInput.parse({ ...YEAR, format: "csv" }), context);
    expect(await auditRows("statistics.preview")).toEqual([
      {
        actor_id: analyst.id,
        entity_type: "statistics",
        entity_id: "service",
        case_id: null,
        outcome: "success",
        details: { from: "2025-01", to: "2025-12", scope: "service", format: null, threshold: 10 },
      },
    ]);
    expect(await auditRows("statistics.export")).toEqual([]);
  });

  it("refuses a counsellor in the domain call itself, not only at the route", async () => {
    const people = await service();
    const counsellor = await signInAs(people.counsellorNorth.email);
    await expect(buildStatistics(counsellor, statisticsInput.parse(YEAR), context)).rejects.toMatchObject({ kind: "Forbidden" });
    expect(await auditRows("statistics.preview")).toEqual([]);
  });
});

describe("the suppression threshold setting", () => {
  it("hides every count from 1 to 14 when service_settings.statistics_threshold is 15", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    // At the default, North's 12 cases in JP-01 are visible.
    const before = await getJson(query());
    expect(before.metadata.threshold).toBe(10);
    const jp01 = cells(before, "region").get("JP-01")!.get("Cases");
    expect(typeof jp01 === "number" && jp01 >= 10 && jp01 <= 14, String(jp01)).toBe(true);
    expectNoSmallCount(before, 10);

    await setServiceSettings({ threshold: 15 });
    for (const f of ["json", "csv"]) {
      const response = await getStatistics(query({ format: f }));
      expect(response.status).toBe(200);
      const text = await response.text();
      const stats: Statistics =
        f === "json"
          ? (JSON.parse(text) as Statistics)
          : // The CSV's values, read back into the same shape.
            csvAsStatistics(text, before);
      expectNoSmallCount(stats, 15);
      expect(cells(stats, "region").get("JP-01")!.get("Cases")).toBe("<15");
      if (f === "json") {
        expect(stats.metadata.threshold).toBe(15);
        expect(stats.metadata.rules).toContain("Counts from 1 to 14 are shown as <15; zero stays 0.");
      }
    }
    expect((await auditRows("statistics.export")).map((r) => (r.details as { threshold: number }).threshold)).toEqual([10, 15, 15]);
  });
});

/** Rebuilds the tables of an export from its CSV, using `shape` for the table ids. */
function csvAsStatistics(text: string, shape: Statistics): Statistics {
  const lines = parseCsv(text.replace(/^\uFEFF/, "")).slice(1);
  const metadata = Object.fromEntries(lines.filter((l) => l[0] === "metadata").map((l) => [l[1], l[3]]));
  const number = (v: string) => (v === "" ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  return {
    metadata: { ...shape.metadata, threshold: Number(metadata.threshold), excludedWithoutConsent: number(metadata["cases left out without consent"]!) as Published },
    tables: shape.tables.map((table) => ({
      ...table,
      rows: table.rows.map((row) => ({
        label: row.label,
        values: table.columns.map((column) => {
          const line = lines.find((l) => l[0] === table.title && l[1] === row.label && l[2] === column);
          return line ? (number(line[3]!) as Published | null) : null;
        }),
      })),
    })),
  };
}

describe("the CSV and JSON exports agree", () => {
  it("parses as RFC 4180 and carries exactly the JSON's values, metadata included (but the time)", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    const json = await getJson(query());
    const csvResponse = await getStatistics(query({ format: "csv" }));
    // Decoded keeping the byte-order mark, which Response.text() would drop.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csvResponse.arrayBuffer());
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...lines] = parseCsv(csv.slice(1));
    expect(header).toEqual(["table", "row", "column", "value"]);
    expect(lines.every((line) => line.length === 4)).toBe(true);

    const asText = (value: unknown) => (value === null || value === undefined ? "" : String(value));
    const metadata = lines.filter((l) => l[0] === "metadata");
    const m = json.metadata;
    expect(metadata.map((l) => [l[1], l[3]])).toEqual([
      ["title", m.title],
      ["period", `${m.period.from} to ${m.period.to}`],
      ["scope", m.scope],
      ["generated at", expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)],
      ["threshold", String(m.threshold)],
      ["software", m.software],
      ["cases left out without consent", asText(m.excludedWithoutConsent)],
      ...m.rules.map((rule, i) => [`rule ${i + 1}`, rule]),
    ]);

    const values = lines.filter((l) => l[0] !== "metadata");
    const expected = json.tables.flatMap((table) => table.rows.flatMap((row) => table.columns.map((column, c) => [table.title, row.label, column, asText(row.values[c])])));
    expect(values).toEqual(expected);
    // The export has content: many tables, visible numbers and hidden cells.
    expect(values.length).toBeGreaterThan(100);
    expect(values.some((v) => /^\d+$/.test(v[3]!) && Number(v[3]) >= 10)).toBe(true);
    expect(values.some((v) => v[3] === "<10")).toBe(true);
  });

  it("publishes the same values on every export of the same data", async () => {
    const people = await service();
    await signInAs(people.analyst.email);
    const first = await getJson(query());
    const second = await getJson(query());
    expect(withoutTimestamp(second)).toEqual(withoutTimestamp(first));
  });
});
