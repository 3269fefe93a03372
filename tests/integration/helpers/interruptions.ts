import postgres from "postgres";
import { expect } from "vitest";
import { verifyAuditChain } from "@/lib/audit";
import { createCaseFor } from "./cases";
import { sql, testDatabase, waitingOnLocks } from "./database";
import { counsellorWithCase, signedNote } from "./notes";
import { activate, closeCase, measure, phq9Items } from "./outcomes";
import { createPeople, signInAs } from "./people";
import { tag } from "./reports";

/**
 * Real multi-step commands, each with what it writes, for tests that interrupt them half-way.
 * `prepare` sets up what the command needs (people, a case) and returns the command itself.
 */
export interface Command {
  name: string;
  prepare: () => Promise<() => Promise<unknown>>;
  /** Rows a completed command adds, per table (tables it only updates are not listed). */
  adds: Record<string, number>;
  /** Later statements to make fail, in the order the command runs them. */
  failAt: Interruption[];
}

export interface Interruption {
  table: string;
  operation: "insert" | "update";
  /** Fail on the nth such statement of the transaction (1 = the first). */
  nth: number;
}

export const commands: Command[] = [
  {
    name: "create a case for a new client (client, case, status history, assignment, audit)",
    prepare: async () => {
      const people = await createPeople();
      const counsellor = await signInAs(people.counsellorNorth.email);
      return () => createCaseFor(counsellor, { givenName: "Interrupted" });
    },
    // The first case of the year also starts its reference counter.
    adds: { clients: 1, cases: 1, case_reference_counters: 1, case_status_history: 1, case_assignments: 1, audit_events: 1 },
    failAt: [
      { table: "cases", operation: "insert", nth: 1 },
      { table: "case_status_history", operation: "insert", nth: 1 },
      { table: "case_assignments", operation: "insert", nth: 1 },
      { table: "audit_events", operation: "insert", nth: 1 },
    ],
  },
  {
    name: "write and sign a session note (note, signature, contact facts on the case, audit)",
    prepare: async () => {
      const { counsellor, caseId } = await counsellorWithCase();
      return () => signedNote(counsellor, caseId);
    },
    adds: { session_notes: 1, audit_events: 1 },
    failAt: [
      { table: "session_notes", operation: "update", nth: 1 },
      { table: "cases", operation: "update", nth: 1 },
      { table: "audit_events", operation: "insert", nth: 1 },
    ],
  },
  {
    name: "record a PHQ-9 with a self-harm answer (result, raised flag, its audit row, case touched, audit)",
    prepare: async () => {
      const { counsellor, caseId } = await counsellorWithCase();
      await activate(counsellor, caseId);
      return () => measure(counsellor, caseId, "PHQ9", { items: phq9Items(2, [1, 1, 1, 1, 1, 1, 1, 1]) });
    },
    adds: { measure_results: 1, outcome_summaries: 1, case_flags: 1, audit_events: 2 },
    failAt: [
      // The case's PHQ-9 summary, written by the results trigger in the same transaction.
      { table: "outcome_summaries", operation: "insert", nth: 1 },
      { table: "case_flags", operation: "insert", nth: 1 },
      { table: "cases", operation: "update", nth: 1 },
      // The measure's own audit row, after the flag's audit row went in.
      { table: "audit_events", operation: "insert", nth: 2 },
    ],
  },
  {
    name: "tag a factor (tag, the case's factor set, case touched, audit)",
    prepare: async () => {
      const { counsellor, caseId } = await counsellorWithCase();
      return () => tag(counsellor, caseId, "depression");
    },
    adds: { case_factors: 1, case_factor_sets: 1, audit_events: 1 },
    failAt: [
      // The case's factor set, written by the tags trigger in the same transaction.
      { table: "case_factor_sets", operation: "insert", nth: 1 },
      { table: "cases", operation: "update", nth: 1 },
      { table: "audit_events", operation: "insert", nth: 1 },
    ],
  },
  {
    name: "close a case (status and version, status history, audit)",
    prepare: async () => {
      const { counsellor, caseId } = await counsellorWithCase();
      await activate(counsellor, caseId);
      return () => closeCase(counsellor, caseId);
    },
    adds: { case_status_history: 1, audit_events: 1 },
    failAt: [
      { table: "case_status_history", operation: "insert", nth: 1 },
      { table: "audit_events", operation: "insert", nth: 1 },
    ],
  },
];

export type Fingerprint = Record<string, { rows: number; digest: string }>;

