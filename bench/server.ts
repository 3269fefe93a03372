import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";

/** Builds the production app unless a build is already there (tests/run.ts builds before the smoke). */
export function ensureBuild(force: boolean): number {
  if (!force && fs.existsSync(".next/BUILD_ID")) return 0;
  const started = performance.now();
  const result = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  return (performance.now() - started) / 1000;
}

/** Where the bench's data is: a Postgres server's database, or a PGlite directory. */
export type Target = { url?: string; dataDir?: string };

/** `cpuMs()`: CPU time the serving process tree has used so far, in ms. */
export type Server = { base: string; rss: RssSampler; cpuMs(): number; stop(): Promise<void> };

const TICK_MS = 10; // USER_HZ is 100 on Linux: /proc reports CPU time in 10 ms ticks

/**
 * CPU time (user + system, every thread) a process has used so far, in ms, with that of its ended
 * children, which the kernel adds to the parent when it reaps them; 0 once it is gone.
 */
function processCpuMs(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  // The fields after the command name, which is in parentheses and may itself contain ") ".
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  return stat ? (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS : 0;
}

/**
 * CPU time every local PostgreSQL process has used so far, in ms: the bench's server runs on this
 * machine, so its share of a page is what its processes used while the page was requested. A
 * backend or parallel worker that ends meanwhile stays counted in the postmaster's children's
 * time. Every cluster on the machine counts, and a server elsewhere reads as 0.
 */
export function databaseCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (/^\d+$/.test(entry) && read(`/proc/${entry}/comm`).trim() === "postgres") total += processCpuMs(Number(entry));
  }
  return total;
}

/**
 * `next start` in its own process group (stopping `next start` alone leaves the `next-server`
 * child running), against the bench database only: no demo data, a throwaway secret.
 */
export async function startServer(port: number, database: Target): Promise<Server> {
  const base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _url, TSUNAGU_DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...inherited,
      ...(database.url ? { DATABASE_URL: database.url } : { TSUNAGU_DATA_DIR: database.dataDir }),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TSUNAGU_DEMO_DATA: "off",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      NEXTAUTH_URL: base,
    },
  });
  const stop = async () => {
    rss.stop();
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  const rss = new RssSampler(child);
  try {
    await waitForHealth(base, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, rss, cpuMs: () => processTree(child.pid!).reduce((sum, pid) => sum + processCpuMs(pid), 0), stop };
}

async function waitForHealth(base: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server at ${base} was not healthy within 60 s`);
}

/**
 * Resident memory of the serving process (the largest in the tree `next start` spawns: the
 * launcher itself only waits), sampled every 100 ms; `peak()` is the highest since the last
 * `reset()`, so each phase of the run gets its own peak.
 */
export class RssSampler {
  private max = 0;
  private timer: NodeJS.Timeout;
  constructor(private readonly child: ChildProcess) {
    this.timer = setInterval(() => {
      this.max = Math.max(this.max, this.current());
    }, 100);
    this.timer.unref();
  }
  reset() {
    this.max = this.current();
  }
  /** Megabytes. */
  peak() {
    return Math.max(this.max, this.current()) / 1024;
  }
  stop() {
    clearInterval(this.timer);
  }
  private current(): number {
    return Math.max(0, ...processTree(this.child.pid!).map((pid) => this.rssKb(pid)));
  }
  private rssKb(pid: number): number {
    return Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0);
  }
}

/** A process and all its descendants. */
function processTree(pid: number): number[] {
  const children = read(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

const read = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
};
