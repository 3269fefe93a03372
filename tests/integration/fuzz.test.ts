import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { serverActions, type ActorKey } from "../authz/matrix";
import { projectRoot, runtimeExports, scanSourceTree } from "../authz/source";
import {
  applyFormMutation,
  applyInputMutation,
  entriesToFormData,
  formEntries,
  formMutation,
  hostileInput,
  inputMutation,
  type FormEntries,
  type FormMutation,
  type InputMutation,
} from "../support/hostile";
import * as accountCommands from "@/lib/accounts/commands";
import * as accountSchemas from "@/lib/accounts/schemas";
import type { Actor } from "@/lib/actor";
import { addContact, updateClient } from "@/lib/cases/client";
import * as caseCommands from "@/lib/cases/commands";
import { setPrimaryFactor, tagFactor, untagFactor } from "@/lib/cases/factor-tags";
import { raiseFlag, resolveFlag } from "@/lib/cases/flags";
import * as caseSchemas from "@/lib/cases/schemas";
import { formDataToObject } from "@/lib/action";
import { SIGN_IN_THROTTLED } from "@/lib/auth/login";
import { resolveSession } from "@/lib/auth/sessions";
import { isDomainError, type DomainErrorKind } from "@/lib/errors";
import * as factorCommands from "@/lib/factors/commands";
import * as factorSchemas from "@/lib/factors/schemas";
import * as measureCommands from "@/lib/measures/commands";
import { recordMeasureInput } from "@/lib/measures/schemas";
import * as milestoneCommands from "@/lib/milestones/commands";
import * as milestoneSchemas from "@/lib/milestones/schemas";
import * as noteCommands from "@/lib/notes/commands";
import * as noteSchemas from "@/lib/notes/schemas";
import type { RequestContext } from "@/lib/request";
import { settingsInput, updateServiceSettings } from "@/lib/settings/service";
import {
  actionScenarios,
  buildWorld,
  cast,
  importApp,
  NEW_PASSWORD,
  play,
  type CaseFixture,
  type FormAction,
  type Payload,
  type World,
} from "./helpers/action-world";
import { sql } from "./helpers/database";
import { context, PASSWORD } from "./helpers/people";

/**
 * Hostile input (issue #8). Every server action the source tree exports, and every domain command,
 * gets 1,000 generated payloads from a fixed seed: made-up payloads (wrong keys, lists where one
 * value is expected, files, every kind of nasty string) and mutations of a valid payload (one
 * field replaced by a hostile value — often the real id of another row — removed, posted twice,
 * or an extra key such as __proto__). Each is sent as the person the authorisation matrix allows,
 * so it reaches validation and the domain command rather than stopping at authority.
 *
 * Held for every payload:
 *  - no unexpected exception: the answer is a typed result (ok, or a refusal of a DomainError
 *    kind), never the "something went wrong" of an unexpected error, never a throw;
 *  - a refused payload changes no row: a fingerprint of every table (row count and a hash of the
 *    rows) is the same before and after. The audit trail, session idle clocks and the sign-in
 *    attempt log are expected writes of a refusal; they are checked instead to gain no
 *    "success" rows. An accepted payload (valid by chance) is counted and becomes the new
 *    baseline.
 */

const RUNS = 1000;
/**
 * 1,000 payloads take 3–30 s per entry point on an idle 2-core machine (PGlite), several times that
 * on the Postgres server under load; the 30 s default of the integration project is too short.
 */
const TEST_TIMEOUT = 300_000;
const SEED = 20_260_108;
/** One fixed seed per entry point, so adding one does not change what the others are sent. */
const seedFor = (key: string) => [...key].reduce((hash, c) => (Math.imul(hash, 31) + c.charCodeAt(0)) | 0, SEED);

// ───────────────────────────── the database fingerprint ─────────────────────────────

/** Written by refusals on purpose: the audit trail, session idle clocks, the sign-in attempt log. */
const EXPECTED_WRITES = new Set(["audit_events", "sessions", "login_attempts"]);
let fingerprintSql: string | undefined;

