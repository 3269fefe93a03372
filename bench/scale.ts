import { parseArgs } from "node:util";

/** Every bench account ends in this; the password is only ever used against bench databases. */
export const BENCH_EMAIL = "@bench.tsunagu.example";
export const BENCH_PASSWORD = "bench-quiet-harbour-lantern-2026";

export type Driver = "postgres" | "pglite";

/** Targets of issue #9, by measurement; the PGlite target is one for every page. */
export const PAGE_LIMIT_PGLITE = 500;

export type Scale = {
  teams: number;
  counsellors: number;
  cases: number;
  notesPerCase: number;
  resultsPerCase: number;
};

export type Options = {
  postgres: Scale | null;
  pglite: Scale | null;
  runs: number;
  /** Runs of each report, statistics and extract query and of its floor (seconds each at full scale). */
  heavyRuns: number;
  /** Seconds of HTTP load per endpoint; 0 skips the HTTP part. */
  duration: number;
  connections: number;
  port: number;
  /** Where the results table is written; null prints only. */
  output: string | null;
  /** Name of the Postgres database (dropped and recreated) and of the PGlite directory under .data/. */
  database: string;
  /** Rebuild the app even when a build exists. */
  build: boolean;
};

const scaleOf = (cases: number, counsellors: number, teams: number): Scale => ({ teams, counsellors, cases, notesPerCase: 10, resultsPerCase: 3 });

/**
 * `npm run bench -- --cases 1000 --pglite-cases 500 --runs 5 --heavy-runs 3 --duration 3`. The defaults are the
 * service-scale run of issue #9: 100,000 cases on the Postgres server, 10,000 on PGlite.
 */
export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: "string", default: "100000" },
      "pglite-cases": { type: "string", default: "10000" },
      counsellors: { type: "string", default: "300" },
      teams: { type: "string", default: "30" },
      runs: { type: "string", default: "50" },
      "heavy-runs": { type: "string" },
      duration: { type: "string", default: "30" },
      connections: { type: "string", default: "20" },
      port: { type: "string", default: "3170" },
      output: { type: "string", default: "docs/performance.md" },
      "no-output": { type: "boolean", default: false },
      database: { type: "string", default: "tsunagu_bench" },
      build: { type: "boolean", default: false },
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not ${values[name]}`);
    return value;
  };
  const counsellors = number("counsellors");
  const teams = number("teams");
  if (teams < 1 || counsellors < teams) throw new Error("--teams must be at least 1 and --counsellors at least --teams.");
  return {
    postgres: number("cases") ? scaleOf(number("cases"), counsellors, teams) : null,
    pglite: number("pglite-cases") ? scaleOf(number("pglite-cases"), counsellors, teams) : null,
    runs: Math.max(1, number("runs")),
    heavyRuns: Math.max(1, values["heavy-runs"] === undefined ? number("runs") : number("heavy-runs")),
    duration: number("duration"),
    connections: Math.max(1, number("connections")),
    port: number("port"),
    output: values["no-output"] ? null : String(values.output),
    database: /^tsunagu_bench\w*$/.test(String(values.database)) ? String(values.database) : fail("--database must start with tsunagu_bench"),
    build: Boolean(values.build),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
