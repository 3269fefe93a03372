import { describe, expect, it } from "vitest";
import { GET as exportAudit } from "@/app/api/audit/route";
import { caseAccessLog, listAuditEvents } from "@/lib/audit-log";
import { getCase } from "@/lib/cases/queries";
import { createCaseFor, expectDomainError } from "./helpers/cases";
import { sql } from "./helpers/database";
import { context, createPeople, signInAs, signOut } from "./helpers/people";

const noParams = { params: Promise.resolve({}) };

describe("the audit trail screen and the case access log", () => {
  it("administrators search and page the trail, download it as CSV, and their reading is audited", async () => {
    await createPeople();
    const counsellor = await signInAs("counsellor.north@test.example");
    const { caseId } = await createCaseFor(counsellor, { givenName: "Audited" });
    await getCase(counsellor, caseId, context);
    const admin = await signInAs("admin@test.example");
    const all = await listAuditEvents(admin, { perPage: 10 }, context);
    const [count] = await sql<{ n: number }>("select count(*)::int as n from audit_events");
    // Everything before this read; the read itself is the one row written after the query.
    expect(all.total).toBe(count!.n - 1);
    const byAction = await listAuditEvents(admin, { action: "case.view" }, context);
    expect(byAction.rows.map((r) => [r.action, r.actorEmail, r.caseId])).toEqual([["case.view", "counsellor.north@test.example", caseId]]);
    const byWho = await listAuditEvents(admin, { who: "counsellor.north", outcome: ["success"] }, context);
    expect(byWho.rows.length).toBeGreaterThan(1);
    expect(byWho.rows.every((r) => r.actorEmail === "counsellor.north@test.example" && r.outcome === "success")).toBe(true);
    const page2 = await listAuditEvents(admin, { perPage: 10, page: 2 }, context);
    expect(page2.rows.every((r) => !all.rows.some((first) => first.id === r.id))).toBe(true);
    // Malformed filters fall back instead of failing.
    expect((await listAuditEvents(admin, { page: "x", from: "yesterday", outcome: ["sideways"] }, context)).input).toMatchObject({ page: 1, from: "", outcome: [] });
    // Dates that look right but do not exist are dropped too, never a 500.
    expect((await listAuditEvents(admin, { from: "2024-02-30", to: "2024-13-01" }, context)).input).toMatchObject({ from: "", to: "" });
    expect((await exportAudit(new Request("http://localhost/api/audit?from=2024-02-30"), noParams)).status).toBe(200);
    // Days are UTC days: an event of today is found from today to today, and not from tomorrow.
    const utcToday = new Date().toISOString().slice(0, 10);
    const utcTomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await listAuditEvents(admin, { action: "case.view", from: utcToday, to: utcToday }, context)).total).toBe(1);
    expect((await listAuditEvents(admin, { action: "case.view", from: utcTomorrow }, context)).total).toBe(0);

    const response = await exportAudit(new Request("http://localhost/api/audit?action=case.view"), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const csv = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[0]).toBe("Time (UTC),Who,Email,Role,Action,Entity,Case,Outcome,IP,Request");
    expect(csv.slice(1).every((line) => line.includes(",case.view,"))).toBe(true);
    const [reads] = await sql<{ views: number; exports: number }>(
      "select count(*) filter (where action = 'audit.view')::int as views, count(*) filter (where action = 'audit.export')::int as exports from audit_events",
    );
    expect(reads).toEqual({ views: 8, exports: 2 });
  });

  it("no one else reads the trail: the screen's query is refused, the download is 404, or 401 signed out", async () => {
    await createPeople();
    for (const email of ["analyst@test.example", "supervisor.north@test.example", "counsellor.north@test.example"]) {
      const actor = await signInAs(email);
      await expectDomainError(listAuditEvents(actor, {}, context), "Forbidden");
      expect((await exportAudit(new Request("http://localhost/api/audit"), noParams)).status, email).toBe(404);
    }
    signOut();
    expect((await exportAudit(new Request("http://localhost/api/audit"), noParams)).status).toBe(401);
  });

  it("a supervisor sees who touched a case of the team; other teams' cases are not found; no one else has the log", async () => {
    const people = await createPeople();
    const counsellor = await signInAs("counsellor.north@test.example");
    const { caseId } = await createCaseFor(counsellor, { givenName: "Logged" });
    await getCase(counsellor, caseId, context);
    const supervisor = await signInAs("supervisor.north@test.example");
    const log = await caseAccessLog(supervisor, caseId, context);
    expect(log.map((e) => [e.action, e.actorName])).toEqual([
      ["case.view", people.counsellorNorth.name],
      ["case.create", people.counsellorNorth.name],
    ]);
    await expectDomainError(caseAccessLog(await signInAs("supervisor.south@test.example"), caseId, context), "NotFound");
    for (const email of ["counsellor.north@test.example", "admin@test.example", "analyst@test.example"]) {
      await expectDomainError(caseAccessLog(await signInAs(email), caseId, context), "Forbidden");
    }
  });
});
