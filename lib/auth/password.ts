import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const commonPasswords = new Set(dictionary["passwords-common"] as string[]);

/** Rejects what attackers try first: breached/common passwords and easy variations of them. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (chars.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  const core = lower.replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
  if (commonPasswords.has(lower) || (core.length >= 4 && commonPasswords.has(core))) {
    return "This password is too common. Choose a longer phrase that others would not guess.";
  }
  if (new Set(chars).size < 4) return "Use a password with more variety.";
  const localPart = context.email?.split("@")[0]?.toLowerCase();
  if (lower.includes("tsunagu") || (localPart && localPart.length >= 4 && lower.includes(localPart))) {
    return "Do not use the service name or your email address in your password.";
  }
  return null;
}

export const newPasswordField = z.string().max(PASSWORD_MAX * 4, `Use at most ${PASSWORD_MAX} characters.`);

/** A new password and its confirmation, checked together so every problem shows beside its field. */
export function newPasswordSchema<T extends z.ZodRawShape>(shape: T) {
  return z
    .strictObject({ ...shape, password: newPasswordField, confirmPassword: z.string().max(PASSWORD_MAX * 4) })
    .superRefine((raw, ctx) => {
      const input = raw as { password: string; confirmPassword: string };
      const problem = passwordProblem(input.password);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      if (input.password !== input.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords do not match." });
      }
    });
}
