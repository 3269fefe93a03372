import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { databaseUnreachable } from "@/lib/health";
import { unavailablePage } from "@/lib/unavailable-page";

/**
 * Runs before every page, action and API request. It is not an authorisation layer (the domain
 * layer checks every request itself); it sets what must differ per request, refuses what no
 * handler should ever have to read, and answers page loads plainly while the database is down.
 */

/** The largest request body any form, action or API takes; a note section is ≤ 20,000 characters. */
const MAX_BODY_BYTES = 1024 * 1024;

const isProduction = process.env.NODE_ENV === "production";

/**
 * Scripts run only with this request's nonce (Next adds it to its own scripts when it finds the
 * policy on the request). Styles keep 'unsafe-inline': Radix and the charts position elements
 * with style attributes, which a nonce cannot cover, and styles cannot run code.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isProduction ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isProduction ? "" : " ws:"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

const noStore = { "Cache-Control": "no-store, max-age=0" };

/** Bodies are refused by their declared size, before anything buffers them. */
function oversizedBody(request: NextRequest): NextResponse | undefined {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const bytes = Number(declared);
    if (Number.isSafeInteger(bytes) && bytes <= MAX_BODY_BYTES) return undefined;
    return NextResponse.json({ error: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.` }, { status: 413, headers: noStore });
  }
  // A streamed body has no declared size to check; browsers always declare one.
  if (request.headers.has("transfer-encoding")) {
    return NextResponse.json({ error: "The request must declare its length." }, { status: 411, headers: noStore });
  }
  return undefined;
}

/**
 * A full page load (not an API call, a router fetch, a prefetch or a server action, which all
 * answer outages in their own way). Next hides most router headers from the proxy, so a
 * client-side navigation may count too; the router then loads the page in full.
 */
function isPageLoad(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.nextUrl.pathname.startsWith("/api/")) return false;
  const headers = request.headers;
  if (headers.has("rsc") || headers.has("next-router-prefetch") || headers.has("next-action")) return false;
  return !request.nextUrl.searchParams.has("_rsc");
}

/**
 * While the PostgreSQL server is out of reach, a page load gets a plain 503 page rather than an
 * error: one `select 1` on the app's own pool, nothing remembered, so the first load after the
 * server returns goes through. Only a failed check counts: a pool too busy to answer within 2 s
 * is load, not an outage. The embedded database lives in this process and is not checked.
 */
async function databaseOutage(request: NextRequest): Promise<NextResponse | undefined> {
  if (!isPageLoad(request) || !env().DATABASE_URL) return undefined;
  if (!(await databaseUnreachable(2_000))) return undefined;
  return new NextResponse(unavailablePage(request.nextUrl.pathname), {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", ...noStore, "Retry-After": "30" },
  });
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refused = oversizedBody(request);
  if (refused) return refused;

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = (await databaseOutage(request)) ?? NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Build assets are files with no inline script and no body; everything else passes through.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
