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

/** `error` and every error it wraps (its `cause` chain), outermost first, each once. */
function* causes(error: unknown): Generator<{ code?: unknown; errors?: unknown }> {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    yield current;
  }
}

/** True when `error` (or anything in its `cause` chain) says the database server is out of reach. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, errors } of causes(error)) {
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || SERVER_GONE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    // Node reports a refused connection to a name with several addresses as an AggregateError.
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

// A SQLSTATE's class is two digits or one of F0, HV, P0, XX; Node's error codes start with E.
const SQLSTATE = /^(?:[0-9]{2}|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/**
 * True when the server itself answered with an error (a SQLSTATE) other than going away: it
 * refused the statement, so a transaction that got this answer at COMMIT was rolled back.
 */
export function refusedByServer(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  for (const { code } of causes(error)) if (typeof code === "string" && SQLSTATE.test(code)) return true;
  return false;
}

/**
 * The transaction's work was done and COMMIT was sent, but what came back was not the server's
 * answer to it (the connection closed, or the server was shutting the session down), so the
 * change may have been saved or not. Telling the person "nothing was saved" here could make them
 * enter it twice; telling them "saved" could lose it.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super("the database connection was lost while committing", { cause });
    this.name = "CommitOutcomeUnknown";
  }
}

export const UNAVAILABLE_TITLE = "Tsunagu is temporarily unavailable";
export const UNAVAILABLE_MESSAGE =
  "Tsunagu cannot reach its database at the moment. Nothing you saved has been lost. Please try again in a few minutes; if this keeps happening, tell your administrator.";
export const UNAVAILABLE_ACTION_MESSAGE =
  "Tsunagu cannot reach its database at the moment, so this was not saved. Everything saved earlier is safe. Please try again in a few minutes.";
export const UNKNOWN_OUTCOME_MESSAGE =
  "Tsunagu lost its connection to the database just as this was being saved, so it cannot tell whether it was saved. When Tsunagu is back, check whether your change is there before you enter it again.";
