import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * A PostgreSQL cluster of its own for tests that stop and start the database server, created
 * with Debian's pg_createcluster next to the main cluster (which is never touched: every command
 * names this cluster). Trust authentication on local TCP, as for the main test server.
 */
export class ThrowawayCluster {
  readonly version = fs.readdirSync("/etc/postgresql").sort().at(-1)!;

  constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Drops what an aborted earlier run left behind, then creates and starts a fresh cluster. */
  create(): void {
    this.drop();
    run("pg_createcluster", [this.version, this.name, "-p", String(this.port), "--", "--auth-host=trust", "--auth-local=trust"]);
    this.start();
  }

  start(): void {
    run("pg_ctlcluster", ["--skip-systemctl-redirect", this.version, this.name, "start"]);
    this.waitUntil(true);
  }

  /** A fast shutdown, as when the server is stopped for maintenance: open connections are cut. */
  stop(): void {
    run("pg_ctlcluster", ["--skip-systemctl-redirect", this.version, this.name, "stop", "-m", "fast"]);
    this.waitUntil(false);
  }

  drop(): void {
    if (this.exists()) {
      try {
        run("pg_dropcluster", ["--stop", this.version, this.name]);
      } catch {
        // A half-created cluster (aborted run) can confuse pg_dropcluster: remove its directories.
      }
    }
    for (const dir of [`/etc/postgresql/${this.version}/${this.name}`, `/var/lib/postgresql/${this.version}/${this.name}`]) {
      if (path.basename(dir) === this.name) fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private exists(): boolean {
    const listing = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" });
    return listing.split("\n").some((line) => {
      const [version, name] = line.trim().split(/\s+/);
      return version === this.version && name === this.name;
    });
  }

  private waitUntil(ready: boolean): void {
    const deadline = Date.now() + 30_000;
    for (;;) {
      let accepting = false;
      try {
        execFileSync("pg_isready", ["-h", "127.0.0.1", "-p", String(this.port), "-q"]);
        accepting = true;
      } catch {
        accepting = false;
      }
      if (accepting === ready) return;
      if (Date.now() > deadline) throw new Error(`cluster ${this.name} did not become ${ready ? "ready" : "unreachable"}`);
      execFileSync("sleep", ["0.2"]);
    }
  }
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `next start` of the existing production build in its own process group, with its output kept. */
export class AppServer {
  private child: ChildProcess | undefined;
  output = "";

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.child = spawn("npx", ["next", "start", "-p", String(this.port)], {
      env: { ...process.env, ...this.env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.on("data", (chunk) => (this.output += chunk));
    this.child.stderr!.on("data", (chunk) => (this.output += chunk));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (!this.running) throw new Error(`next start exited early:\n${this.output}`);
      const status = await fetch(`${this.url}/api/health`).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`next start did not answer /api/health with 200 (last ${status}):\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Stops `npx` and the next-server it started (the whole process group). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // Already gone.
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    // npx may exit before its child: make sure nothing of the group is left.
    signal("SIGKILL");
    this.child = undefined;
  }
}
