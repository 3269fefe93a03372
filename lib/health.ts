import "server-only";
import { database } from "./db";

export interface Health {
  status: "ok" | "unavailable";
  database: "ok" | "unreachable";
}

/** Readiness without personal data: can the app reach its database right now? */
export async function checkHealth(timeoutMs = 3_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("health check timed out")), timeoutMs);
  });
  try {
    await Promise.race([database().then((handle) => handle.query("select 1")), timeout]);
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "unavailable", database: "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}
