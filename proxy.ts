import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page, action and API request. It is not an authorisation layer (the domain
 * layer checks every request itself); it sets what must differ per request and refuses what no
 * handler should ever have to read.
 */

/** The largest request body any form, action or API takes; a note section is ≤ 20,000 characters. */
export const MAX_BODY_BYTES = 1024 * 1024;

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

function refuse(status: 411 | 413, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Bodies are refused by their declared size, before anything buffers them. */
function oversizedBody(request: NextRequest): NextResponse | undefined {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const bytes = Number(declared);
    if (!Number.isSafeInteger(bytes) || bytes > MAX_BODY_BYTES) {
      return refuse(413, `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    }
    return undefined;
  }
  // A streamed body has no declared size to check; browsers always declare one.
  if (request.headers.has("transfer-encoding")) return refuse(411, "The request must declare its length.");
  return undefined;
}

export function proxy(request: NextRequest): NextResponse {
  const refused = oversizedBody(request);
  if (refused) return refused;

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Build assets are files with no inline script and no body; everything else passes through.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
