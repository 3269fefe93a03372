import { NextResponse, type NextRequest } from "next/server";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "@/lib/availability";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";

/**
 * When the PostgreSQL server is out of reach, a page load gets a plain "temporarily unavailable"
 * page with status 503 (and Retry-After) instead of an error: the check is one `select 1` on the
 * app's own pool, and the first page load after the server returns goes through as usual.
 *
 * Only GET and HEAD requests for pages are checked; server actions answer with their own form
 * message. Next hides most router headers from the proxy, so a client-side navigation usually
 * gets the 503 too and the router then loads the page in full; an error raised while rendering
 * lands on app/error.tsx, which asks /api/health and says the same. The embedded database lives
 * inside this process and is never opened from here.
 */
export async function proxy(request: NextRequest) {
  if (!isPageLoad(request) || !env().DATABASE_URL) return NextResponse.next();
  const health = await checkHealth(2_000);
  if (health.status === "ok") return NextResponse.next();
  return new NextResponse(unavailablePage(request.nextUrl.pathname), {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store, max-age=0",
      "Retry-After": "30",
    },
  });
}

function isPageLoad(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const headers = request.headers;
  // React Server Component fetches, prefetches and server actions are not page loads.
  if (headers.has("rsc") || headers.has("next-router-prefetch") || headers.has("next-action")) return false;
  if (request.nextUrl.searchParams.has("_rsc")) return false;
  return true;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Self-contained (no scripts, no app assets, nothing from the database): it must render with everything else down. */
function unavailablePage(path: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(UNAVAILABLE_TITLE)} · Tsunagu</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; background: #f8faf9; }
  main { min-height: 100dvh; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.75rem; padding: 1.5rem; text-align: center; }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0; }
  p { max-width: 32rem; margin: 0; color: #4b5563; line-height: 1.5; }
  a { display: inline-block; margin-top: 0.5rem; padding: 0.5rem 1rem; border-radius: 0.375rem; background: #2f6f62; color: #fff; font-weight: 500; text-decoration: none; }
  a:focus-visible { outline: 3px solid #94c5b9; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(UNAVAILABLE_TITLE)}</h1>
<p>${escapeHtml(UNAVAILABLE_MESSAGE)}</p>
<a href="${escapeHtml(path.replace(/^\/+/, "/"))}">Try again</a>
</main>
</body>
</html>
`;
}

export const config = {
  // Health, sign-in, downloads and build assets are never page loads.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg).*)"],
};