type Probe = { fingerprint: string; auditMark: number; denied: string[] };

/**
 * One query: per watched table, its row count and an md5 of its rows in a stable order; the
 * successes in the audit trail and the attempt log; and the reasons of refusals audited since
 * `auditMark`, which tell the kind of a refusal the action result does not carry.
 */
async function probe(auditMark: number): Promise<Probe> {
  if (!fingerprintSql) {
    const tables = (
      await sql<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
      )
    )
      .map((row) => row.table_name)
      .filter((name) => !EXPECTED_WRITES.has(name));
    const parts = tables.map((table) => `(select count(*) || ':' || md5(coalesce(string_agg(r::text, '|' order by r::text), '')) from "${table}" r)`);
    parts.push("(select 'audit-success:' || count(*) from audit_events where outcome = 'success')");
    parts.push("(select 'attempt-success:' || count(*) from login_attempts where outcome = 'success')");
    fingerprintSql = `select concat_ws(',', ${parts.join(", ")}) as fingerprint,
      (select coalesce(max(id), 0)::int from audit_events) as audit_mark,
      (select coalesce(json_agg(details->>'reason' order by id), '[]'::json) from audit_events where id > $1 and outcome = 'denied') as denied`;
  }
  const [row] = await sql<{ fingerprint: string; audit_mark: number; denied: string[] }>(fingerprintSql, [auditMark]);
  return { fingerprint: row!.fingerprint, auditMark: row!.audit_mark, denied: row!.denied };
}

// ───────────────────────────── tallies ─────────────────────────────

type Kind = DomainErrorKind | "accepted" | "unexpected";
const KINDS: Kind[] = ["Invalid", "NotFound", "Forbidden", "Conflict", "Unauthenticated", "RateLimited", "accepted", "unexpected"];
type Tally = { runs: number; rowsChanged: number; millis: number } & Record<Kind, number>;
const tallies = new Map<string, Tally>();
const newTally = (): Tally => ({ runs: 0, rowsChanged: 0, millis: 0, ...(Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>) });

type Problem = { run: number; what: string; payload: string };
/** A payload, printable: strings shortened, files and special values named. */
function show(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (typeof v === "string") return v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v;
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (typeof v === "symbol" || typeof v === "function") return String(v);
    if (v instanceof Blob) return `[file ${v.size} bytes]`;
    if (Array.isArray(v)) return v.map(seen);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, seen(x)]));
    return v;
  };
  return JSON.stringify(seen(value));
}

// ───────────────────────────── who acts, on what ─────────────────────────────

/** Someone the matrix allows to use the entry point; a signed-out visitor for a public one. */
const PREFERENCE: ActorKey[] = ["anonymous", "counsellorOwnCase", "supervisorOwnTeam", "admin", "analyst"];
function allowedActor(file: string, name: string): ActorKey | undefined {
  const row = serverActions[file]?.[name];
  return row && PREFERENCE.find((actor) => row[actor] === "allowed");
}

/**
 * Strings valid somewhere in the app, for the hostile values to borrow: the id of every row (so a
 * note's id turns up as a case id, another case's flag as this case's), the valid values of every
 * payload (enum values, dates, versions), the passwords and the set-password token.
 */
async function knownStrings(world: World): Promise<string[]> {
  const ids = await sql<{ id: string }>(
    `select id::text as id from cases union all select id::text from clients union all select id::text from session_notes
     union all select id::text from case_flags union all select id::text from case_milestones union all select id::text from accounts
     union all select id::text from teams union all select id::text from factors union all select id::text from factor_categories
     union all select id::text from client_contacts union all select id::text from measure_results`,
  );
  const values = new Set<string>(ids.map((row) => row.id));
  for (const key of Object.keys(actionScenarios)) {
    const [file] = key.split("#") as [string];
    const name = key.split("#")[1]!;
    const actor = allowedActor(file, name) ?? "counsellorOwnCase";
    const payload = await actionScenarios[key]!(world, world.cases[cast[actor].target], actor);
    for (const value of Object.values(payload)) for (const item of [value].flat()) values.add(item);
  }
  for (const extra of [PASSWORD, NEW_PASSWORD, world.setPasswordToken, "1", "2", "3"]) values.add(extra);
  return [...values].sort();
}

