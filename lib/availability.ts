/**
 * Telling "the database cannot be reached" apart from every other failure, so a counsellor is
 * told the service is briefly unavailable (and that nothing saved is lost) rather than that
 * something is broken. Nothing here touches the database itself.
 */

// Socket-level failures (Node) and the connection states postgres.js reports.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

// SQLSTATEs of a server going away or not yet accepting connections (class 08 is checked apart).
const SERVER_GONE = new Set(["57P01", "57P02", "57P03", "53300"]);

/** True when `error` (or anything in its `cause` chain) says the database server is out of reach. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || SERVER_GONE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    // Node reports a refused connection to a name with several addresses as an AggregateError.
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const UNAVAILABLE_TITLE = "Tsunagu is temporarily unavailable";
export const UNAVAILABLE_MESSAGE =
  "Tsunagu cannot reach its database at the moment. Nothing you saved has been lost. Please try again in a few minutes; if this keeps happening, tell your administrator.";
export const UNAVAILABLE_ACTION_MESSAGE =
  "Tsunagu cannot reach its database at the moment, so this was not saved. Everything saved earlier is safe. Please try again in a few minutes.";
