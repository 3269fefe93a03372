import { addDays, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { tagFactor, untagFactor } from "@/lib/cases/factor-tags";
import { listCases } from "@/lib/cases/list";
import { getCase } from "@/lib/cases/queries";
import { caseFactorInput } from "@/lib/cases/schemas";
import { createCaseFor, factorId } from "./helpers/cases";
import { sql } from "./helpers/database";
import { expectInterrupted, withFailingStatement } from "./helpers/interruptions";
import { context, createPeople, signInAs } from "./helpers/people";

const year = new Date().getFullYear();
const statuses = ["referred", "assessment", "active", "paused", "closed"] as const;
const risks = ["low", "medium", "high"] as const;
const pad = (n: number) => String(n).padStart(2, "0");

type Model = {
  i: number;
  id: string;
  reference: string;
  name: string;
  status: (typeof statuses)[number];
  risk: (typeof risks)[number];
  bullying: boolean;
  referralDate: string;
  /** Days since the last contact, or null for none yet. */
  contactDaysAgo: number | null;
};

/**
 * 30 cases for counsellorNorth with a known spread of status, risk, factors, referral dates and last
 * contact, and 2 cases for counsellorSouth that must never show up in North's lists.
 */
async function thirtyCases() {
  const people = await createPeople();
  const counsellor = await signInAs(people.counsellorNorth.email);
  const counsellorSouth = await signInAs(people.counsellorSouth.email);
  const bullying = await factorId("bullying");
  const model: Model[] = [];
  for (let i = 1; i <= 30; i++) {
    const givenName = i === 5 ? "Yuki" : i === 6 ? "Mika_50%" : `Client ${pad(i)}`;
    const preferredName = i === 5 ? "Hikari" : givenName;
    const referralDate = format(addDays(new Date(2025, 11, 1), i * 3), "yyyy-MM-dd");
    const risk = risks[i % 3]!;
    const familyName = i === 5 ? "Tanabe" : "Client";
    const { caseId, reference } = await createCaseFor(counsellor, { givenName, familyName, preferredName, referralDate, riskLevel: risk });
    const contactDaysAgo = [null, null, 5, 5, 29, 31, 45][i % 7]!;
    model.push({ i, id: caseId, reference, name: preferredName, status: statuses[i % 5]!, risk, bullying: i % 4 === 0, referralDate, contactDaysAgo });
  }
  for (const m of model) {
    if (m.bullying) await tagFactor(counsellor, caseFactorInput.parse({ caseId: m.id, factorId: bullying }), context);
  }
  await sql(
    `update cases c set status = v.status::case_status,
            closure_outcome = case when v.status = 'closed' then 'no_change'::closure_outcome end,
            closed_on = case when v.status = 'closed' then c.referral_date end,
            last_contact_on = case when v.days is null then null else current_date - v.days end
     from json_to_recordset($1::json) as v(id uuid, status text, days int)
     where c.id = v.id`,
    [JSON.stringify(model.map((m) => ({ id: m.id, status: m.status, days: m.contactDaysAgo })))],
  );
  const south = [
    await createCaseFor(counsellorSouth, { givenName: "South One", riskLevel: "high" }),
    await createCaseFor(counsellorSouth, { givenName: "Client 99", riskLevel: "high" }),
  ];
  return { people, counsellor, counsellorSouth, model, south, bullying };
}

const refs = (rows: { reference: string }[]) => rows.map((r) => r.reference);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("case list", () => {
  it("counts and pages in SQL, within scope", async () => {
    const { people, counsellor, model, south } = await thirtyCases();
    const first = await listCases(counsellor, { page: 1, perPage: 25 }, context);
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(25);
    const second = await listCases(counsellor, { page: 2, perPage: 25 }, context);
    expect(second.total).toBe(30);
    expect(second.rows).toHaveLength(5);
    expect(ids([...first.rows, ...second.rows])).toEqual(ids(model));
    const pastEnd = await listCases(counsellor, { page: 3, perPage: 25 }, context);
    expect(pastEnd).toMatchObject({ rows: [], total: 30 });

    const pages = [];
    for (let page = 1; page <= 6; page++) pages.push(await listCases(counsellor, { page, perPage: 5, sort: "reference", dir: "asc" }, context));
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(pages.flatMap((p) => refs(p.rows))).toEqual(model.map((m) => m.reference));

    const supervisorNorth = await signInAs(people.supervisorNorth.email);
    expect((await listCases(supervisorNorth, { perPage: 100 }, context)).total).toBe(30);
    expect((await listCases(supervisorNorth, { counsellor: [people.counsellorNorth.id] }, context)).total).toBe(30);
    expect((await listCases(supervisorNorth, { counsellor: [people.counsellorSouth.id] }, context)).total).toBe(0);
    const supervisorSouth = await signInAs(people.supervisorSouth.email);
    const southList = await listCases(supervisorSouth, { perPage: 100 }, context);
    expect(ids(southList.rows)).toEqual(south.map((s) => s.caseId).sort());
    expect(southList.total).toBe(2);
  });

  it("pages of any sort, either way, join up into the whole sorted list, for a counsellor and a supervisor", async () => {
    const { people, counsellor } = await thirtyCases();
    const supervisorNorth = await signInAs(people.supervisorNorth.email);
    // Cases sharing a sort value (a status, a risk, no contact yet) are ordered by reference, so
    // each page must pick up exactly where the one before it left off.
    for (const actor of [counsellor, supervisorNorth]) {
      for (const sort of ["reference", "client", "status", "risk", "counsellor", "referralDate", "lastContact", "updatedAt"]) {
        for (const dir of ["asc", "desc"]) {
          const whole = await listCases(actor, { sort, dir, perPage: 100 }, context);
          const pages = [];
          for (let page = 1; page <= 5; page++) pages.push(await listCases(actor, { sort, dir, page, perPage: 7 }, context));
          expect(pages.map((p) => [p.rows.length, p.total])).toEqual([[7, 30], [7, 30], [7, 30], [7, 30], [2, 30]]);
          expect(pages.flatMap((p) => refs(p.rows)), `${actor.role}, ${sort} ${dir}`).toEqual(refs(whole.rows));
        }
      }
    }
  });

  it("sorts by reference, risk, client, referral date and last contact", async () => {
    const { counsellor, model } = await thirtyCases();
    const list = (sort: string, dir: string) => listCases(counsellor, { sort, dir, perPage: 100 }, context);

    const asc = await list("reference", "asc");
    expect(refs(asc.rows)[0]).toBe(`TSU-${year}-0001`);
    expect(refs(asc.rows)).toEqual(model.map((m) => m.reference));
    expect(refs((await list("reference", "desc")).rows)).toEqual(model.map((m) => m.reference).reverse());

    // Risk sorts by severity (the enum's order), ties broken by reference.
    const byRisk = (dir: 1 | -1) =>
      [...model]
        .sort((a, b) => dir * (risks.indexOf(a.risk) - risks.indexOf(b.risk)) || a.reference.localeCompare(b.reference))
        .map((m) => m.reference);
    expect(refs((await list("risk", "asc")).rows)).toEqual(byRisk(1));
    const highFirst = await list("risk", "desc");
    expect(refs(highFirst.rows)).toEqual(byRisk(-1));
    expect(highFirst.rows[0]!.riskLevel).toBe("high");

    const byClient = await list("client", "asc");
    expect(byClient.rows.map((r) => r.clientName)).toEqual(
      [...model].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1)).map((m) => m.name),
    );
    expect(byClient.rows.slice(0, 2).map((r) => r.clientName)).toEqual(["Client 01", "Client 02"]);

    const byReferral = await list("referralDate", "desc");
    expect(byReferral.rows.map((r) => r.referralDate)).toEqual(model.map((m) => m.referralDate).reverse());

    // Cases never contacted come last in both directions.
    const withContact = model.filter((m) => m.contactDaysAgo !== null).length;
    for (const dir of ["asc", "desc"]) {
      const byContact = await list("lastContact", dir);
      expect(byContact.rows.slice(0, withContact).every((r) => r.lastContactOn !== null)).toBe(true);
      expect(byContact.rows.slice(withContact).every((r) => r.lastContactOn === null)).toBe(true);
      const days = byContact.rows.slice(0, withContact).map((r) => r.lastContactOn!);
      expect(days).toEqual([...days].sort((a, b) => (dir === "asc" ? a.localeCompare(b) : b.localeCompare(a))));
    }
  });

  it("filters by status and risk together, dropping unknown filter values", async () => {
    const { counsellor, model } = await thirtyCases();
    const expected = model.filter((m) => ["active", "paused"].includes(m.status) && ["medium", "high"].includes(m.risk));
    const result = await listCases(counsellor, { status: ["active", "paused"], risk: ["high", "medium"], perPage: 100 }, context);
    expect(ids(result.rows)).toEqual(ids(expected));
    expect(result.total).toBe(expected.length);
    expect((await listCases(counsellor, { status: ["closed"], perPage: 100 }, context)).total).toBe(model.filter((m) => m.status === "closed").length);
    expect((await listCases(counsellor, { risk: ["low"], perPage: 100 }, context)).total).toBe(model.filter((m) => m.risk === "low").length);
    const mixed = await listCases(counsellor, { status: ["closed", "exploded"], risk: ["extreme"], perPage: 100 }, context);
    expect(mixed.total).toBe(model.filter((m) => m.status === "closed").length);
  });

  it("filters by factor together with status and risk, and only by current tags", async () => {
    const { counsellor, model, bullying } = await thirtyCases();
    const tagged = model.filter((m) => m.bullying);
    const byFactor = await listCases(counsellor, { factor: [bullying], perPage: 100 }, context);
    expect(ids(byFactor.rows)).toEqual(ids(tagged));
    expect(byFactor.total).toBe(tagged.length);

    const expected = tagged.filter((m) => ["active", "paused"].includes(m.status) && ["medium", "high"].includes(m.risk));
    expect(expected.length).toBeGreaterThan(1);
    // Upper-case ids from a URL match too.
    const params = { status: ["active", "paused"], risk: ["high", "medium"], factor: [bullying.toUpperCase()], perPage: 100 };
    const result = await listCases(counsellor, params, context);
    expect(ids(result.rows)).toEqual(ids(expected));
    expect(result.total).toBe(expected.length);

    // An untagged factor no longer matches.
    await untagFactor(counsellor, caseFactorInput.parse({ caseId: expected[0]!.id, factorId: bullying }), context);
    const after = await listCases(counsellor, params, context);
    expect(ids(after.rows)).toEqual(ids(expected.slice(1)));
    // A factor no case carries matches nothing.
    expect((await listCases(counsellor, { factor: [await factorId("trauma")] }, context)).total).toBe(0);
  });

  it("searches references and client names case-insensitively, with % and _ taken literally", async () => {
    const { counsellor, model } = await thirtyCases();
    const search = (q: string) => listCases(counsellor, { q, perPage: 100 }, context);
    const seventh = model[6]!;
    expect(refs((await search(seventh.reference)).rows)).toEqual([seventh.reference]);
    expect(refs((await search(seventh.reference.toLowerCase())).rows)).toEqual([seventh.reference]);

    const hikari = await search("hIKARI");
    expect(hikari.rows.map((r) => [r.id, r.clientName])).toEqual([[model[4]!.id, "Hikari"]]);
    expect(hikari.total).toBe(1);
    // The given name finds the case too, still shown by the preferred name.
    expect((await search("yuki")).rows.map((r) => r.clientName)).toEqual(["Hikari"]);
    expect((await search("TANABE")).rows.map((r) => r.clientName)).toEqual(["Hikari"]);
    expect((await search("  client 0  ")).total).toBe(7);

    // Wildcards are text: '%' alone would otherwise match every case, '_5' every reference ending in 5.
    expect(refs((await search("%")).rows)).toEqual([model[5]!.reference]);
    expect(refs((await search("_5")).rows)).toEqual([model[5]!.reference]);
    expect((await search("%%%")).total).toBe(0);
    expect((await search("\\")).total).toBe(0);
    // Another team's client is not found by name.
    expect((await search("South One")).total).toBe(0);
    expect((await search("Client 99")).total).toBe(0);
  });

  it("falls back to defaults for nonsense parameters instead of failing", async () => {
    const { counsellor } = await thirtyCases();
    const result = await listCases(
      counsellor,
      {
        page: -4,
        perPage: 10_000,
        sort: "password_hash",
        dir: "sideways",
        q: 42,
        status: "closed",
        risk: ["extreme"],
        factor: ["not-a-uuid", "1; drop table cases"],
        counsellor: { id: 1 },
        noContact: "yes",
      },
      context,
    );
    expect(result.input).toEqual({
      page: 1,
      perPage: 25,
      sort: "updatedAt",
      dir: "desc",
      q: "",
      status: [],
      risk: [],
      factor: [],
      counsellor: [],
      noContact: false,
    });
    expect(result.total).toBe(30);
    expect(result.rows).toHaveLength(25);
    const huge = await listCases(counsellor, { page: 1e12, perPage: 5.5, q: "\u0000\u0001Client 01\u007f" }, context);
    expect(huge.input).toMatchObject({ page: 1, perPage: 25, q: "Client 01" });
    expect(huge.total).toBe(1);
  });

  it("audits every list view with its filters and whether it searched, never the search words", async () => {
    const { counsellor } = await thirtyCases();
    await listCases(counsellor, {}, context);
    await listCases(counsellor, { q: "Hikari", status: ["active"], page: 2 }, context);
    await listCases(counsellor, { noContact: true, risk: ["high"] }, context);
    const rows = await sql<{ actor_id: string; outcome: string; details: Record<string, unknown>; text: string }>(
      "select actor_id, outcome, details, details::text as text from audit_events where action = 'cases.list' order by id",
    );
    expect(rows.map(({ text: _, ...row }) => row)).toEqual([
      { actor_id: counsellor.id, outcome: "success", details: { page: 1, filters: null, searched: false } },
      { actor_id: counsellor.id, outcome: "success", details: { page: 2, filters: "status", searched: true } },
      { actor_id: counsellor.id, outcome: "success", details: { page: 1, filters: "risk,noContact", searched: false } },
    ]);
    const all = await sql<{ row: string }>("select row_to_json(a)::text as row from audit_events a");
    for (const { row } of all) expect(row).not.toMatch(/hikari/i);
  });

  it("returns no case when the view cannot be audited: the list and the case view fail with the audit store", async () => {
    const { counsellor, model } = await thirtyCases();
    // The audit row is written alongside the read; its failure must still fail the read.
    await withFailingStatement({ table: "audit_events", operation: "insert", nth: 1 }, async () => {
      await expectInterrupted(listCases(counsellor, {}, context), /test interruption/);
      await expectInterrupted(getCase(counsellor, model[0]!.id, context), /test interruption/);
    });
    // Once the audit store answers again, so do the reads, each with its row.
    expect((await listCases(counsellor, {}, context)).total).toBe(30);
    expect(await sql("select action from audit_events where action in ('cases.list', 'case.view')")).toEqual([{ action: "cases.list" }]);
  });

  it("'no contact' lists open cases never contacted or not contacted for over 30 days", async () => {
    const { people, counsellor, model } = await thirtyCases();
    const expected = model.filter((m) => m.status !== "closed" && (m.contactDaysAgo === null || m.contactDaysAgo > 30));
    const result = await listCases(counsellor, { noContact: true, perPage: 100 }, context);
    expect(ids(result.rows)).toEqual(ids(expected));
    expect(result.total).toBe(expected.length);
    // Recent contact (5 or 29 days) and closed cases are left out.
    expect(result.rows.some((r) => model.find((m) => m.id === r.id)!.contactDaysAgo === 29)).toBe(false);
    expect(result.rows.some((r) => r.status === "closed")).toBe(false);

    const highOnly = await listCases(counsellor, { noContact: true, risk: ["high"], perPage: 100 }, context);
    expect(ids(highOnly.rows)).toEqual(ids(expected.filter((m) => m.risk === "high")));
    const supervisorNorth = await signInAs(people.supervisorNorth.email);
    expect((await listCases(supervisorNorth, { noContact: true, perPage: 100 }, context)).total).toBe(expected.length);
  });
});