// ───────────────────────────── one entry point, 1,000 payloads ─────────────────────────────

type Outcome = { kind: Kind; error?: unknown };

/** Payloads the schema refuses are fingerprinted together, at least every this many. */
const CHECKPOINT = 50;

/**
 * Runs the payloads through `send` and checks the database after them. A payload that passes the
 * entry point's schema (`reachesDomain`) may write, so it is fingerprinted before and after. One
 * the schema refuses is answered before the domain runs; those are fingerprinted in groups (before
 * the next payload that passes, every CHECKPOINT payloads, and at the end), so a row one of them
 * changed is still caught, and attributed to the group's run numbers. `rebase` refreshes the valid
 * payload after an accepted one (versions move).
 */
async function fuzz<P>(
  label: string,
  arbitrary: fc.Arbitrary<P>,
  reachesDomain: (payload: P) => boolean,
  send: (payload: P) => Promise<Outcome & { shown: string }>,
  rebase: () => Promise<void>,
  signal: AbortSignal,
): Promise<Problem[]> {
  const tally = newTally();
  tallies.set(label, tally);
  const problems: Problem[] = [];
  const started = performance.now();
  let baseline = await probe(0);
  let run = 0;
  let unchecked: { from: number; shown: string } | null = null;
  const checkUnchecked = async () => {
    if (!unchecked) return;
    const now = await probe(baseline.auditMark);
    if (now.fingerprint !== baseline.fingerprint) {
      tally.rowsChanged++;
      problems.push({ run: unchecked.from, what: `one of the schema-refused payloads of runs ${unchecked.from}–${run - 1} changed rows`, payload: unchecked.shown });
    }
    baseline = now;
    unchecked = null;
  };
  await fc.assert(
    fc.asyncProperty(arbitrary, async (payload) => {
      // A test that timed out stops here, rather than writing into the next test's database.
      signal.throwIfAborted();
      run++;
      tally.runs++;
      let deep = true;
      try {
        deep = reachesDomain(payload);
      } catch {
        // The schema itself threw: `send` meets the same throw and reports it as unexpected.
      }
      if (deep) await checkUnchecked();
      const { kind, error, shown } = await send(payload);
      if (!deep) {
        if (kind !== "Invalid") problems.push({ run, what: `the schema refuses this payload, yet the answer was ${kind}`, payload: shown });
        tally[kind === "Invalid" ? "Invalid" : "unexpected"]++;
        unchecked ??= { from: run, shown };
        if (run - unchecked.from + 1 >= CHECKPOINT) await checkUnchecked();
        return;
      }
      const after = await probe(baseline.auditMark);
      // An action audits a NotFound, Forbidden or Unauthenticated refusal with its kind as the reason.
      const reason = after.denied.at(-1) as Kind | undefined;
      const outcome: Kind = kind === "Invalid" && reason && KINDS.includes(reason) ? reason : kind;
      tally[outcome]++;
      if (outcome === "unexpected") problems.push({ run, what: `unexpected: ${String((error as Error)?.stack ?? error).slice(0, 600)}`, payload: shown });
      if (outcome !== "accepted" && after.fingerprint !== baseline.fingerprint) {
        tally.rowsChanged++;
        problems.push({ run, what: `a refused payload (${outcome}) changed rows`, payload: shown });
      }
      baseline = after;
      if (outcome === "accepted") {
        await rebase();
        // Whatever the rebase wrote (a new sign-in, a restored account) is the new baseline too.
        baseline = await probe(baseline.auditMark);
      }
    }),
    { seed: seedFor(label), numRuns: RUNS, endOnFailure: true },
  );
  await checkUnchecked();
  tally.millis = performance.now() - started;
  return problems;
}

