import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// The suite drives the real production build (`next build` runs before it) on its own embedded
// database, recreated for every run so demo accounts start in a known state. The canary client is
// entered first and looked for afterwards in the server's log, its audit rows and every URL and
// browser storage the suite saw (tests/e2e/canary).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  projects: [
    { name: "canary-seed", testMatch: /canary\/seed\.ts$/ },
    { name: "e2e", testMatch: /\.spec\.ts$/, dependencies: ["canary-seed"] },
    { name: "canary-check", testMatch: /canary\/check\.ts$/, dependencies: ["e2e"] },
  ],
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `rm -rf .data/e2e && mkdir -p .data/e2e && npx next start -p ${port} 2>&1 | tee .data/e2e/server.log`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TSUNAGU_DATA_DIR: ".data/e2e/pglite",
      DATABASE_URL: "",
      AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789abcdef",
      NEXTAUTH_URL: baseURL,
    },
  },
});
