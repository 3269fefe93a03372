import "server-only";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "./availability";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Self-contained (no scripts, no app assets, nothing from the database): it must render with everything else down. */
export function unavailablePage(path: string): string {
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