/** What the action answered, as a kind. The result carries no kind; the audited reason and the message tell it. */
function kindOfResult(result: unknown): Outcome {
  if (!result || typeof result !== "object" || typeof (result as { ok?: unknown }).ok !== "boolean") return { kind: "unexpected", error: new Error(`not an ActionResult: ${show(result)}`) };
  const { ok, error, fieldErrors } = result as { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };
  if (ok) return { kind: "accepted" };
  if (typeof error !== "string" || /Something went wrong|\(Reference /.test(error)) return { kind: "unexpected", error: new Error(String(error)) };
  if (fieldErrors && Object.keys(fieldErrors).length > 0) return { kind: "Invalid" };
  if (/Your session has ended/.test(error)) return { kind: "Unauthenticated" };
  if (error === SIGN_IN_THROTTLED) return { kind: "RateLimited" };
  if (/changed this record|reload/i.test(error)) return { kind: "Conflict" };
  // NotFound and Forbidden are audited as denied with their reason, which the probe reads.
  return { kind: "Invalid" };
}

// ───────────────────────────── the tests: server actions ─────────────────────────────

type AccountRow = { id: string; role: string; team_id: string | null; status: string; password_hash: string | null };
const accountRow = async (id: string) =>
  (await sql<AccountRow>("select id, role, team_id, status, password_hash from accounts where id = $1", [id]))[0]!;

const tree = scanSourceTree();
const sourceActions = Object.entries(tree.serverActions).flatMap(([file, names]) => names.map((name) => ({ file, name, key: `${file}#${name}` })));

describe("hostile input to every server action", () => {
  it("covers every server action of the source tree", () => {
    expect(sourceActions.length, "the scan found the actions").toBeGreaterThan(0);
    const uncovered = sourceActions.filter(({ file, name, key }) => !(key in actionScenarios) || !allowedActor(file, name));
    expect(uncovered.map((a) => a.key), "actions without a valid payload or an allowed actor to fuzz them with").toEqual([]);
  });

  for (const { file, name, key } of sourceActions) {
    it(`${file} ${name}: ${RUNS} hostile payloads, typed refusals, no rows changed`, { timeout: TEST_TIMEOUT }, async ({ signal }) => {
      const actorKey = allowedActor(file, name);
      const scenario = actionScenarios[key];
      expect(actorKey && scenario, `${key} has an allowed actor and a valid payload`).toBeTruthy();
      const world = await buildWorld();
      const target: CaseFixture = world.cases[cast[actorKey!].target];
      const known = await knownStrings(world);
      const exports = await importApp(file);
      const action = exports[name] as FormAction;
      expect(typeof action, `${name} is a function`).toBe("function");
      let signedIn = await play(world, actorKey!);
      const account = signedIn ? await accountRow(signedIn.id) : null;
      let valid: Payload = await scenario!(world, target, actorKey!);
      const keys = Object.keys(valid);

      // Made up from scratch; a valid payload with one thing wrong; or no FormData at all, as a
      // hand-made request to the action endpoint can encode any value as the argument.
      type Generated = { fresh: FormEntries } | { mutation: FormMutation } | { raw: unknown };
      const arbitrary: fc.Arbitrary<Generated> = fc.oneof(
        { arbitrary: formEntries(keys, known).map((fresh) => ({ fresh })), weight: 6 },
        { arbitrary: formMutation(keys, known).map((mutation) => ({ mutation })), weight: 12 },
        { arbitrary: hostileInput(keys, known).map((raw) => ({ raw })), weight: 1 },
      );
      const argument = (generated: Generated): unknown =>
        "raw" in generated ? generated.raw : entriesToFormData("fresh" in generated ? generated.fresh : applyFormMutation(valid, generated.mutation));
      const schema = actionSchema(key);
      const problems = await fuzz(
        key,
        arbitrary,
        (generated) => {
          if (!schema) return true;
          const input = argument(generated);
          return schema.safeParse(input instanceof FormData ? formDataToObject(input) : input).success;
        },
        async (generated) => {
          const input = argument(generated);
          const shown = show(input instanceof FormData ? [...input.entries()] : input);
          try {
            return { ...kindOfResult(await action(null, input as FormData)), shown };
          } catch (error) {
            return { kind: "unexpected", error, shown };
          }
        },
        async () => {
          // An accepted payload may end the actor's own session (a reset link for themselves, a
          // change of their own role): put their account back and sign in again, so the payloads
          // that follow still reach the domain.
          if (signedIn && account && !(await resolveSession(signedIn.sessionId))) {
            await sql("update accounts set role = $2, team_id = $3, status = $4, password_hash = $5 where id = $1", [
              account.id,
              account.role,
              account.team_id,
              account.status,
              account.password_hash,
            ]);
            signedIn = await play(world, actorKey!);
          }
          valid = await scenario!(world, target, actorKey!);
        },
        signal,
      );
      expect(problems.slice(0, 5), `${problems.length} problems; seed ${seedFor(key)}`).toEqual([]);
      expect(tallies.get(key)!.runs).toBe(RUNS);
    });
  }
});

// ───────────────────────────── the tests: domain commands ─────────────────────────────

type Command = {
  /** The action whose valid payload and allowed actor this command shares. */
  action: string;
  schema: z.ZodType;
  run: (actor: Actor | null, input: never, context: RequestContext) => Promise<unknown>;
};
const APP = {
  accounts: "app/(app)/admin/accounts/actions.ts",
  teams: "app/(app)/admin/teams/actions.ts",
  factors: "app/(app)/admin/factors/actions.ts",
  cases: "app/(app)/cases/actions.ts",
  notes: "app/(app)/cases/[caseId]/notes/actions.ts",
  outcomes: "app/(app)/cases/[caseId]/outcomes/actions.ts",
};
const withActor = <I,>(fn: (actor: Actor, input: I, context: RequestContext) => Promise<unknown>) => (actor: Actor | null, input: I, c: RequestContext) => fn(actor!, input, c);

/**
 * Every exported function of lib/**\/commands.ts, and the other domain commands the actions call,
 * with the schema that parses their input. Keyed "file#export".
 */
const domainCommands: Record<string, Command> = {
  "lib/accounts/commands.ts#createAccount": { action: `${APP.accounts}#createAccountAction`, schema: accountSchemas.createAccountInput, run: withActor(accountCommands.createAccount) },
  "lib/accounts/commands.ts#updateAccount": { action: `${APP.accounts}#updateAccountAction`, schema: accountSchemas.updateAccountInput, run: withActor(accountCommands.updateAccount) },
  "lib/accounts/commands.ts#setAccountStatus": { action: `${APP.accounts}#setAccountStatusAction`, schema: accountSchemas.setAccountStatusInput, run: withActor(accountCommands.setAccountStatus) },
  "lib/accounts/commands.ts#issuePasswordLink": { action: `${APP.accounts}#issuePasswordLinkAction`, schema: accountSchemas.passwordLinkInput, run: withActor(accountCommands.issuePasswordLink) },
  "lib/accounts/commands.ts#createTeam": { action: `${APP.teams}#createTeamAction`, schema: accountSchemas.createTeamInput, run: withActor(accountCommands.createTeam) },
  "lib/accounts/commands.ts#renameTeam": { action: `${APP.teams}#renameTeamAction`, schema: accountSchemas.renameTeamInput, run: withActor(accountCommands.renameTeam) },
  "lib/accounts/commands.ts#changeOwnPassword": { action: "app/(app)/account/actions.ts#changePasswordAction", schema: accountSchemas.changeOwnPasswordInput, run: withActor(accountCommands.changeOwnPassword) },
  "lib/accounts/commands.ts#setPasswordWithToken": {
    action: "app/(auth)/set-password/actions.ts#setPasswordAction",
    schema: accountSchemas.setPasswordWithTokenInput,
    run: (_actor, input, c) => accountCommands.setPasswordWithToken(input, c),
  },
  "lib/cases/commands.ts#createCase": { action: `${APP.cases}#createCaseAction`, schema: caseSchemas.createCaseInput, run: withActor(caseCommands.createCase) },
  "lib/cases/commands.ts#updateCase": { action: `${APP.cases}#updateCaseAction`, schema: caseSchemas.updateCaseInput, run: withActor(caseCommands.updateCase) },
  "lib/cases/commands.ts#changeStatus": { action: `${APP.cases}#changeStatusAction`, schema: caseSchemas.changeStatusInput, run: withActor(caseCommands.changeStatus) },
  "lib/cases/commands.ts#assignCase": { action: `${APP.cases}#assignCaseAction`, schema: caseSchemas.assignInput, run: withActor(caseCommands.assignCase) },
  "lib/cases/client.ts#updateClient": { action: `${APP.cases}#updateClientAction`, schema: caseSchemas.updateClientInput, run: withActor(updateClient) },
  "lib/cases/client.ts#addContact": { action: `${APP.cases}#addContactAction`, schema: caseSchemas.contactInput, run: withActor(addContact) },
  "lib/cases/factor-tags.ts#tagFactor": { action: `${APP.cases}#tagFactorAction`, schema: caseSchemas.caseFactorInput, run: withActor(tagFactor) },
  "lib/cases/factor-tags.ts#untagFactor": { action: `${APP.cases}#untagFactorAction`, schema: caseSchemas.caseFactorInput, run: withActor(untagFactor) },
  "lib/cases/factor-tags.ts#setPrimaryFactor": { action: `${APP.cases}#setPrimaryFactorAction`, schema: caseSchemas.caseFactorInput, run: withActor(setPrimaryFactor) },
  "lib/cases/flags.ts#raiseFlag": { action: `${APP.cases}#raiseFlagAction`, schema: caseSchemas.flagInput, run: withActor(raiseFlag) },
  "lib/cases/flags.ts#resolveFlag": { action: `${APP.cases}#resolveFlagAction`, schema: caseSchemas.resolveFlagInput, run: withActor(resolveFlag) },
  "lib/factors/commands.ts#createFactor": { action: `${APP.factors}#createFactorAction`, schema: factorSchemas.createFactorInput, run: withActor(factorCommands.createFactor) },
  "lib/factors/commands.ts#renameFactor": { action: `${APP.factors}#renameFactorAction`, schema: factorSchemas.renameFactorInput, run: withActor(factorCommands.renameFactor) },
  "lib/factors/commands.ts#setFactorRetired": { action: `${APP.factors}#retireFactorAction`, schema: factorSchemas.retireFactorInput, run: withActor(factorCommands.setFactorRetired) },
  "lib/measures/commands.ts#recordMeasure": { action: `${APP.outcomes}#recordMeasureAction`, schema: recordMeasureInput, run: withActor(measureCommands.recordMeasure) },
  "lib/milestones/commands.ts#recordMilestone": { action: `${APP.outcomes}#recordMilestoneAction`, schema: milestoneSchemas.recordMilestoneInput, run: withActor(milestoneCommands.recordMilestone) },
  "lib/milestones/commands.ts#removeMilestone": { action: `${APP.outcomes}#removeMilestoneAction`, schema: milestoneSchemas.removeMilestoneInput, run: withActor(milestoneCommands.removeMilestone) },
  "lib/notes/commands.ts#saveNote": { action: `${APP.notes}#saveNoteAction`, schema: noteSchemas.saveNoteInput, run: withActor(noteCommands.saveNote) },
  "lib/notes/commands.ts#addAddendum": { action: `${APP.notes}#addAddendumAction`, schema: noteSchemas.addendumInput, run: withActor(noteCommands.addAddendum) },
  "lib/notes/commands.ts#reviewNote": { action: `${APP.notes}#reviewNoteAction`, schema: noteSchemas.reviewInput, run: withActor(noteCommands.reviewNote) },
  "lib/settings/service.ts#updateServiceSettings": { action: "app/(app)/admin/settings/actions.ts#updateSettingsAction", schema: settingsInput, run: withActor(updateServiceSettings) },
};

/** Every runtime export of every lib/**\/commands.ts, found by parsing the files. */
function commandExports(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "commands.ts") {
        const source = ts.createSourceFile(full, fs.readFileSync(full, "utf8"), ts.ScriptTarget.Latest, true);
        const file = path.relative(projectRoot, full).split(path.sep).join("/");
        found.push(...runtimeExports(source).map((name) => `${file}#${name}`));
      }
    }
  };
  walk(path.join(projectRoot, "lib"));
  return found.sort();
}

