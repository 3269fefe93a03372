export type DomainErrorKind =
  | "Unauthenticated"
  | "NotFound"
  | "Forbidden"
  | "Conflict"
  | "Invalid"
  | "RateLimited";

export type FieldErrors = Record<string, string[]>;

/** The only error kinds the domain layer raises on purpose; anything else is a bug. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fieldErrors?: FieldErrors,
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

export const notFound = (what = "That record") => new DomainError("NotFound", `${what} was not found.`);
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
