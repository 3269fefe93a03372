import { addDays, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { addContact, updateClient } from "@/lib/cases/client";
import { assignCase, changeStatus, createCase, updateCase } from "@/lib/cases/commands";
import { raiseFlag, resolveFlag } from "@/lib/cases/flags";
import { revealIdentity } from "@/lib/cases/client-queries";
import { listCases } from "@/lib/cases/list";
import { getCase } from "@/lib/cases/queries";
import { assignInput, changeStatusInput, contactInput, createCaseInput, flagInput, resolveFlagInput, updateCaseInput, updateClientInput } from "@/lib/cases/schemas";
import type { Actor } from "@/lib/auth/sessions";
import { today } from "@/lib/dates";
import { addCounsellor, caseTablesSnapshot, caseVersion, createCaseFor, expectDomainError, newCaseFields } from "./helpers/cases";
import { sql } from "./helpers/database";
import { context, createPeople, signInAs } from "./helpers/people";

const year = new Date().getFullYear();

async function counsellorWithCase(overrides: Record<string, unknown> = {}) {
  const people = await createPeople();
  const counsellor = await signInAs(people.counsellorNorth.email);
  const created = await createCaseFor(counsellor, overrides);
  return { people, counsellor, ...created };
}

async function caseRow(caseId: string) {
  const [row] = await sql<{
    status: string;
    closure_outcome: string | null;
    closed_on: string | null;
    version: number;
    risk_level: string;
  }>("select status, closure_outcome, closed_on::text as closed_on, version, risk_level from cases where id = $1", [caseId]);
  return row!;
}

function move(actor: Actor, caseId: string, version: number, status: string, extra: Record<string, string> = {}) {
  return changeStatus(actor, changeStatusInput.parse({ caseId, version, status, ...extra }), context);
}

/** The distinct fields a failed parse names, in order. */
const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : [...new Set(result.error!.issues.map((issue) => issue.path.join(".")))];

describe("creating a case", () => {
  it("numbers references per year, starts referred with one history row and audits the creation", async () => {
    const { people, counsellor, caseId, reference } = await counsellorWithCase();
    expect(reference).toBe(`TSU-${year}-0001`);
    const second = await createCaseFor(counsellor, { givenName: "Second" });
    expect(second.reference).toBe(`TSU-${year}-0002`);

    const [row] = await sql<Record<string, unknown>>(
      "select reference, status, counsellor_id, team_id, version, closed_on, closure_outcome from cases where id = $1",
      [caseId],
    );
    expect(row).toEqual({
      reference,
      status: "referred",
      counsellor_id: counsellor.id,
      team_id: people.teams.north.id,
      version: 1,
      closed_on: null,
      closure_outcome: null,
    });
    const history = await sql("select from_status, to_status, changed_by from case_status_history where case_id = $1", [caseId]);
    expect(history).toEqual([{ from_status: null, to_status: "referred", changed_by: counsellor.id }]);
    const assignments = await sql("select counsellor_id, ended_at from case_assignments where case_id = $1", [caseId]);
    expect(assignments).toEqual([{ counsellor_id: counsellor.id, ended_at: null }]);
    const audits = await sql<{ actor_id: string; case_id: string; entity_id: string; outcome: string; details: unknown }>(
      "select actor_id, case_id, entity_id, outcome, details from audit_events where action = 'case.create' order by id",
    );
    expect(audits[0]).toEqual({ actor_id: counsellor.id, case_id: caseId, entity_id: caseId, outcome: "success", details: { newClient: true } });
    expect(audits).toHaveLength(2);
  });

  it("a new client needs only the required fields: empty optional fields are stored as null, a ticked consent is kept", async () => {
    // A browser posts every field; the optional ones left blank arrive as "". Consent arrives as "on".
    const parsed = createCaseInput.safeParse(
      newCaseFields({ familyName: "", preferredName: "", dateOfBirth: "", regionCode: "", statsConsent: "on" }),
    );
    expect(issuePaths(parsed)).toEqual([]);
    expect(parsed.data?.client).toMatchObject({
      givenName: "Test",
      familyName: null,
      preferredName: null,
      dateOfBirth: null,
      regionCode: null,
      statsConsent: true,
    });
    const unticked = createCaseInput.safeParse(newCaseFields({ statsConsent: "" }));
    expect(issuePaths(unticked)).toEqual([]);
    expect(unticked.data?.client).toMatchObject({ statsConsent: false });

    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    const { caseId } = await createCase(counsellor, parsed.data!, context);
    const [client] = await sql<Record<string, unknown>>(
      `select given_name, family_name, preferred_name, date_of_birth, region_code, stats_consent, stats_consent_date::text as consent_date
       from clients join cases on cases.client_id = clients.id where cases.id = $1`,
      [caseId],
    );
    expect(client).toEqual({
      given_name: "Test",
      family_name: null,
      preferred_name: null,
      date_of_birth: null,
      region_code: null,
      stats_consent: true,
      consent_date: today(),
    });
  });

  it("keeps the client's contact details with the identity, and refuses malformed ones", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    const { caseId } = await createCaseFor(counsellor, { phone: "+81 90-1234-5678", email: "Kai@Example.org", address: "1-2-3 Example, Tokyo" });
    expect(await revealIdentity(counsellor, caseId, context)).toMatchObject({
      phone: "+81 90-1234-5678",
      email: "kai@example.org",
      address: "1-2-3 Example, Tokyo",
    });
    const bad = createCaseInput.safeParse(newCaseFields({ phone: "call me", email: "not-an-email", address: "x".repeat(501) }));
    expect(bad.success).toBe(false);
    expect(new Set(bad.error!.issues.map((issue) => issue.path[0]))).toEqual(new Set(["phone", "email", "address"]));
  });

  it("refuses bad input through the schema, naming the field", async () => {
    const tomorrow = format(addDays(new Date(), 1), "yyyy-MM-dd");
    const nextMonth = format(addDays(new Date(), 40), "yyyy-MM");
    const cases: [Record<string, unknown>, string][] = [
      [{ givenName: "" }, "givenName"],
      [{ givenName: "   " }, "givenName"],
      [{ givenName: "x".repeat(10_000) }, "givenName"],
      [{ givenName: "Null\u0000Byte" }, "givenName"],
      [{ referralDate: tomorrow }, "referralDate"],
      [{ referralDate: "2026-02-30" }, "referralDate"],
      [{ referralDate: "15/01/2026" }, "referralDate"],
      [{ referralDate: "1899-12-31" }, "referralDate"],
      [{ referralDate: "2026-01-15", withdrawalOnset: "2026-02" }, "withdrawalOnset"],
      [{ withdrawalOnset: nextMonth }, "withdrawalOnset"],
      [{ withdrawalOnset: "2025-13" }, "withdrawalOnset"],
      [{ referralSource: "aliens" }, "referralSource"],
      [{ riskLevel: "extreme" }, "riskLevel"],
      [{ sexGender: "robot" }, "sexGender"],
      [{ livingSituation: "castle" }, "livingSituation"],
      [{ counsellorId: "not-a-uuid" }, "counsellorId"],
    ];
    for (const [fields, path] of cases) {
      const result = createCaseInput.safeParse(newCaseFields({ preferredName: "Pref", ...fields }));
      expect(result.success, JSON.stringify(fields).slice(0, 80)).toBe(false);
      expect(issuePaths(result), JSON.stringify(fields).slice(0, 80)).toEqual([path]);
    }
    // Fields a form must not be able to set are refused, not ignored.
    const extra = createCaseInput.safeParse(newCaseFields({ status: "closed", teamId: "00000000-0000-4000-8000-000000000000" }));
    expect(extra.success).toBe(false);
    expect(extra.error!.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["status", "teamId"] });
    // An onset in the referral month is fine.
    expect(createCaseInput.safeParse(newCaseFields({ referralDate: "2026-01-15", withdrawalOnset: "2026-01" })).success).toBe(true);
    // The update schema applies the same onset rule.
    const update = updateCaseInput.safeParse({
      caseId: "00000000-0000-4000-8000-000000000000",
      version: 1,
      referralSource: "family",
      referralDate: "2026-01-15",
      withdrawalOnset: "2026-03",
      livingSituation: "",
      riskLevel: "low",
    });
    expect(issuePaths(update)).toEqual(["withdrawalOnset"]);
  });

  it("stores SQL and HTML payloads in names verbatim, as text", async () => {
    const givenName = "'; drop table cases; --";
    const preferredName = "<script>alert(1)</script>";
    const familyName = "Robert'); DROP TABLE clients;--";
    const { counsellor, caseId } = await counsellorWithCase({ givenName, preferredName, familyName });
    const [client] = await sql<{ given_name: string; preferred_name: string; family_name: string }>(
      "select given_name, preferred_name, family_name from clients",
    );
    expect(client).toEqual({ given_name: givenName, preferred_name: preferredName, family_name: familyName });
    expect(await getCase(counsellor, caseId, context)).toMatchObject({ clientName: preferredName });
    expect(await revealIdentity(counsellor, caseId, context)).toMatchObject({ givenName, preferredName, familyName });
    const found = await listCases(counsellor, { q: "'; drop" }, context);
    expect(found.rows.map((r) => [r.id, r.clientName])).toEqual([[caseId, preferredName]]);
    const tables = await sql<{ n: number }>("select count(*)::int as n from cases");
    expect(tables).toEqual([{ n: 1 }]);
  });
});