describe("hostile input to every domain command, called directly", () => {
  it("covers every export of every lib/**/commands.ts", () => {
    const exported = commandExports();
    expect(exported.length, "the scan found the commands").toBeGreaterThan(0);
    expect(exported.filter((key) => !(key in domainCommands)), "commands without a fuzz entry").toEqual([]);
    for (const [key, command] of Object.entries(domainCommands)) {
      expect(command.action in actionScenarios, `${key}: ${command.action} has a valid payload`).toBe(true);
    }
  });

  for (const [key, command] of Object.entries(domainCommands)) {
    it(`${key}: ${RUNS} hostile inputs of any type, typed refusals, no rows changed`, { timeout: TEST_TIMEOUT }, async ({ signal }) => {
      const [file, name] = command.action.split("#") as [string, string];
      const actorKey = allowedActor(file, name)!;
      const world = await buildWorld();
      const target = world.cases[cast[actorKey].target];
      const known = await knownStrings(world);
      const actor = await play(world, actorKey);
      let valid: Record<string, unknown> = await actionScenarios[command.action]!(world, target, actorKey);
      const keys = Object.keys(valid);

      type Generated = { fresh: unknown } | { mutation: InputMutation };
      const arbitrary: fc.Arbitrary<Generated> = fc.oneof(
        { arbitrary: hostileInput(keys, known).map((fresh) => ({ fresh })), weight: 1 },
        { arbitrary: inputMutation(keys, known).map((mutation) => ({ mutation })), weight: 2 },
      );
      const input = (generated: Generated) => ("fresh" in generated ? generated.fresh : applyInputMutation(valid, generated.mutation));
      const problems = await fuzz(
        key,
        arbitrary,
        (generated) => command.schema.safeParse(input(generated)).success,
        async (generated) => {
          const value = input(generated);
          const shown = show(value);
          try {
            const parsed = command.schema.safeParse(value);
            if (!parsed.success) return { kind: "Invalid", shown };
            await command.run(actor, parsed.data as never, context);
            return { kind: "accepted", shown };
          } catch (error) {
            return isDomainError(error) ? { kind: error.kind, shown } : { kind: "unexpected", error, shown };
          }
        },
        async () => {
          valid = await actionScenarios[command.action]!(world, target, actorKey);
        },
        signal,
      );
      expect(problems.slice(0, 5), `${problems.length} problems; seed ${seedFor(key)}`).toEqual([]);
      expect(tallies.get(key)!.runs).toBe(RUNS);
    });
  }
});

