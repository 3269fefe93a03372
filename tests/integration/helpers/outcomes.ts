import type { Actor } from "@/lib/actor";
import { changeStatus } from "@/lib/cases/commands";
import { changeStatusInput } from "@/lib/cases/schemas";
import { recordMeasure } from "@/lib/measures/commands";
import { recordMeasureInput } from "@/lib/measures/schemas";
import { recordMilestone, removeMilestone } from "@/lib/milestones/commands";
import { recordMilestoneInput, removeMilestoneInput } from "@/lib/milestones/schemas";
import { caseVersion } from "./cases";
import { sql } from "./database";
import { daysAgo } from "./notes";
import { context } from "./people";

const ITEM_FIELDS = 9;

export type MeasureEntry = {
  items?: number[];
  total?: number;
  subscales?: Record<string, number>;
  administeredOn?: string;
  supersedes?: string;
  correctionReason?: string;
};

/**
 * What the measure form posts: every field present as a string, the unused ones empty. Items
 * become item1…itemN, subscales subscale.<code>.
 */
export function measureFields(caseId: string, instrument: string, entry: MeasureEntry = {}): Record<string, string> {
  const fields: Record<string, string> = {
    caseId,
    instrument,
    administeredOn: entry.administeredOn ?? daysAgo(1),
    total: entry.total === undefined ? "" : String(entry.total),
    supersedes: entry.supersedes ?? "",
    correctionReason: entry.correctionReason ?? "",
    "subscale.socialization": "",
    "subscale.isolation": "",
    "subscale.emotional_support": "",
  };
  for (let n = 1; n <= ITEM_FIELDS; n++) fields[`item${n}`] = entry.items?.[n - 1] === undefined ? "" : String(entry.items[n - 1]);
  for (const [code, value] of Object.entries(entry.subscales ?? {})) fields[`subscale.${code}`] = String(value);
  return fields;
}

/** Parses the form through the real schema and records it through the real command. */
export function measure(actor: Actor, caseId: string, instrument: string, entry: MeasureEntry = {}) {
  return recordMeasure(actor, recordMeasureInput.parse(measureFields(caseId, instrument, entry)), context);
}

/** PHQ-9 answers: items 1–8 as given (default 0), item 9 separately, since it raises the self-harm flag. */
export const phq9Items = (item9: number, rest: number[] = [0, 0, 0, 0, 0, 0, 0, 0]) => [...rest, item9];

export function milestone(actor: Actor, caseId: string, name: string, reachedOn = daysAgo(2), note = "") {
  return recordMilestone(actor, recordMilestoneInput.parse({ caseId, milestone: name, reachedOn, note }), context);
}

export function removeMilestoneFrom(actor: Actor, caseId: string, milestoneId: string, reason = "Recorded by mistake") {
  return removeMilestone(actor, removeMilestoneInput.parse({ caseId, milestoneId, reason }), context);
}

/** The id of the current (not removed) row of a milestone on a case. */
export async function milestoneId(caseId: string, name: string): Promise<string> {
  const [row] = await sql<{ id: string }>("select id from case_milestones where case_id = $1 and milestone = $2 and removed_at is null", [caseId, name]);
  if (!row) throw new Error(`no current ${name} on case ${caseId}`);
  return row.id;
}

/** Moves a new (referred) case through assessment to active, as a counsellor would. */
export async function activate(actor: Actor, caseId: string) {
  for (const status of ["assessment", "active"]) {
    await changeStatus(actor, changeStatusInput.parse({ caseId, version: await caseVersion(caseId), status }), context);
  }
}

export async function closeCase(actor: Actor, caseId: string) {
  await changeStatus(actor, changeStatusInput.parse({ caseId, version: await caseVersion(caseId), status: "closed", closureOutcome: "no_change" }), context);
}

/** The stored row exactly as the database holds it (as JSON, so every column compares). */
export async function outcomeRow(table: "measure_results" | "case_milestones", id: string): Promise<Record<string, unknown>> {
  const [row] = await sql<{ row: Record<string, unknown> }>(`select to_jsonb(t) as row from ${table} t where id = $1`, [id]);
  if (!row) throw new Error(`no ${table} row ${id}`);
  return row.row;
}

/** Every row an outcome command could touch: results, milestones, flags and the cases they mark as updated. */
export async function outcomeTablesSnapshot() {
  const [row] = await sql(
    `select (select json_agg(m order by m.id) from (select * from measure_results) m) as measure_results,
            (select json_agg(k order by k.id) from (select * from case_milestones) k) as case_milestones,
            (select json_agg(f order by f.id) from (select * from case_flags) f) as case_flags,
            (select json_agg(c order by c.id) from (select id, updated_at, version, status from cases) c) as cases`,
  );
  return row!;
}

export const lastAuditId = async () => (await sql<{ id: number }>("select coalesce(max(id), 0)::int as id from audit_events"))[0]!.id;

/** Audit rows written after `afterId`, oldest first. */
export function auditSince(afterId: number) {
  return sql<{ action: string; actor_id: string | null; entity_type: string | null; entity_id: string | null; case_id: string | null; outcome: string; details: unknown }>(
    "select action, actor_id, entity_type, entity_id, case_id, outcome, details from audit_events where id > $1 order by id",
    [afterId],
  );
}