describe("the case lifecycle", () => {
  it("valid transitions succeed, bump the version and write history", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const steps: [string, Record<string, string>][] = [
      ["assessment", {}],
      ["active", {}],
      ["paused", {}],
      ["active", {}],
      ["closed", { closureOutcome: "returned_to_education" }],
      ["assessment", { reason: "Asked to come back" }],
      ["closed", { closureOutcome: "moved_away", closedOn: "2026-02-01" }],
      ["active", { reason: "Moved back" }],
    ];
    let from = "referred";
    for (const [index, [status, extra]] of steps.entries()) {
      await move(counsellor, caseId, index + 1, status, extra);
      const row = await caseRow(caseId);
      expect(row).toMatchObject({ status, version: index + 2 });
      const [last] = await sql<{ from_status: string; to_status: string }>(
        "select from_status, to_status from case_status_history where case_id = $1 order by id desc limit 1",
        [caseId],
      );
      expect(last).toEqual({ from_status: from, to_status: status });
      from = status;
    }
    const history = await sql("select id from case_status_history where case_id = $1", [caseId]);
    expect(history).toHaveLength(steps.length + 1);
    const detail = await getCase(counsellor, caseId, context);
    expect(detail.statusHistory.map((h) => h.toStatus)).toEqual(["active", "closed", "assessment", "closed", "active", "paused", "active", "assessment", "referred"]);
    const actions = await sql<{ action: string }>("select action from audit_events where action like 'case.%' and action <> 'case.view' order by id");
    expect(actions.map((a) => a.action)).toEqual([
      "case.create",
      "case.status",
      "case.status",
      "case.status",
      "case.status",
      "case.close",
      "case.reopen",
      "case.close",
      "case.reopen",
    ]);
  });

  it("invalid transitions are refused on the status field and change nothing", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const refuse = async (status: string, extra: Record<string, string> = {}) => {
      const before = await caseTablesSnapshot();
      const error = await expectDomainError(move(counsellor, caseId, await caseVersion(caseId), status, extra), "Invalid");
      expect(error.fieldErrors).toEqual({ status: [expect.any(String)] });
      expect(await caseTablesSnapshot()).toEqual(before);
    };
    await refuse("active");
    await refuse("paused");
    await refuse("referred");
    await move(counsellor, caseId, 1, "assessment");
    await refuse("paused");
    await move(counsellor, caseId, 2, "active");
    await refuse("referred");
    await refuse("assessment");
    await refuse("active");
    await move(counsellor, caseId, 3, "closed", { closureOutcome: "no_change" });
    await refuse("paused");
    await refuse("referred");
    await refuse("closed", { closureOutcome: "other" });
  });

  it("closing needs an outcome, records it with the day, and cannot predate the referral", async () => {
    const { counsellor, caseId } = await counsellorWithCase({ referralDate: "2026-01-15" });
    const noOutcome = changeStatusInput.safeParse({ caseId, version: 1, status: "closed" });
    expect(issuePaths(noOutcome)).toEqual(["closureOutcome"]);
    const emptyOutcome = changeStatusInput.safeParse({ caseId, version: 1, status: "closed", closureOutcome: "" });
    expect(issuePaths(emptyOutcome)).toEqual(["closureOutcome"]);
    expect(issuePaths(changeStatusInput.safeParse({ caseId, version: 1, status: "closed", closureOutcome: "won_the_lottery" }))).toEqual([
      "closureOutcome",
    ]);

    const before = await caseTablesSnapshot();
    const early = await expectDomainError(move(counsellor, caseId, 1, "closed", { closureOutcome: "no_change", closedOn: "2026-01-14" }), "Invalid");
    expect(early.fieldErrors).toEqual({ closedOn: [expect.any(String)] });
    expect(await caseTablesSnapshot()).toEqual(before);

    await move(counsellor, caseId, 1, "closed", { closureOutcome: "lost_contact" });
    expect(await caseRow(caseId)).toMatchObject({ status: "closed", closure_outcome: "lost_contact", closed_on: today(), version: 2 });
    const [history] = await sql<{ reason: string }>("select reason from case_status_history where case_id = $1 and to_status = 'closed'", [caseId]);
    expect(history!.reason).toMatch(/lost.contact/i);
  });

  it("closing on the referral day itself is allowed", async () => {
    const { counsellor, caseId } = await counsellorWithCase({ referralDate: "2026-01-15" });
    await move(counsellor, caseId, 1, "closed", { closureOutcome: "transferred", closedOn: "2026-01-15" });
    expect(await caseRow(caseId)).toMatchObject({ status: "closed", closure_outcome: "transferred", closed_on: "2026-01-15" });
  });

  it("reopening needs a reason, then clears the closure; the database holds closed ⇔ outcome and date", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    await move(counsellor, caseId, 1, "closed", { closureOutcome: "no_change", closedOn: "2026-03-01" });
    const before = await caseTablesSnapshot();
    const noReason = await expectDomainError(move(counsellor, caseId, 2, "active"), "Invalid");
    expect(noReason.fieldErrors).toEqual({ reason: [expect.any(String)] });
    const emptyReason = await expectDomainError(move(counsellor, caseId, 2, "active", { reason: "" }), "Invalid");
    expect(emptyReason.fieldErrors).toEqual({ reason: [expect.any(String)] });
    expect(await caseTablesSnapshot()).toEqual(before);

    await move(counsellor, caseId, 2, "active", { reason: "Family asked for support again" });
    expect(await caseRow(caseId)).toEqual({ status: "active", closure_outcome: null, closed_on: null, version: 3, risk_level: "low" });
    const [history] = await sql<{ from_status: string; reason: string }>(
      "select from_status, reason from case_status_history where case_id = $1 order by id desc limit 1",
      [caseId],
    );
    expect(history).toEqual({ from_status: "closed", reason: "Family asked for support again" });

    // The constraint itself: no open case with an outcome, no closed case without one.
    await expect(sql("update cases set status = 'closed' where id = $1", [caseId])).rejects.toThrow(/cases_closure_complete/);
    await expect(sql("update cases set closure_outcome = 'other', closed_on = current_date where id = $1", [caseId])).rejects.toThrow(
      /cases_closure_complete/,
    );
    const broken = await sql<{ n: number }>(
      "select count(*)::int as n from cases where (status = 'closed') <> (closure_outcome is not null and closed_on is not null)",
    );
    expect(broken).toEqual([{ n: 0 }]);
  });
});

