import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newPasswordSchema, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "@/lib/auth/password";

const TOO_SHORT = /at least 12 characters/;
const TOO_LONG = /at most 128 characters/;
const TOO_COMMON = /too common/;
const TOO_LITTLE_VARIETY = /more variety/;
const NAME_OR_EMAIL = /service name or your email/;

/** `length` code points taken cyclically from a varied, uncommon alphabet. */
function varied(length: number): string {
  const alphabet = "kq7#Zp2!mW9xRb4$vT";
  return Array.from({ length }, (_, i) => alphabet[i % alphabet.length]).join("");
}

/** Astral-plane emoji: each is one code point but two UTF-16 code units. */
const EMOJI = ["🌊", "🏮", "🌙", "🍵", "🐉", "🌸", "🗻", "🎐", "🦊", "🍁", "🌾", "🐢", "🦉", "🍄"];
function emoji(count: number): string {
  return Array.from({ length: count }, (_, i) => EMOJI[i % EMOJI.length]).join("");
}

describe("password length limits", () => {
  it("exposes the 12..128 policy constants", () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(PASSWORD_MAX).toBe(128);
  });

  it("refuses 11 characters", () => {
    expect(varied(11)).toHaveLength(11);
    expect(passwordProblem(varied(11))).toMatch(TOO_SHORT);
  });

  it("accepts 12 characters", () => {
    expect(passwordProblem(varied(12))).toBeNull();
  });

  it("refuses the empty string as too short", () => {
    expect(passwordProblem("")).toMatch(TOO_SHORT);
  });

  it("accepts 128 characters", () => {
    expect(passwordProblem(varied(128))).toBeNull();
  });

  it("refuses 129 characters", () => {
    expect(passwordProblem(varied(129))).toMatch(TOO_LONG);
  });

  it("counts Unicode code points, not UTF-16 code units: 12 emoji are 12 characters", () => {
    const twelve = emoji(12);
    expect(twelve.length).toBe(24); // 24 UTF-16 units
    expect(passwordProblem(twelve)).toBeNull();
  });

  it("refuses 11 emoji even though they span 22 UTF-16 code units", () => {
    const eleven = emoji(11);
    expect(eleven.length).toBe(22);
    expect(passwordProblem(eleven)).toMatch(TOO_SHORT);
  });

  it("accepts 128 emoji (256 code units) and refuses 129", () => {
    expect(passwordProblem(emoji(128))).toBeNull();
    expect(passwordProblem(emoji(129))).toMatch(TOO_LONG);
  });
});

describe("common passwords", () => {
  it.each(["qwerty123456", "1qaz2wsx3edc"])("refuses %s from the bundled list", (password) => {
    // Long enough and varied enough: only the list can be the reason it is refused.
    expect([...password].length).toBeGreaterThanOrEqual(PASSWORD_MIN);
    expect(new Set(password).size).toBeGreaterThanOrEqual(4);
    expect(passwordProblem(password)).toMatch(TOO_COMMON);
  });

  it("a similar but unlisted password passes, so the list is what refuses the listed one", () => {
    expect(passwordProblem("qwerty123457x")).toBeNull();
  });

  it("matches the list case-insensitively", () => {
    expect(passwordProblem("QWERTY123456")).toMatch(TOO_COMMON);
    expect(passwordProblem("QwErTy123456")).toMatch(TOO_COMMON);
    expect(passwordProblem("1QAZ2WSX3EDC")).toMatch(TOO_COMMON);
  });

  it.each(["password1234!", "!!dragon2024", "__Password__2024", "12345dragon!!!!"])(
    "refuses a common base word padded with digits or symbols: %s",
    (password) => {
      expect(passwordProblem(password)).toMatch(TOO_COMMON);
    },
  );

  it("does not strip letters, so a common word with letter padding is not matched as the base", () => {
    // "xpasswordx" is not a list entry and the padding is letters, which are kept.
    expect(passwordProblem("xpasswordx!2024")).toBeNull();
  });
});

describe("variety", () => {
  it.each(["aaaaaaaaaaaaaaaa", "abababababab", "abcabcabcabc"])("refuses %s", (password) => {
    expect(passwordProblem(password)).toMatch(TOO_LITTLE_VARIETY);
  });

  it("accepts exactly four distinct characters", () => {
    expect(passwordProblem("abcdabcdabcd")).toBeNull();
  });
});

