import type { Role } from "@/db/schema";
import { forbidden } from "./errors";

/**
 * Who may do what: the one table. Anything not listed is refused. Record scope (own cases,
 * own team) is applied in SQL by the domain modules on top of this.
 */
export const permissions = {
  "account.read-own": ["counsellor", "supervisor", "admin", "analyst"],
  "account.change-own-password": ["counsellor", "supervisor", "admin", "analyst"],
  "accounts.manage": ["admin"],
  "teams.manage": ["admin"],
  // Clinical records: counsellors see their own cases, supervisors their team's (scoped in SQL).
  "cases.read": ["counsellor", "supervisor"],
  "cases.create": ["counsellor", "supervisor"],
  "cases.update": ["counsellor", "supervisor"],
  "cases.reveal-identity": ["counsellor", "supervisor"],
  "cases.assign": ["supervisor"],
  // Notes are written by the counsellor who holds the case; supervisors read and review them.
  "notes.read": ["counsellor", "supervisor"],
  "notes.write": ["counsellor"],
  "notes.review": ["supervisor"],
  // Measures and milestones are recorded by the counsellor who holds the case.
  "outcomes.record": ["counsellor"],
  // Management reports over a team: supervisors, for their own team.
  "reports.view": ["supervisor"],
  // Anonymised statistics: analysts and admins for the service, supervisors for their team.
  "statistics.export": ["analyst", "supervisor", "admin"],
  "research.extract": ["admin"],
  "settings.manage": ["admin"],
  // The audit trail: administrators read all of it; a supervisor sees who touched a case of the team.
  "audit.read": ["admin"],
  "cases.access-log": ["supervisor"],
  "factors.read": ["counsellor", "supervisor", "admin"],
  "factors.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(actor: { role: Role } | null | undefined, permission: Permission): boolean {
  if (!actor || !Object.hasOwn(permissions, permission)) return false;
  return (permissions[permission] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}
