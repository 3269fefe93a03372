import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": import.meta.dirname,
  // Guards Next bundles against importing server code into the browser; tests are the server.
  "server-only": path.join(import.meta.dirname, "tests/support/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Tests that need several real server connections run only against the Postgres server.
          exclude: process.env.TSUNAGU_TEST_DRIVER === "postgres" ? [] : ["tests/integration/**/*.pg.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own database; files run one after another on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
