import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { cache } from "react";

export interface RequestContext {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/**
 * The client address is the rightmost X-Forwarded-For entry: the one the reverse proxy in front
 * of Tsunagu appended. Entries further left are whatever the client chose to send.
 */
export function clientIp(get: (name: string) => string | null | undefined): string {
  const forwarded = get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).pop();
  return (last ?? get("x-real-ip") ?? "unknown").slice(0, 64);
}

export function contextFromHeaders(get: (name: string) => string | null | undefined): RequestContext {
  const requestId = get("x-request-id");
  return {
    ip: clientIp(get),
    userAgent: get("user-agent")?.slice(0, 512) ?? null,
    requestId: requestId && /^[\w-]{8,64}$/.test(requestId) ? requestId : randomUUID(),
  };
}

/** One context per request, shared by everything that audits during it. */
export const requestContext = cache(async (): Promise<RequestContext> => {
  const list = await headers();
  return contextFromHeaders((name) => list.get(name));
});
