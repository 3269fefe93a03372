export type DomainErrorKind =
  | "Unauthenticated"
  | "NotFound"
  | "Forbidden"
  | "Conflict"
  | "Invalid"
  | "RateLimited";

export type FieldErrors = Record<string, string[]>;

/** The only error kinds the domain layer raises on purpose; anything else is a bug. */
/** What a refusal was about, so the audit row of the refusal can name it. */
export type ErrorSubject = { entityType: string; entityId: string; caseId?: string };

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly subject?: ErrorSubject,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const httpStatus: Record<DomainErrorKind, number> = {
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Invalid: 422,
  RateLimited: 429,
};

export const notFound = (what = "That record", subject?: ErrorSubject) =>
  new DomainError("NotFound", `${what} was not found.`, undefined, subject);
export const forbidden = () => new DomainError("Forbidden", "You do not have permission to do that.");
export const conflict = () =>
  new DomainError(
    "Conflict",
    "Someone else changed this record while you were editing. Reload to see their change, then try again.",
  );
export const invalid = (message: string, fieldErrors?: FieldErrors) =>
  new DomainError("Invalid", message, fieldErrors);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
