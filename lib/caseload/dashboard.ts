import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { auditAlone } from "../audit";
import { clientDisplayName } from "../cases/queries";
import { caseScope } from "../cases/scope";
import { selectRows } from "../db";
import { env } from "../env";
import { activityLabels } from "./activity";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";

type CaseRef = { caseId: string; reference: string; clientName: string };
export type PlannedContact = CaseRef & { on: string; modality: string };
export type QuietCase = CaseRef & { lastContactOn: string | null };
export type OpenFlag = CaseRef & { flagId: string; kind: string; raisedAt: string };
export type StaleDraft = CaseRef & { noteId: string; sessionDate: string; createdAt: string };
export type DueMeasure = CaseRef & { lastOn: string | null };
export type Activity = { id: number; caseId: string; reference: string; action: string; actorName: string | null; at: string };

// Reads are audited too, but the home page lists only changes, by name.
const CHANGES = sql`e.action in (${sql.join(Object.keys(activityLabels).map((action) => sql`${action}`), sql`, `)})`;
const LIMIT = 10;

/**
 * What needs doing on the cases this person holds (a counsellor) or oversees (a supervisor), each
 * list capped and each count exact. Every item names its case so the page can link to it.
 */
export async function caseloadDashboard(actor: Actor, context: RequestContext) {
  assertCan(actor, "cases.read");
  const scope = caseScope(actor);
  const ref = sql`cases.id::text as "caseId", cases.reference, ${clientDisplayName} as "clientName"`;
  const fromCases = sql`from cases join clients on clients.id = cases.client_id`;
  const open = sql`${scope} and cases.status <> 'closed'`;
  const interval = env().TSUNAGU_HQ25_INTERVAL_DAYS;
  const [statuses, planned, quiet, flags, drafts, due, activity] = await Promise.all([
    selectRows<{ status: string; count: number }>(sql`
      select cases.status::text as status, count(*)::int as count from cases where ${open} group by cases.status order by cases.status`),
    selectRows<PlannedContact & { overdue: boolean; total: number }>(sql`
      select ${ref}, cases.next_contact_on::text as "on", cases.next_contact_modality::text as modality,
        cases.next_contact_on < current_date as overdue, count(*) over ()::int as total ${fromCases}
      where ${open} and cases.next_contact_on <= current_date + 6
      order by cases.next_contact_on, cases.reference limit ${LIMIT * 2}`),
    selectRows<QuietCase & { total: number }>(sql`
      select ${ref}, cases.last_contact_on::text as "lastContactOn", count(*) over ()::int as total ${fromCases}
      where ${open} and (cases.last_contact_on is null or cases.last_contact_on <= current_date - 30)
      order by cases.last_contact_on nulls first, cases.reference limit ${LIMIT}`),
    selectRows<OpenFlag & { total: number }>(sql`
      select ${ref}, f.id::text as "flagId", f.kind::text as kind, f.raised_at::text as "raisedAt", count(*) over ()::int as total ${fromCases}
        join case_flags f on f.case_id = cases.id
      where ${scope} and f.resolved_at is null
      order by (f.kind = 'self_harm_risk') desc, f.raised_at limit ${LIMIT * 2}`),
    selectRows<StaleDraft & { total: number }>(sql`
      select ${ref}, n.id::text as "noteId", n.session_date::text as "sessionDate", n.created_at::text as "createdAt", count(*) over ()::int as total ${fromCases}
        join session_notes n on n.case_id = cases.id
      where ${scope} and n.status = 'draft' and n.created_at < now() - interval '24 hours'
      order by n.created_at limit ${LIMIT * 2}`),
    selectRows<DueMeasure & { total: number }>(sql`
      select ${ref}, latest.on_day::text as "lastOn", count(*) over ()::int as total ${fromCases}
        left join lateral (
          select max(r.administered_on) as on_day from measure_results r
          where r.case_id = cases.id and r.instrument = 'HQ25' and r.superseded_at is null
        ) latest on true
      where ${scope} and cases.status = 'active' and (latest.on_day is null or latest.on_day + ${interval}::int <= current_date)
      order by latest.on_day nulls first, cases.reference limit ${LIMIT}`),
    selectRows<Activity>(sql`
      select e.id::int as id, cases.id::text as "caseId", cases.reference, e.action, a.name as "actorName", e.occurred_at::text as at
      from audit_events e join cases on cases.id = e.case_id left join accounts a on a.id = e.actor_id
      where ${scope} and e.outcome = 'success' and ${CHANGES}
      order by e.id desc limit ${LIMIT}`),
  ]);
  await auditAlone({ actor, action: "dashboard.view", outcome: "success" }, context);
  const strip = <T extends { total: number }>(rows: T[]) => rows.map(({ total: _total, ...row }) => row);
  return {
    statuses,
    openCases: statuses.reduce((sum, s) => sum + s.count, 0),
    planned: planned.filter((p) => !p.overdue).map(({ overdue: _overdue, total: _total, ...p }) => p),
    overdue: planned.filter((p) => p.overdue).map(({ overdue: _overdue, total: _total, ...p }) => p),
    plannedTotal: planned[0]?.total ?? 0,
    quiet: { rows: strip(quiet), total: quiet[0]?.total ?? 0 },
    flags: { rows: strip(flags), total: flags[0]?.total ?? 0 },
    drafts: { rows: strip(drafts), total: drafts[0]?.total ?? 0 },
    due: { rows: strip(due), total: due[0]?.total ?? 0 },
    activity,
  };
}