describe("optimistic locking", () => {
  it("a stale version is a Conflict for update, status change and assignment, and the row is unchanged", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase();
    const north2 = await addCounsellor(people.teams.north.id, "counsellor.north2@test.example", people.counsellorNorth.id);
    const supervisor = await signInAs(people.supervisorNorth.email);
    const update = (version: number, riskLevel: string) =>
      updateCase(
        counsellor,
        updateCaseInput.parse({
          caseId,
          version,
          referralSource: "family",
          referralDate: "2026-01-15",
          withdrawalOnset: "",
          livingSituation: "with_parents",
          riskLevel,
        }),
        context,
      );
    await update(1, "medium");
    const before = await caseTablesSnapshot();
    await expectDomainError(update(1, "high"), "Conflict");
    await expectDomainError(move(counsellor, caseId, 1, "assessment"), "Conflict");
    await expectDomainError(assignCase(supervisor, assignInput.parse({ caseId, version: 1, counsellorId: north2.id }), context), "Conflict");
    // A version from the future is just as stale.
    await expectDomainError(update(3, "high"), "Conflict");
    expect(await caseTablesSnapshot()).toEqual(before);
    expect(await caseRow(caseId)).toMatchObject({ status: "referred", risk_level: "medium", version: 2 });

    const [audit] = await sql<{ details: { fields: string } }>("select details from audit_events where action = 'case.update'");
    expect(audit!.details.fields.split(",")).toEqual(["livingSituation", "riskLevel"]);
  });
});

