import autocannon from "autocannon";
import { percentile } from "./domain";
import { databaseCpuMs, type Server } from "./server";

/**
 * Signs in through the real next-auth credentials flow (CSRF token, then the callback) and
 * returns the session cookie, as a browser would hold it.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in failed for ${email} (HTTP ${response.status})`);
  return session.split(";")[0]!;
}

export type Load = {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  /** Of the errors, requests still unanswered when autocannon gave up on them after 10 s. */
  timeouts: number;
  rssMb: number;
  /** CPU time per answered request, in ms: of the Next server, and of the local PostgreSQL processes. */
  serverCpuMs: number;
  databaseCpuMs: number;
};

/** How long a load lasts: `connections` clients for `seconds`, or one client for `requests` requests in turn. */
export type LoadShape = { connections: number; seconds: number } | { connections: 1; requests: number };

/** Clients requesting one path, signed in with `cookie` ("" for signed out); latencies in ms, errors = non-2xx + failures. */
export async function load(server: Server, path: string, cookie: string, shape: LoadShape): Promise<Load> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  // A few requests first, so the route is compiled and its modules loaded before the clock runs.
  for (let i = 0; i < 5; i++) await fetch(`${server.base}${path}`, { headers }).then((r) => r.arrayBuffer());
  const latencies: number[] = [];
  server.rss.reset();
  const cpuBefore = { server: server.cpuMs(), database: databaseCpuMs() };
  const started = performance.now();
  let answered = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const length = "seconds" in shape ? { duration: shape.seconds } : { amount: shape.requests };
    const instance = autocannon({ url: `${server.base}${path}`, connections: shape.connections, ...length, headers }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      answered = performance.now();
    });
  });
  const perRequest = (ms: number) => ms / Math.max(latencies.length, 1);
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    // Up to the last answer: autocannon counts and ends its runs in whole seconds (its sampling
    // tick), which made 50 requests in 0.4 s read as 50 req/s.
    rps: latencies.length / Math.max((answered - started) / 1000, 0.001),
    requests: result.requests.total,
    // autocannon's errors already count its timeouts.
    errors: result.errors + result.non2xx,
    timeouts: result.timeouts,
    rssMb: server.rss.peak(),
    serverCpuMs: perRequest(server.cpuMs() - cpuBefore.server),
    databaseCpuMs: perRequest(databaseCpuMs() - cpuBefore.database),
  };
}

export type Download = { seconds: number; bytes: number; status: number; rssMb: number; headers: Headers };

/**
 * One download (a path with its query), with the server's peak memory while it ran. A refused or
 * failed download stops the bench: its time would be that of an error page, not of the export.
 */
export async function download(server: Server, path: string, cookie: string): Promise<Download> {
  server.rss.reset();
  const started = performance.now();
  const response = await fetch(`${server.base}${path}`, { headers: { cookie } });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return { seconds: (performance.now() - started) / 1000, bytes, status: response.status, rssMb: server.rss.peak(), headers: response.headers };
}
