import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum cost: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when an account is unknown or has no password yet, so the answer takes as
// long as a real check and timing does not reveal which addresses exist.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("tsunagu-timing-equaliser-not-a-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