describe("flags", () => {
  it("one open flag of a kind at a time; resolving twice is a Conflict", async () => {
    const { counsellor, caseId } = await counsellorWithCase();
    const raise = (kind: string) => raiseFlag(counsellor, flagInput.parse({ caseId, kind }), context);
    await raise("self_harm_risk");
    const before = await caseTablesSnapshot();
    const again = await expectDomainError(raise("self_harm_risk"), "Invalid");
    expect(again.fieldErrors).toEqual({ kind: [expect.any(String)] });
    expect(await caseTablesSnapshot()).toEqual(before);
    expect(flagInput.safeParse({ caseId, kind: "zombies" }).success).toBe(false);

    const detail = await getCase(counsellor, caseId, context);
    expect(detail.flags).toEqual([expect.objectContaining({ kind: "self_harm_risk", resolvedAt: null, raisedBy: "counsellor.north" })]);
    expect((await listCases(counsellor, {}, context)).rows[0]!.openFlags).toBe(1);
    const flagId = detail.flags[0]!.id;

    await resolveFlag(counsellor, resolveFlagInput.parse({ caseId, flagId }), context);
    const [resolved] = await sql<{ resolved_by: string; resolved: boolean }>(
      "select resolved_by, resolved_at is not null as resolved from case_flags where id = $1",
      [flagId],
    );
    expect(resolved).toEqual({ resolved_by: counsellor.id, resolved: true });
    expect((await listCases(counsellor, {}, context)).rows[0]!.openFlags).toBe(0);
    const afterResolve = await caseTablesSnapshot();
    await expectDomainError(resolveFlag(counsellor, resolveFlagInput.parse({ caseId, flagId }), context), "Conflict");
    expect(await caseTablesSnapshot()).toEqual(afterResolve);

    // Once resolved, the same kind can be raised again; the old flag stays on record.
    await raise("self_harm_risk");
    expect(await sql("select id from case_flags where case_id = $1", [caseId])).toHaveLength(2);
  });
});

