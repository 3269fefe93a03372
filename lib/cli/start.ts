/**
 * `npm start`: builds when the sources are newer than the last build, then serves the production
 * build. Without AUTH_SECRET it creates a random one in the data directory, so a first run needs
 * no setup and no secret is ever shared between installations.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const sourceDirs = ["app", "components", "lib", "db"];
const sourceFiles = ["next.config.js", "package-lock.json", "instrumentation.ts", "postcss.config.mjs"];

function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  [...sourceDirs, ...sourceFiles].forEach((entry) => visit(path.join(root, entry)));
  return newest;
}

function buildIfNeeded() {
  const built = fs.statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestSource()) return;
  console.log("Building Tsunagu (first start or sources changed)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dataDir = path.dirname(path.resolve(process.env.TSUNAGU_DATA_DIR ?? ".data/pglite"));
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}

buildIfNeeded();
const port = process.env.PORT ?? "3000";
const server = spawn("npx", ["next", "start", "-p", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: authSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