/** The schema an action parses its payload with, where a domain command shares it; undefined for the rest. */
function actionSchema(actionKey: string): z.ZodType | undefined {
  const extra: Record<string, z.ZodType> = { [`${APP.cases}#revealIdentityAction`]: caseSchemas.caseRefInput, [`${APP.cases}#factorHistoryAction`]: caseSchemas.caseRefInput };
  return extra[actionKey] ?? Object.values(domainCommands).find((command) => command.action === actionKey)?.schema;
}

// ───────────────────────────── the totals ─────────────────────────────

afterAll(() => {
  const header = ["entry point", "runs", ...KINDS, "rows changed", "seconds"];
  const rows = [...tallies].map(([key, t]) => [key.replace(/^app\/|^lib\//, ""), String(t.runs), ...KINDS.map((k) => String(t[k])), String(t.rowsChanged), (t.millis / 1000).toFixed(1)]);
  const sum = (pick: (t: Tally) => number) => String([...tallies.values()].reduce((n, t) => n + pick(t), 0));
  rows.push(["TOTAL", sum((t) => t.runs), ...KINDS.map((k) => sum((t) => t[k])), sum((t) => t.rowsChanged), (Number(sum((t) => t.millis)) / 1000).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(["hostile input: payloads per entry point and how each was answered", line(header), ...rows.map(line)].join("\n"));
});
