import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, refusedByServer } from "@/lib/availability";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("telling an unreachable database apart from other failures", () => {
  it.each([
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "CONNECT_TIMEOUT",
    "CONNECTION_CLOSED",
    "CONNECTION_ENDED",
    "CONNECTION_DESTROYED",
    "57P01", // terminating connection due to administrator command
    "57P03", // the database system is starting up / shutting down
    "08006", // connection failure
  ])("%s means the database is out of reach", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it("looks through drizzle's wrapper (the driver's error is its cause) and Node's AggregateError", () => {
    const wrapped = new Error("Failed query: select 1", { cause: withCode("ECONNREFUSED") });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    const aggregate = Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), { code: undefined });
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: aggregate }))).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a trigger's refusal", withCode("P0001")],
    ["a serialization failure", withCode("40001")],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", undefined],
    ["a string", "ECONNREFUSED"],
  ])("%s is not an outage", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not loop on an error that is its own cause", () => {
    const error = withCode("XX000") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("telling a server's refusal apart from a lost answer", () => {
  it.each([
    ["a deferred constraint's violation", withCode("23505")],
    ["a trigger's exception", withCode("P0001")],
    ["a serialization failure", withCode("40001")],
    ["an internal error", withCode("XX000")],
    ["a refusal wrapped by drizzle", new Error("Failed query: commit", { cause: withCode("23514") })],
  ])("%s is the server's own answer", (_label, error) => {
    expect(refusedByServer(error)).toBe(true);
  });

  it.each([
    ["the server shutting the session down", withCode("57P01")],
    ["a connection failure", withCode("08006")],
    ["a closed connection", withCode("CONNECTION_CLOSED")],
    ["a Node socket error of five letters", withCode("EBADF")],
    ["an error with no code", new Error("stream destroyed")],
    ["nothing", undefined],
  ])("%s is not", (_label, error) => {
    expect(refusedByServer(error)).toBe(false);
  });
});
