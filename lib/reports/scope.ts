import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "../actor";
import { forbidden } from "../errors";
import { assertCan, can } from "../policy";
import { serviceSettingsNow } from "../settings/service";

/** Whose cases a report covers: one team, or (teamId null) the whole service. */
export type ReportScope = { teamId: string | null };

/**
 * Reports are for supervisors. Their own team always; the whole service only while an
 * administrator allows supervisors the service-wide scope (the same setting as for statistics),
 * since it shows every counsellor's caseload. Administrators manage accounts, not casework, and
 * get no report.
 */
export async function reportScope(actor: Actor, requested: "team" | "service"): Promise<ReportScope> {
  assertCan(actor, "reports.view");
  if (!actor.teamId) throw forbidden();
  if (requested === "team") return { teamId: actor.teamId };
  if (!(await serviceScopeOffered(actor))) throw forbidden();
  return { teamId: null };
}

/** Which report a URL asks for: the whole service only when it says so. */
export const requestedScope = (value: unknown): "team" | "service" => (value === "service" ? "service" : "team");

/** Whether this person may have the whole-service report now; the screen offers it only then. */
export async function serviceScopeOffered(actor: Actor): Promise<boolean> {
  if (!can(actor, "reports.view") || !actor.teamId) return false;
  return (await serviceSettingsNow()).supervisorsSeeService;
}

/** The scope as a condition on a team column (the case's by default). */
export const ofScope = (scope: ReportScope, column: SQL = sql`c.team_id`): SQL =>
  scope.teamId ? sql`${column} = ${scope.teamId}` : sql`true`;

/**
 * Joins rows that belong to a case (notes, status changes) to their case as `c`, and to the
 * scope's team: only when a team narrows it. Every such row has its case, so a whole-service
 * report reads them alone (the join cost 150 ms over a year of a service's notes).
 */
export const inScopeCases = (scope: ReportScope, caseId: SQL): SQL =>
  scope.teamId ? sql`join cases c on c.id = ${caseId} and c.team_id = ${scope.teamId}` : sql``;
