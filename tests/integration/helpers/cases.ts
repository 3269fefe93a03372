import { expect } from "vitest";
import { createCase } from "@/lib/cases/commands";
import { createCaseInput } from "@/lib/cases/schemas";
import type { Actor } from "@/lib/actor";
import { DomainError, type DomainErrorKind } from "@/lib/errors";
import { sql } from "./database";
import { context } from "./people";

/**
 * What a browser form posts for a new client and case: every field present.
 *
 * The optional client fields are filled in (and statsConsent left out) on purpose: createCaseInput
 * currently refuses a new client whose optional fields are empty or whose consent box is posted
 * (see "a new client needs only the required fields" in cases-lifecycle.test.ts). Every other
 * test would otherwise fail on that one bug.
 */
export function newCaseFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const givenName = typeof overrides.givenName === "string" ? overrides.givenName : "Test";
  return {
    clientId: "",
    givenName,
    familyName: "Client",
    preferredName: givenName,
    dateOfBirth: "2000-04-01",
    sexGender: "not_stated",
    regionCode: "JP-13",
    referralSource: "family",
    referralDate: "2026-01-15",
    withdrawalOnset: "",
    livingSituation: "",
    riskLevel: "low",
    ...overrides,
  };
}

/** Creates a case through the real schema and command; a counsellor gets it, a supervisor names the counsellor. */
export async function createCaseFor(actor: Actor, overrides: Record<string, unknown> = {}) {
  return createCase(actor, createCaseInput.parse(newCaseFields(overrides)), context);
}

/** The current version of a case, as the edit form would carry it. */
export async function caseVersion(caseId: string): Promise<number> {
  const [row] = await sql<{ version: number }>("select version from cases where id = $1", [caseId]);
  if (!row) throw new Error(`no case ${caseId}`);
  return row.version;
}

/** A factor of the taxonomy by its stable code. */
export async function factorId(code: string): Promise<string> {
  const [row] = await sql<{ id: string }>("select id from factors where code = $1", [code]);
  if (!row) throw new Error(`no factor with code ${code}`);
  return row.id;
}

/** Another active counsellor in a team, able to sign in with the shared test password. */
export async function addCounsellor(teamId: string, email: string, copyPasswordFrom: string): Promise<{ id: string; email: string }> {
  const [row] = await sql<{ id: string; email: string }>(
    `insert into accounts (email, name, role, team_id, password_hash)
     select $1, split_part($1, '@', 1), 'counsellor', $2, password_hash from accounts where id = $3
     returning id, email`,
    [email, teamId, copyPasswordFrom],
  );
  return row!;
}

/**
 * Awaits a refusal and checks its DomainError kind; returns the error for further checks. Takes a
 * promise, or a function for commands that are not `async` and may throw before returning one.
 */
export async function expectDomainError(call: Promise<unknown> | (() => Promise<unknown>), kind: DomainErrorKind): Promise<DomainError> {
  const error = await (async () => (typeof call === "function" ? call() : call))().then(
    () => {
      throw new Error(`expected a ${kind} DomainError, but the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).kind).toBe(kind);
  return error as DomainError;
}

/** Every row a case command could touch, to show a refused command changed nothing. */
export async function caseTablesSnapshot() {
  const [row] = await sql(
    `select (select json_agg(c order by c.id) from (select * from cases) c) as cases,
            (select json_agg(f order by f.id) from (select * from case_factors) f) as case_factors,
            (select json_agg(g order by g.id) from (select * from case_flags) g) as case_flags,
            (select json_agg(k order by k.id) from (select * from client_contacts) k) as client_contacts,
            (select json_agg(h order by h.id) from (select * from case_status_history) h) as case_status_history,
            (select json_agg(a order by a.id) from (select * from case_assignments) a) as case_assignments,
            (select json_agg(l order by l.id) from (select * from clients) l) as clients,
            (select json_agg(x order by x.id) from (select id, code, name, retired_at, version from factors) x) as factors`,
  );
  return row!;
}
