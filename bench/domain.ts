import { randomUUID } from "node:crypto";
import { format, subMonths } from "date-fns";
import { is, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "../db/client";
import type { Actor } from "@/lib/actor";
import { hasContactData, listCases } from "@/lib/cases/list";
import { assignableCounsellors, assignmentHistory, getCase } from "@/lib/cases/queries";
import { installDatabase } from "@/lib/db";
import { factorCatalogue } from "@/lib/factors/queries";
import { caseOutcomes } from "@/lib/measures/queries";
import { noteTimeline } from "@/lib/notes/queries";
import { presetPeriod } from "@/lib/reports/period";
import { serviceReport, teamReport } from "@/lib/reports/team-report";
import type { RequestContext } from "@/lib/request";
import { buildStatistics } from "@/lib/statistics/export";
import { researchExtract } from "@/lib/statistics/research";
import { statisticsInput } from "@/lib/statistics/schemas";
import { BENCH_EMAIL } from "./scale";

const context: RequestContext = { ip: "127.0.0.1", userAgent: "tsunagu-bench", requestId: "bench-domain" };

export type People = { counsellor: Actor; supervisor: Actor; analyst: Actor; admin: Actor; caseId: string };

/** The busiest counsellor, their supervisor, the analyst, the admin and the counsellor's case with the most notes. */
export async function benchPeople(db: DatabaseHandle): Promise<People> {
  const actor = async (where: string) => {
    const [row] = await db.query<{ id: string; role: Actor["role"]; teamId: string | null; teamName: string | null; name: string; email: string }>(
      `select id::text, role::text, team_id::text as "teamId", (select t.name from teams t where t.id = accounts.team_id) as "teamName", name, email
       from accounts where ${where} and email like '%${BENCH_EMAIL}' limit 1`,
    );
    if (!row) throw new Error(`No bench account where ${where}`);
    return { ...row, sessionId: randomUUID() } as Actor;
  };
  const [busiest] = await db.query<{ counsellor: string }>(
    `select counsellor_id::text as counsellor from cases group by counsellor_id order by count(*) desc, counsellor_id limit 1`,
  );
  const counsellor = await actor(`id = '${busiest!.counsellor}'`);
  const [bigCase] = await db.query<{ id: string }>(
    `select n.case_id::text as id from session_notes n join cases c on c.id = n.case_id
     where c.counsellor_id = '${counsellor.id}' group by n.case_id order by count(*) desc, n.case_id limit 1`,
  );
  return {
    counsellor,
    supervisor: await actor(`role = 'supervisor' and team_id = '${counsellor.teamId}'`),
    analyst: await actor(`role = 'analyst'`),
    admin: await actor(`role = 'admin'`),
    caseId: bigCase!.id,
  };
}

/** The last twelve whole months, as the statistics screen offers them. */
export function lastYear() {
  const now = new Date();
  return statisticsInput.parse({ from: format(subMonths(now, 12), "yyyy-MM"), to: format(now, "yyyy-MM"), scope: "service", format: "csv" });
}

export const reportPeriod = () => presetPeriod("12m", format(new Date(), "yyyy-MM-dd"));

/** What each page loads, through the same domain functions the page calls. */
export function domainQueries(people: People): Record<string, () => Promise<unknown>> {
  const { counsellor, supervisor, analyst, admin, caseId } = people;
  const casesPage = (actor: Actor, params: Record<string, unknown>) =>
    Promise.all([listCases(actor, params, context), factorCatalogue(actor), assignableCounsellors(actor), hasContactData(actor)]);
  return {
    "case list, counsellor (open, by last contact)": () =>
      casesPage(counsellor, { status: ["active", "paused"], sort: "lastContact", dir: "asc", perPage: 50 }),
    "case list, supervisor (team, high risk, page 2)": () =>
      casesPage(supervisor, { risk: ["medium", "high"], sort: "referralDate", dir: "desc", perPage: 50, page: 2 }),
    "case page (counsellor)": async () => {
      const detail = await getCase(counsellor, caseId, context);
      return Promise.all([
        factorCatalogue(counsellor),
        assignableCounsellors(counsellor),
        noteTimeline(counsellor, detail.id, {}, context),
        caseOutcomes(counsellor, detail.id, context, { audited: false }),
      ]);
    },
    "case page (supervisor)": async () => {
      const detail = await getCase(supervisor, caseId, context);
      return Promise.all([
        factorCatalogue(supervisor),
        assignableCounsellors(supervisor),
        assignmentHistory(supervisor, detail.id),
        noteTimeline(supervisor, detail.id, {}, context),
        caseOutcomes(supervisor, detail.id, context, { audited: false }),
      ]);
    },
    "report, team (12 months)": () => teamReport(supervisor, reportPeriod(), context),
    "report, whole service (12 months)": () => serviceReport(supervisor, reportPeriod(), context),
    "statistics, whole service (12 months)": () => buildStatistics(analyst, lastYear(), context),
    "research extract (12 months)": () => researchExtract(admin, lastYear(), context),
  };
}

const dialect = new PgDialect();
const isAuditAppend = (query: unknown) => is(query, SQL) && dialect.sqlToQuery(query).sql.trimStart().startsWith("select audit_append(");

/**
 * The handle with audit writes stubbed out, for this process only: every audit event is one
 * `select audit_append(…)` statement (lib/audit.ts), which this handle answers without sending;
 * every other query goes through.
 */
export function withoutAudit(handle: DatabaseHandle): DatabaseHandle {
  const db = new Proxy(handle.db, {
    get: (target, property, receiver) => {
      const value = Reflect.get(target, property, receiver);
      if (property !== "execute") return value;
      return (query: unknown) => (isAuditAppend(query) ? Promise.resolve([]) : (value as (q: unknown) => unknown).call(target, query));
    },
  });
  return { ...handle, db };
}

export type Timing = { p50: number; p95: number; runs: number };

async function sample(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const timing = (samples: number[]): Timing => ({ p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs: samples.length });

/** Runs one query `runs` times, one after another (after two warm-up runs), in milliseconds. */
export async function time(run: () => Promise<unknown>, runs: number): Promise<Timing> {
  for (let i = 0; i < Math.min(2, runs); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await sample(run));
  return timing(samples);
}

/**
 * The same call with audit on and with audit stubbed, alternating run by run (and which goes
 * first), so both halves see the same machine load, caches and autovacuum: measured one block
 * after the other, whichever came later differed by more than the audit itself.
 */
export async function timeAuditPair(
  handle: DatabaseHandle,
  run: () => Promise<unknown>,
  runs: number,
): Promise<{ audited: Timing; stubbed: Timing }> {
  const audited: number[] = [];
  const stubbed: number[] = [];
  const once = async (audit: boolean, into?: number[]) => {
    installBenchDatabase(handle, audit);
    const ms = await sample(run);
    into?.push(ms);
  };
  for (let i = 0; i < Math.min(2, runs); i++) {
    await once(true);
    await once(false);
  }
  for (let i = 0; i < runs; i++) {
    const auditFirst = i % 2 === 0;
    await once(auditFirst, auditFirst ? audited : stubbed);
    await once(!auditFirst, auditFirst ? stubbed : audited);
  }
  installBenchDatabase(handle, true);
  return { audited: timing(audited), stubbed: timing(stubbed) };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

/** Installs the handle (with or without audit) as the app's database for the domain calls. */
export function installBenchDatabase(handle: DatabaseHandle, audit: boolean) {
  installDatabase(audit ? handle : withoutAudit(handle));
}