describe("contacts and identity", () => {
  it("corrects identity details with a version check, keeps the consent day, audits field names only", async () => {
    const { people, counsellor, caseId } = await counsellorWithCase({ statsConsent: "on" });
    const before = await revealIdentity(counsellor, caseId, context);
    const fields = { caseId, givenName: "Haru", familyName: "Ito", preferredName: "", dateOfBirth: "", phone: "090-1111-2222", email: "", address: "", sexGender: "female", regionCode: "JP-13", statsConsent: "on" };
    await updateClient(counsellor, updateClientInput.parse({ ...fields, version: before.version }), context);
    const after = await revealIdentity(counsellor, caseId, context);
    expect(after).toMatchObject({ givenName: "Haru", familyName: "Ito", phone: "090-1111-2222", preferredName: null, statsConsent: true, statsConsentDate: before.statsConsentDate, version: before.version + 1 });
    const stale = await expectDomainError(updateClient(counsellor, updateClientInput.parse({ ...fields, givenName: "Other", version: before.version }), context), "Conflict");
    expect(stale.message).toContain("Someone else changed");
    expect((await revealIdentity(counsellor, caseId, context)).givenName).toBe("Haru");
    const [audit] = await sql<{ details: string }>("select details::text as details from audit_events where action = 'client.update'");
    expect(audit!.details).toContain("givenName");
    expect(audit!.details).not.toContain("Haru");
    const outsider = await signInAs(people.counsellorSouth.email);
    await expectDomainError(updateClient(outsider, updateClientInput.parse({ ...fields, version: after.version }), context), "NotFound");
    await updateClient(counsellor, updateClientInput.parse({ ...fields, statsConsent: "", version: after.version }), context);
    expect(await revealIdentity(counsellor, caseId, context)).toMatchObject({ statsConsent: false, statsConsentDate: null });
  });

  it("stores a family contact, reveals it, and audits the reveal without any name", async () => {
    const { counsellor, caseId } = await counsellorWithCase({ givenName: "Haruto", familyName: "Sakamoto", preferredName: "Haru" });
    await addContact(
      counsellor,
      contactInput.parse({
        caseId,
        relationship: "mother",
        name: "Keiko Sakamoto",
        phone: "+81 90-1234-5678",
        email: "Keiko.Sakamoto@Example.com",
        mayContact: "on",
      }),
      context,
    );
    expect(issuePaths(contactInput.safeParse({ caseId, relationship: "mother", name: "", phone: "call me", email: "nope", mayContact: "" }))).toEqual([
      "name",
      "phone",
      "email",
    ]);

    const identity = await revealIdentity(counsellor, caseId, context);
    expect(identity).toMatchObject({ givenName: "Haruto", familyName: "Sakamoto", preferredName: "Haru" });
    expect(identity.contacts).toEqual([
      {
        id: expect.any(String),
        relationship: "mother",
        name: "Keiko Sakamoto",
        phone: "+81 90-1234-5678",
        email: "keiko.sakamoto@example.com",
        mayContact: true,
      },
    ]);
    // The everyday case view does not carry the identity.
    const detail = await getCase(counsellor, caseId, context);
    expect(detail.clientName).toBe("Haru");
    expect(JSON.stringify(detail)).not.toMatch(/Haruto|Sakamoto|Keiko/);

    const [reveal] = await sql<{ actor_id: string; case_id: string; entity_type: string; outcome: string }>(
      "select actor_id, case_id, entity_type, outcome from audit_events where action = 'case.identity.reveal'",
    );
    expect(reveal).toEqual({ actor_id: counsellor.id, case_id: caseId, entity_type: "client", outcome: "success" });
    const everything = await sql<{ row: string }>("select row_to_json(a)::text as row from audit_events a");
    expect(everything.length).toBeGreaterThan(3);
    for (const { row } of everything) expect(row).not.toMatch(/Haru|Sakamoto|Keiko|1234-5678|example\.com/i);
  });
});