/** Row count and a digest of every row of every table: "unchanged" means exactly that. */
export async function fingerprint(): Promise<Fingerprint> {
  const tables = await sql<{ name: string }>(
    "select table_name::text as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const result: Fingerprint = {};
  for (const { name } of tables) {
    const [row] = await sql<{ rows: number; digest: string }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`,
    );
    result[name] = row!;
  }
  return result;
}

export const rowCounts = (print: Fingerprint) => Object.fromEntries(Object.entries(print).map(([table, { rows }]) => [table, rows]));

/** What a completed command should have added to the row counts. */
export function countsAfter(before: Fingerprint, adds: Record<string, number>) {
  const counts = rowCounts(before);
  for (const [table, n] of Object.entries(adds)) counts[table] = (counts[table] ?? 0) + n;
  return counts;
}

export async function expectAuditChainIntact(): Promise<void> {
  expect((await verifyAuditChain(testDatabase().db)).broken).toBeNull();
}

/**
 * After an interruption: every table holds exactly what it held before (counts and content) and
 * the audit chain verifies; then nothing half-done stands in the way of the same command, which
 * completes whole.
 */
export async function expectUntouchedThenCompletes(before: Fingerprint, command: Command, run: () => Promise<unknown>): Promise<void> {
  const after = await fingerprint();
  expect(rowCounts(after)).toEqual(rowCounts(before));
  expect(after).toEqual(before);
  await expectAuditChainIntact();

  await run();
  expect(rowCounts(await fingerprint())).toEqual(countsAfter(before, command.adds));
  await expectAuditChainIntact();
}

const TRIGGER = "test_interruption";

/**
 * Makes the nth insert or update of `table` in any transaction fail, runs `work`, and removes the
 * trigger again whatever happened. The count lives in a transaction-local setting, so it starts
 * at zero in every transaction.
 */
export async function withFailingStatement<T>({ table, operation, nth }: Interruption, work: () => Promise<T>): Promise<T> {
  await sql(`
    create or replace function test_interrupt_nth() returns trigger language plpgsql as $$
    declare n int;
    begin
      n := coalesce(nullif(current_setting('tsunagu_test.statements', true), ''), '0')::int + 1;
      perform set_config('tsunagu_test.statements', n::text, true);
      if n >= tg_argv[0]::int then
        raise exception 'test interruption: % number % on %', tg_op, n, tg_table_name;
      end if;
      return new;
    end $$`);
  await sql(`create trigger ${TRIGGER} before ${operation} on ${table} for each row execute function test_interrupt_nth('${nth}')`);
  try {
    return await work();
  } finally {
    await sql(`drop trigger if exists ${TRIGGER} on ${table}`);
    await sql("drop function if exists test_interrupt_nth()");
  }
}

/** The command failed, and because of the interruption (not a refusal of its own). */
export async function expectInterrupted(run: Promise<unknown>, pattern: RegExp): Promise<unknown> {
  const error = await run.then(
    () => {
      throw new Error("expected the command to be interrupted, but it completed");
    },
    (caught: unknown) => caught,
  );
  const messages: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) messages.push(String(e.message));
  expect(messages.join(" / ")).toMatch(pattern);
  return error;
}

/**
 * The harshest interruption: starts `run` while another connection holds the advisory lock `lock`;
 * once the app's connection waits for it, `whileWaiting` may look at the half-done state, then that
 * backend is terminated. Answers what `run` settled with: its result, or its error. Needs real
 * server connections, so Postgres only.
 */
export async function terminatedWhileWaiting(lock: number, run: () => Promise<unknown>, whileWaiting = async () => {}): Promise<unknown> {
  const url = testDatabase().url;
  if (!url) throw new Error("the Postgres test database has no URL");
  const blocker = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "tsunagu-test-blocker" } });
  try {
    await blocker`select pg_advisory_lock(${lock})`;
    const settled = run().then(
      (result) => result,
      (error: unknown) => error,
    );
    const [pid] = await waitingOnLocks(blocker, 1, `advisory lock ${lock}`, "application_name = 'tsunagu' and wait_event = 'advisory'");
    await whileWaiting();
    const [row] = await blocker<{ terminated: boolean }[]>`select pg_terminate_backend(${pid!}) as terminated`;
    expect(row!.terminated).toBe(true);
    return await settled;
  } finally {
    await blocker`select pg_advisory_unlock_all()`.catch(() => {});
    await blocker.end({ timeout: 5 });
  }
}
