import { describe, expect, it } from "vitest";
import {
  conflict,
  DomainError,
  type DomainErrorKind,
  forbidden,
  httpStatus,
  invalid,
  isDomainError,
  notFound,
} from "@/lib/errors";

describe("httpStatus", () => {
  it.each([
    ["Unauthenticated", 401],
    ["Forbidden", 403],
    ["NotFound", 404],
    ["Conflict", 409],
    ["Invalid", 422],
    ["RateLimited", 429],
  ] as const)("maps %s to %i", (kind, status) => {
    expect(httpStatus[kind]).toBe(status);
  });

  it("maps exactly the six domain error kinds", () => {
    expect(Object.keys(httpStatus).sort()).toEqual(
      ["Conflict", "Forbidden", "Invalid", "NotFound", "RateLimited", "Unauthenticated"].sort(),
    );
  });
});

describe("DomainError", () => {
  it("is an Error with its kind, message, name and optional field errors", () => {
    const error = new DomainError("RateLimited", "Slow down.", { email: ["Too many attempts."] });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("RateLimited");
    expect(error.message).toBe("Slow down.");
    expect(error.name).toBe("DomainError");
    expect(error.fieldErrors).toEqual({ email: ["Too many attempts."] });
  });

  it("has no field errors unless given", () => {
    expect(new DomainError("Unauthenticated", "Sign in.").fieldErrors).toBeUndefined();
  });

  it("can be thrown and caught with its kind intact", () => {
    expect(() => {
      throw new DomainError("Conflict", "x");
    }).toThrow(DomainError);
  });
});

describe("helper constructors", () => {
  it("notFound produces a NotFound error with a default subject", () => {
    const error = notFound();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("NotFound");
    expect(error.message).toBe("That record was not found.");
    expect(httpStatus[error.kind]).toBe(404);
  });

  it("notFound names the given subject", () => {
    const error = notFound("The case");
    expect(error.kind).toBe("NotFound");
    expect(error.message).toBe("The case was not found.");
  });

  it("forbidden produces a Forbidden error", () => {
    const error = forbidden();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("Forbidden");
    expect(error.message).toMatch(/permission/);
    expect(httpStatus[error.kind]).toBe(403);
  });

  it("conflict produces a Conflict error", () => {
    const error = conflict();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("Conflict");
    expect(error.message).toMatch(/Someone else changed this record/);
    expect(httpStatus[error.kind]).toBe(409);
  });

  it("invalid produces an Invalid error with the message and field errors", () => {
    const fieldErrors = { email: ["Enter an email address."], name: ["Required.", "Too long."] };
    const error = invalid("Check the form.", fieldErrors);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("Invalid");
    expect(error.message).toBe("Check the form.");
    expect(error.fieldErrors).toEqual(fieldErrors);
    expect(httpStatus[error.kind]).toBe(422);
  });

  it("invalid without field errors leaves them undefined", () => {
    const error = invalid("Nope.");
    expect(error.kind).toBe("Invalid");
    expect(error.fieldErrors).toBeUndefined();
  });

  it("each call returns a new error object", () => {
    expect(forbidden()).not.toBe(forbidden());
  });
});

describe("isDomainError", () => {
  it.each([
    ["notFound()", notFound()],
    ["forbidden()", forbidden()],
    ["conflict()", conflict()],
    ["invalid()", invalid("x")],
    ["new DomainError", new DomainError("Unauthenticated" satisfies DomainErrorKind, "x")],
  ])("is true for %s", (_label, error) => {
    expect(isDomainError(error)).toBe(true);
  });

  it.each([
    ["a plain Error", new Error("x")],
    ["a TypeError", new TypeError("x")],
    ["a look-alike object", { kind: "Forbidden", message: "x", name: "DomainError" }],
    ["an Error named DomainError", Object.assign(new Error("x"), { name: "DomainError", kind: "Forbidden" })],
    ["a string", "Forbidden"],
    ["null", null],
    ["undefined", undefined],
  ])("is false for %s", (_label, value) => {
    expect(isDomainError(value)).toBe(false);
  });
});
