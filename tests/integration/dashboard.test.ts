import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/demo-accounts";
import { seedDemoData } from "@/db/seed";
import { caseloadDashboard } from "@/lib/caseload/dashboard";
import { expectDomainError } from "./helpers/cases";
import { sql, testDatabase } from "./helpers/database";
import { context, signInAs } from "./helpers/people";

describe("the caseload dashboard on the demo service", () => {
  it("counts and lists only the cases in scope, each figure matching a direct count", async () => {
    await seedDemoData(testDatabase());
    for (const email of ["counsellor.north@tsunagu.example", "supervisor.south@tsunagu.example"]) {
      const actor = await signInAs(email, DEMO_PASSWORD);
      const scope = actor.role === "counsellor" ? "c.counsellor_id = $1" : "c.team_id = $1";
      const key = actor.role === "counsellor" ? actor.id : actor.teamId;
      const dashboard = await caseloadDashboard(actor, context);
      const [direct] = await sql<{ open: number; quiet: number; flags: number; drafts: number; due: number; planned: number }>(
        `select
           (select count(*)::int from cases c where ${scope} and c.status <> 'closed') as open,
           (select count(*)::int from cases c where ${scope} and c.status <> 'closed' and (c.last_contact_on is null or c.last_contact_on <= current_date - 30)) as quiet,
           (select count(*)::int from case_flags f join cases c on c.id = f.case_id where ${scope} and f.resolved_at is null) as flags,
           (select count(*)::int from session_notes n join cases c on c.id = n.case_id where ${scope} and n.status = 'draft' and n.created_at < now() - interval '24 hours') as drafts,
           (select count(*)::int from cases c where ${scope} and c.status = 'active' and not exists (
              select 1 from measure_results r where r.case_id = c.id and r.instrument = 'HQ25' and r.superseded_at is null and r.administered_on > current_date - 90)) as due,
           (select count(*)::int from cases c where ${scope} and c.status <> 'closed' and c.next_contact_on <= current_date + 6) as planned`,
        [key],
      );
      expect(dashboard.openCases, email).toBe(direct!.open);
      expect(dashboard.quiet.total, email).toBe(direct!.quiet);
      expect(dashboard.flags.total, email).toBe(direct!.flags);
      expect(dashboard.flags.rows.length, email).toBe(Math.min(20, direct!.flags));
      expect(dashboard.drafts.total, email).toBe(direct!.drafts);
      expect(dashboard.drafts.rows.length, email).toBe(Math.min(20, direct!.drafts));
      expect(dashboard.due.total, email).toBe(direct!.due);
      expect(dashboard.plannedTotal, email).toBe(direct!.planned);
      expect(dashboard.planned.length + dashboard.overdue.length, email).toBe(Math.min(20, direct!.planned));
      expect(dashboard.openCases, email).toBeGreaterThan(0);
      // Self-harm flags come first.
      const kinds = dashboard.flags.rows.map((f) => f.kind);
      expect(kinds).toEqual([...kinds].sort((a, b) => Number(b === "self_harm_risk") - Number(a === "self_harm_risk")));
    }
  });

  it("is refused to roles without case access", async () => {
    await seedDemoData(testDatabase());
    for (const email of ["admin@tsunagu.example", "analyst@tsunagu.example"]) {
      await expectDomainError(caseloadDashboard(await signInAs(email, DEMO_PASSWORD), context), "Forbidden");
    }
  });
});
