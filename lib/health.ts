import "server-only";
import { database } from "./db";

export interface Health {
  status: "ok" | "unavailable";
  database: "ok" | "unreachable" | "busy";
}

type Probe = "ok" | "failed" | "unanswered";

/** One `select 1` on the app's pool: answered, failed, or still unanswered after `timeoutMs`. */
async function probe(timeoutMs: number): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"unanswered">((resolve) => {
    timer = setTimeout(() => resolve("unanswered"), timeoutMs);
  });
  try {
    const answer = database().then((handle) => handle.query("select 1")).then(
      () => "ok" as const,
      () => "failed" as const,
    );
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const health: Record<Probe, Health> = {
  ok: { status: "ok", database: "ok" },
  failed: { status: "unavailable", database: "unreachable" },
  unanswered: { status: "unavailable", database: "busy" },
};

/**
 * Readiness without personal data: can the app use its database right now? An instance whose
 * every pooled connection has been busy for `timeoutMs` is not ready either, so a load balancer
 * sends the next requests elsewhere, but it is told apart from an outage for whoever reads the
 * answer.
 */
export async function checkHealth(timeoutMs = 3_000): Promise<Health> {
  return health[await probe(timeoutMs)];
}

/**
 * For page loads: true only when the database failed the check. A check still waiting when the
 * time is up is not an outage: under load every pooled connection can be busy for seconds (twenty
 * whole-service reports at once, docs/performance.md), and a page should then wait its turn, not
 * say that Tsunagu is unavailable. A server that never answers fails at the driver's connect
 * timeout, and the page then shows the error page, which asks /api/health.
 */
export async function databaseUnreachable(timeoutMs: number): Promise<boolean> {
  return (await probe(timeoutMs)) === "failed";
}
