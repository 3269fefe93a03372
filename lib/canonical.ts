import { createHash } from "node:crypto";

/** Objects with their keys sorted, recursively: one encoding for equal content, whatever the key order. */
export function canonical(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

export const sha256 = (...parts: string[]) => {
  const hash = createHash("sha256");
  parts.forEach((part, index) => hash.update(index ? `\n${part}` : part));
  return hash.digest("hex");
};
