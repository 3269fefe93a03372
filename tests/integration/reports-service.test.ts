import { describe, expect, it } from "vitest";
import { serviceScopeOffered } from "@/lib/reports/scope";
import { reportTables, serviceReport, teamReport, teamReportTable } from "@/lib/reports/team-report";
import { expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import { auditSince, lastAuditId } from "./helpers/outcomes";
import { context, signInAs } from "./helpers/people";
import { buildTeamReportFixture, PERIOD } from "./helpers/reports";

const allowSupervisorsTheService = (on: boolean) => sql("update service_settings set supervisors_see_service = $1", [on]);

describe("the whole-service report", () => {
  it("is refused to supervisors until an administrator allows the service scope, and always to other roles", async () => {
    const f = await buildTeamReportFixture();
    await expectDomainError(serviceReport(f.supervisor, PERIOD, context), "Forbidden");
    await allowSupervisorsTheService(true);
    for (const email of [f.people.admin.email, f.people.analyst.email, f.people.counsellorNorth.email]) {
      await expectDomainError(serviceReport(await signInAs(email), PERIOD, context), "Forbidden");
    }
  });

  it("adds up both teams' figures and is audited as a service report", async () => {
    const f = await buildTeamReportFixture();
    await allowSupervisorsTheService(true);
    const [north, south] = [await teamReport(f.supervisor, PERIOD, context), await teamReport(f.supervisorSouth, PERIOD, context)];
    const before = await lastAuditId();
    const service = await serviceReport(f.supervisor, PERIOD, context);
    expect(service.population).toBe(north.population + south.population);
    expect(service.caseload.map((r) => r.counsellorId).sort()).toEqual([...north.caseload, ...south.caseload].map((r) => r.counsellorId).sort());
    const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;
    for (const key of ["active", "closed", "paused", "referred"]) {
      expect(count(service.status, key)).toBe(count(north.status, key) + count(south.status, key));
    }
    expect(service.reviewQueue).toBe(north.reviewQueue + south.reviewQueue);
    expect(await auditSince(before)).toEqual([
      expect.objectContaining({ action: "report.view", entity_type: "service", entity_id: "service", outcome: "success" }),
    ]);
  });

  it("is offered on the screen, and downloadable table by table, only to supervisors while allowed", async () => {
    const f = await buildTeamReportFixture();
    const others = await Promise.all([f.people.admin.email, f.people.analyst.email, f.people.counsellorNorth.email].map((email) => signInAs(email)));
    expect(await serviceScopeOffered(f.supervisor)).toBe(false);
    await expectDomainError(teamReportTable(f.supervisor, "caseload", PERIOD, context, "service"), "Forbidden");
    await allowSupervisorsTheService(true);
    expect(await serviceScopeOffered(f.supervisor)).toBe(true);
    for (const actor of others) {
      expect(await serviceScopeOffered(actor)).toBe(false);
      await expectDomainError(teamReportTable(actor, "caseload", PERIOD, context, "service"), "Forbidden");
    }
    const service = await serviceReport(f.supervisor, PERIOD, context);
    const before = await lastAuditId();
    for (const table of reportTables) {
      const rows = await teamReportTable(f.supervisor, table, PERIOD, context, "service");
      expect(rows, table).toEqual(service[table]);
    }
    const exports = await auditSince(before);
    expect(exports).toHaveLength(reportTables.length);
    for (const row of exports) expect(row).toMatchObject({ action: "report.export", entity_type: "service", entity_id: "service", outcome: "success" });
  });
});
