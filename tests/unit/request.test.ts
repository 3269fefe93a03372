import { describe, expect, it } from "vitest";
import { clientIp, contextFromHeaders } from "@/lib/request";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A header getter over a plain record, looked up case-insensitively like `Headers.get`. */
function headers(values: Record<string, string | null | undefined>) {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return (name: string) => lower[name.toLowerCase()] ?? null;
}

describe("clientIp", () => {
  it("uses the rightmost X-Forwarded-For entry", () => {
    expect(clientIp(headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" }))).toBe("2.2.2.2");
    expect(clientIp(headers({ "x-forwarded-for": "9.9.9.9, 1.1.1.1, 2.2.2.2" }))).toBe("2.2.2.2");
  });

  it("uses a single X-Forwarded-For entry", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.5" }))).toBe("203.0.113.5");
  });

  it("trims whitespace around entries", () => {
    expect(clientIp(headers({ "x-forwarded-for": "  1.1.1.1 ,   2.2.2.2   " }))).toBe("2.2.2.2");
    expect(clientIp(headers({ "x-forwarded-for": "\t2001:db8::1\t" }))).toBe("2001:db8::1");
  });

  it("skips empty entries, including a trailing comma", () => {
    expect(clientIp(headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, " }))).toBe("2.2.2.2");
    expect(clientIp(headers({ "x-forwarded-for": "1.1.1.1,,," }))).toBe("1.1.1.1");
  });

  it("prefers X-Forwarded-For over X-Real-IP", () => {
    expect(clientIp(headers({ "x-forwarded-for": "2.2.2.2", "x-real-ip": "3.3.3.3" }))).toBe("2.2.2.2");
  });

  it("falls back to X-Real-IP when X-Forwarded-For is absent", () => {
    expect(clientIp(headers({ "x-real-ip": "3.3.3.3" }))).toBe("3.3.3.3");
  });

  it("falls back to X-Real-IP when X-Forwarded-For has no non-empty entry", () => {
    expect(clientIp(headers({ "x-forwarded-for": "", "x-real-ip": "3.3.3.3" }))).toBe("3.3.3.3");
    expect(clientIp(headers({ "x-forwarded-for": " , ,", "x-real-ip": "3.3.3.3" }))).toBe("3.3.3.3");
  });

  it("falls back to 'unknown' with neither header", () => {
    expect(clientIp(headers({}))).toBe("unknown");
    expect(clientIp(() => undefined)).toBe("unknown");
    expect(clientIp(headers({ "x-forwarded-for": " , " }))).toBe("unknown");
  });

  it("truncates the address to 64 characters", () => {
    const long = "a".repeat(100);
    expect(clientIp(headers({ "x-forwarded-for": `1.1.1.1, ${long}` }))).toBe("a".repeat(64));
    expect(clientIp(headers({ "x-real-ip": long }))).toBe("a".repeat(64));
  });

  it("keeps a 64-character address intact", () => {
    const exact = "b".repeat(64);
    expect(clientIp(headers({ "x-forwarded-for": exact }))).toBe(exact);
  });

  it("asks for the forwarding headers by their lowercase names", () => {
    const asked: string[] = [];
    clientIp((name) => {
      asked.push(name);
      return null;
    });
    expect(asked).toEqual(["x-forwarded-for", "x-real-ip"]);
  });
});

describe("contextFromHeaders", () => {
  it("builds the full context", () => {
    const context = contextFromHeaders(
      headers({
        "x-forwarded-for": "1.1.1.1, 2.2.2.2",
        "user-agent": "Mozilla/5.0 test",
        "x-request-id": "req-abc_123",
      }),
    );
    expect(context).toEqual({ ip: "2.2.2.2", userAgent: "Mozilla/5.0 test", requestId: "req-abc_123" });
  });

  it("uses clientIp's rules for the address", () => {
    expect(contextFromHeaders(headers({ "x-real-ip": "3.3.3.3" })).ip).toBe("3.3.3.3");
    expect(contextFromHeaders(headers({})).ip).toBe("unknown");
  });

  it("has a null user agent when the header is absent", () => {
    expect(contextFromHeaders(headers({})).userAgent).toBeNull();
  });

  it("truncates the user agent to 512 characters", () => {
    const long = "U".repeat(1000);
    expect(contextFromHeaders(headers({ "user-agent": long })).userAgent).toBe("U".repeat(512));
  });

  it("keeps a 512-character user agent intact", () => {
    const exact = "V".repeat(512);
    expect(contextFromHeaders(headers({ "user-agent": exact })).userAgent).toBe(exact);
  });

  it.each([
    "abcdefgh", // 8: shortest allowed
    "A1_b2-C3",
    "0123456789abcdef0123456789abcdef",
    "x".repeat(64), // longest allowed
    "3f2b8c1e-5d4a-4b7e-9c0d-1a2b3c4d5e6f",
  ])("keeps the valid request id %s", (requestId) => {
    expect(contextFromHeaders(headers({ "x-request-id": requestId })).requestId).toBe(requestId);
  });

  it.each([
    "<script>", // 8 chars, but not [A-Za-z0-9_-]
    "abcdefg", // 7: too short
    "short",
    "x".repeat(65), // too long
    "abc def ghi", // space
    "abcdefgh\n", // trailing newline
    "abcdefgh;drop",
    "ünïcödé-id",
    "",
  ])("replaces the invalid request id %j with a fresh UUID", (requestId) => {
    const context = contextFromHeaders(headers({ "x-request-id": requestId }));
    expect(context.requestId).not.toBe(requestId);
    expect(context.requestId).toMatch(UUID);
  });

  it("generates a UUID when there is no request id", () => {
    expect(contextFromHeaders(headers({})).requestId).toMatch(UUID);
  });

  it("generates a different UUID for each request without an id", () => {
    const a = contextFromHeaders(headers({})).requestId;
    const b = contextFromHeaders(headers({})).requestId;
    expect(a).not.toBe(b);
  });
});
