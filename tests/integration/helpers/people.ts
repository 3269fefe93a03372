import { encode } from "next-auth/jwt";
import { accounts, teams, type Role } from "@/db/schema";
import { authenticate } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/hashing";
import { resolveSession, type Actor } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { testDatabase } from "./database";
import { requestState } from "./request";

export const PASSWORD = "quiet-river-stones-1987";

export const context = { ip: "203.0.113.7", userAgent: "vitest", requestId: "test-request-0001" };

let passwordHash: Promise<string> | undefined;

/** Two teams and one person of every kind, as the authorisation tests need them. */
export async function createPeople() {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const { db } = testDatabase();
  const [north, south] = await db.insert(teams).values([{ name: "North" }, { name: "South" }]).returning();
  const people = [
    ["admin", "admin@test.example", null],
    ["analyst", "analyst@test.example", null],
    ["supervisor", "supervisor.north@test.example", north!.id],
    ["supervisor", "supervisor.south@test.example", south!.id],
    ["counsellor", "counsellor.north@test.example", north!.id],
    ["counsellor", "counsellor.south@test.example", south!.id],
  ] as const;
  const rows = await db
    .insert(accounts)
    .values(people.map(([role, email, teamId]) => ({ role: role as Role, email, name: email.split("@")[0]!, teamId, passwordHash: hash })))
    .returning();
  const byEmail = (email: string) => rows.find((row) => row.email === email)!;
  return {
    teams: { north: north!, south: south! },
    admin: byEmail("admin@test.example"),
    analyst: byEmail("analyst@test.example"),
    supervisorNorth: byEmail("supervisor.north@test.example"),
    supervisorSouth: byEmail("supervisor.south@test.example"),
    counsellorNorth: byEmail("counsellor.north@test.example"),
    counsellorSouth: byEmail("counsellor.south@test.example"),
  };
}

/** Signs in for real (password check, session row) and plays the resulting session cookie. */
export async function signInAs(email: string, password = PASSWORD): Promise<Actor> {
  const { sessionId } = await authenticate({ email, password }, context);
  const token = await encode({ token: { sid: sessionId }, secret: env().AUTH_SECRET });
  requestState.cookies.set("next-auth.session-token", token);
  const actor = await resolveSession(sessionId);
  if (!actor) throw new Error("the new session did not resolve");
  return actor;
}

export function signOut() {
  requestState.cookies.clear();
}

/** Builds the FormData a browser form would post. */
export function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}