describe("service name and email", () => {
  it("refuses a password containing 'tsunagu' in any case", () => {
    expect(passwordProblem("my-tsunagu-login-77")).toMatch(NAME_OR_EMAIL);
    expect(passwordProblem("MyTSUNAGUlogin!77")).toMatch(NAME_OR_EMAIL);
  });

  it("refuses a password containing the email local part", () => {
    const email = "maria.santos@example.org";
    expect(passwordProblem("deep-river-maria.santos", { email })).toMatch(NAME_OR_EMAIL);
    expect(passwordProblem("deep-river-MARIA.SANTOS", { email })).toMatch(NAME_OR_EMAIL);
  });

  it("compares the local part case-insensitively", () => {
    expect(passwordProblem("quiet-lake-jdoe-9182", { email: "JDoe@Example.org" })).toMatch(NAME_OR_EMAIL);
  });

  it("accepts the same password when no email (or a different one) is given", () => {
    expect(passwordProblem("deep-river-maria.santos")).toBeNull();
    expect(passwordProblem("deep-river-maria.santos", { email: "someone@example.org" })).toBeNull();
  });

  it("ignores a local part shorter than four characters", () => {
    expect(passwordProblem("calm-ann-harbour-47", { email: "ann@example.org" })).toBeNull();
  });

  it("applies a local part of exactly four characters", () => {
    expect(passwordProblem("calm-anne-harbour-47", { email: "anne@example.org" })).toMatch(NAME_OR_EMAIL);
  });

  it("does not treat the email domain as part of the local part", () => {
    expect(passwordProblem("calm-example-harbour-47", { email: "zoltan@example.org" })).toBeNull();
  });
});

describe("good passwords", () => {
  it("accepts a passphrase", () => {
    expect(passwordProblem("calm-harbour-lantern-47")).toBeNull();
    expect(passwordProblem("calm-harbour-lantern-47", { email: "maria@example.org" })).toBeNull();
  });
});

describe("newPasswordSchema", () => {
  const schema = newPasswordSchema({ token: z.string().min(1) });

  function issues(input: unknown) {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues;
  }

  it("accepts a good matching pair together with the extra shape", () => {
    const input = { token: "abc", password: "calm-harbour-lantern-47", confirmPassword: "calm-harbour-lantern-47" };
    const result = schema.safeParse(input);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(input);
  });

  it("reports a mismatch on the confirmPassword path only", () => {
    const found = issues({ token: "abc", password: "calm-harbour-lantern-47", confirmPassword: "calm-harbour-lantern-48" });
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(["confirmPassword"]);
    expect(found[0]!.message).toMatch(/do not match/);
  });

  it("reports a policy problem on the password path only", () => {
    const found = issues({ token: "abc", password: "qwerty123456", confirmPassword: "qwerty123456" });
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(["password"]);
    expect(found[0]!.message).toMatch(TOO_COMMON);
  });

  it("reports both problems beside their own fields", () => {
    const found = issues({ token: "abc", password: "short", confirmPassword: "other" });
    const byPath = Object.fromEntries(found.map((issue) => [issue.path.join("."), issue.message]));
    expect(byPath.password).toMatch(TOO_SHORT);
    expect(byPath.confirmPassword).toMatch(/do not match/);
  });

  it("rejects unknown keys (strict object)", () => {
    const found = issues({
      token: "abc",
      password: "calm-harbour-lantern-47",
      confirmPassword: "calm-harbour-lantern-47",
      role: "admin",
    });
    const unknown = found.find((issue) => issue.code === "unrecognized_keys");
    expect(unknown).toBeDefined();
    expect((unknown as { keys: string[] }).keys).toEqual(["role"]);
  });

  it("validates the extra shape", () => {
    const found = issues({ token: "", password: "calm-harbour-lantern-47", confirmPassword: "calm-harbour-lantern-47" });
    expect(found.some((issue) => issue.path[0] === "token")).toBe(true);
  });

  it("requires both password fields", () => {
    const found = issues({ token: "abc" });
    const paths = found.map((issue) => issue.path.join("."));
    expect(paths).toContain("password");
    expect(paths).toContain("confirmPassword");
  });

  it("refuses an absurdly long password at the field level", () => {
    const huge = "x".repeat(PASSWORD_MAX * 4 + 1);
    const found = issues({ token: "abc", password: huge, confirmPassword: huge });
    expect(found.some((issue) => issue.path[0] === "password")).toBe(true);
  });
});
