/**
 * `npm test`: every check, in order, with counts and timings. Integration tests run on embedded
 * PGlite and, when TEST_DATABASE_URL is set, again on that Postgres server. The end-to-end suite
 * drives a production build in Debian's Chromium; a small run of the benchmark closes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Counts = { passed: number; failed: number; skipped: number };
type Stage = { name: string; ok: boolean; seconds: number; counts?: Counts; note?: string };
type Failure = { stage: string; test: string; message: string };

// CI keeps only the end of this output, so the names of failed tests are repeated after the summary.
const failures: Failure[] = [];
const firstLine = (message: unknown) =>
  String(message ?? "").replace(/\x1b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim())?.trim().slice(0, 300) ?? "";

const results: Stage[] = [];
const resultsDir = path.resolve("test-results");
fs.mkdirSync(resultsDir, { recursive: true });

function run(name: string, command: string[], env: Record<string, string> = {}, counts?: () => Counts | undefined) {
  console.log(`\n━━ ${name} ━━  ${command.join(" ")}`);
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const stage: Stage = { name, ok: result.status === 0, seconds: (performance.now() - started) / 1000 };
  stage.counts = counts?.();
  if (stage.counts && stage.counts.passed === 0 && stage.ok) {
    stage.ok = false;
    stage.note = "no test ran";
  }
  results.push(stage);
  return stage.ok;
}

type VitestReport = {
  numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
  testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
};

function vitestCounts(stage: string, file: string): () => Counts | undefined {
  return () => {
    if (!fs.existsSync(file)) return undefined;
    const report: VitestReport = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const suite of report.testResults) {
      const where = path.relative(process.cwd(), suite.name);
      if (suite.message) failures.push({ stage, test: where, message: firstLine(suite.message) });
      for (const test of suite.assertionResults.filter((t) => t.status === "failed")) {
        failures.push({ stage, test: `${where} › ${test.fullName}`, message: firstLine(test.failureMessages[0]) });
      }
    }
    return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  };
}

type PlaywrightSuite = {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
};

function playwrightFailures(stage: string, suite: PlaywrightSuite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests.filter((t) => t.status === "unexpected")) {
      failures.push({ stage, test: `${spec.file} › ${spec.title}`, message: firstLine(test.results.at(-1)?.error?.message) });
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(stage, child);
}

function playwrightCounts(stage: string, file: string): () => Counts | undefined {
  return () => {
    if (!fs.existsSync(file)) return undefined;
    const { stats, suites } = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const suite of suites ?? []) playwrightFailures(stage, suite);
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  };
}

const vitest = (project: string, output: string) => [
  "npx", "vitest", "run", "--project", project,
  "--reporter=default", "--reporter=json", `--outputFile.json=${output}`,
];

function clean(file: string) {
  fs.rmSync(file, { force: true });
  return file;
}

run("typecheck", ["npx", "tsc", "--noEmit"]);
run("lint", ["npx", "eslint", "--max-warnings", "0", "."]);

const unitReport = clean(path.join(resultsDir, "vitest-unit.json"));
run("unit", vitest("unit", unitReport), { NODE_ENV: "test" }, vitestCounts("unit", unitReport));

const pgliteReport = clean(path.join(resultsDir, "vitest-integration-pglite.json"));
run("integration (PGlite)", vitest("integration", pgliteReport), { NODE_ENV: "test", TSUNAGU_TEST_DRIVER: "pglite" }, vitestCounts("integration (PGlite)", pgliteReport));

if (process.env.TEST_DATABASE_URL) {
  const postgresReport = clean(path.join(resultsDir, "vitest-integration-postgres.json"));
  run(
    "integration (Postgres server)",
    vitest("integration", postgresReport),
    { NODE_ENV: "test", TSUNAGU_TEST_DRIVER: "postgres" },
    vitestCounts("integration (Postgres server)", postgresReport),
  );
} else {
  console.log("\nTEST_DATABASE_URL is not set: the integration tests ran on PGlite only.");
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(
    `\nNo Chromium at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; ` +
      "the end-to-end tests cannot run without a browser.",
  );
  results.push({ name: "e2e (Chromium)", ok: false, seconds: 0, note: `no browser at ${chromium}` });
} else if (run("build", ["npx", "next", "build"], { NODE_ENV: "production" })) {
  const e2eReport = clean(path.join(resultsDir, "e2e.json"));
  run("e2e (Chromium)", ["npx", "playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport }, playwrightCounts("e2e (Chromium)", e2eReport));
}

// The benchmark at a tiny scale, on both drivers when a server is given: it checks only that
// `npm run bench` still runs end to end and prints its table (no timing is judged), reusing the
// build above. Its own database name and port keep it clear of a full benchmark run.
run("bench smoke", [
  "npm", "run", "bench", "--",
  "--cases", process.env.TEST_DATABASE_URL ? "1000" : "0", "--pglite-cases", "300",
  "--runs", "3", "--duration", "2", "--connections", "4", "--port", "3171",
  "--database", "tsunagu_bench_smoke", "--no-output",
], { BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL ?? "" });

if (failures.length) {
  console.log(`\n━━ Failed tests (${failures.length}${failures.length > 25 ? ", the first 25" : ""}) ━━`);
  for (const { stage, test, message } of failures.slice(0, 25)) console.log(`- [${stage}] ${test}\n    ${message}`);
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
console.log("\n━━ Summary ━━");
console.log("| stage | result | passed | failed | skipped | seconds |");
console.log("|---|---|---|---|---|---|");
for (const stage of results) {
  const c = stage.counts;
  if (c) {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  console.log(
    `| ${stage.name} | ${stage.ok ? "ok" : `FAILED${stage.note ? ` (${stage.note})` : ""}`} | ${c?.passed ?? "–"} | ${c?.failed ?? "–"} | ${c?.skipped ?? "–"} | ${stage.seconds.toFixed(1)} |`,
  );
}
const failedStages = results.filter((stage) => !stage.ok).length;
// A failed check that counts no tests (typecheck, lint, build) still counts as one failure.
const uncounted = results.filter((stage) => !stage.ok && !stage.counts?.failed).length;
console.log(`\ntests: ${total.passed} passed, ${total.failed + uncounted} failed`);
process.exit(failedStages ? 1 : 0);
