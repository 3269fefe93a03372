import { format } from "date-fns";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildStatistics, type Statistics } from "@/lib/statistics/export";
import { statisticsInput } from "@/lib/statistics/schemas";
import { createCaseFor } from "./helpers/cases";
import { sql } from "./helpers/database";
import { signedNote } from "./helpers/notes";
import { milestone } from "./helpers/outcomes";
import { context, createPeople, signInAs } from "./helpers/people";
import { tag } from "./helpers/reports";
import { cells, getStatistics, insertCases, publishedCounts, randomCase, seeded, unzip, withoutTimestamp, YEAR } from "./helpers/statistics";

/**
 * What must never leave in a published table: identity, contact details, exact dates, free text,
 * internal ids; and nothing about clients who did not consent.
 */

const CANARY = {
  givenName: "Zephyrinea",
  familyName: "Quackenbushwhit",
  preferredName: "Zeffi-Kanari",
  dateOfBirth: "1991-07-29",
  phone: "+81 90-7731-4496",
  email: "zephyrinea.q@canary-mail.example",
  address: "3-14-15 Kitsunebayashi, Mushimura-cho",
  referralDate: "2025-06-11",
  note: "Canary-note: talked about the blue heron kite Xylophrast-77",
  milestoneNote: "Canary-milestone: first walk to the Hozuki shrine",
  contactName: "Brunhildeko Quackenbushwhit",
  contactPhone: "+81 3-9981-2207",
  contactEmail: "brunhildeko@canary-family.example",
};

/** The date of birth as anyone might write it, and as a spreadsheet stores it (days since 1899-12-30). */
function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split("-") as [string, string, string];
  const date = new Date(`${iso}T00:00:00Z`);
  const serial = Math.round((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  return [
    iso,
    `${y}/${m}/${d}`,
    `${d}/${m}/${y}`,
    `${m}/${d}/${y}`,
    `${d}.${m}.${y}`,
    `${d}-${m}-${y}`,
    `${y}${m}${d}`,
    `${Number(y)}-${Number(m)}-${Number(d)}`,
    `${Number(d)}/${Number(m)}/${y}`,
    `${Number(m)}/${Number(d)}/${y}`,
    `${y}年${Number(m)}月${Number(d)}日`,
    format(date, "d MMM yyyy"),
    format(date, "MMM d, yyyy"),
    format(date, "MMMM d, yyyy"),
    `${y}-${m}`,
    String(serial),
  ];
}

/** Every form of every canary string that must not appear anywhere in an export. */
function forbidden(ids: string[]): string[] {
  const digits = (phone: string) => phone.replace(/\D/g, "");
  return [
    CANARY.givenName,
    CANARY.familyName,
    CANARY.preferredName,
    CANARY.email,
    CANARY.address,
    "Kitsunebayashi",
    CANARY.phone,
    digits(CANARY.phone),
    digits(CANARY.phone).slice(2),
    "Xylophrast",
    "blue heron kite",
    "Hozuki shrine",
    "Brunhildeko",
    CANARY.contactPhone,
    digits(CANARY.contactPhone),
    CANARY.contactEmail,
    ...dateForms(CANARY.dateOfBirth),
    // Exact dates are never published: the referral day is shown as its month only.
    ...dateForms(CANARY.referralDate).filter((form) => form !== "2025-06"),
    ...ids,
  ];
}

function expectNoneIn(text: string, where: string, strings: string[]) {
  const lower = text.toLowerCase();
  for (const s of strings) expect(lower.includes(s.toLowerCase()), `${where} contains ${JSON.stringify(s)}`).toBe(false);
}

describe("no identifying detail reaches any export", () => {
  it("leaves out names, contact details, dates of birth, exact dates, free text and ids, in CSV, JSON and XLSX", async () => {
    const people = await createPeople();
    const counsellor = await signInAs(people.counsellorNorth.email);
    // Background cases without factors: the canary's category is the only one with a count.
    const random = seeded(99);
    await insertCases(
      Array.from({ length: 40 }, () => randomCase(random, { factors: [] })),
      { counsellorId: people.counsellorSouth.id, teamId: people.teams.south.id },
    );
    const { caseId, reference } = await createCaseFor(counsellor, {
      givenName: CANARY.givenName,
      familyName: CANARY.familyName,
      preferredName: CANARY.preferredName,
      dateOfBirth: CANARY.dateOfBirth,
      phone: CANARY.phone,
      email: CANARY.email,
      address: CANARY.address,
      sexGender: "female",
      regionCode: "JP-13",
      referralSource: "school",
      referralDate: CANARY.referralDate,
      withdrawalOnset: "2023-02",
    });
    const [{ client_id: clientId }] = (await sql<{ client_id: string }>(
      "update clients set stats_consent = true, stats_consent_date = '2025-06-11' where id = (select client_id from cases where id = $1) returning id as client_id",
      [caseId],
    )) as [{ client_id: string }];
    await sql("insert into client_contacts (client_id, relationship, name, phone, email) values ($1, 'mother', $2, $3, $4)", [
      clientId,
      CANARY.contactName,
      CANARY.contactPhone,
      CANARY.contactEmail,
    ]);
    await tag(counsellor, caseId, "school_refusal");
    const note = await signedNote(counsellor, caseId, { subjective: CANARY.note, plan: CANARY.note });
    await milestone(counsellor, caseId, "family_engaged", "2025-07-01", CANARY.milestoneNote);
    const [{ user_id: counsellorId }] = (await sql<{ user_id: string }>("select counsellor_id as user_id from cases where id = $1", [caseId])) as [{ user_id: string }];
    const strings = forbidden([caseId, clientId, note.noteId, reference, counsellorId, people.counsellorNorth.email, people.teams.north.id]);

    await signInAs(people.analyst.email);
    for (const period of [YEAR, { from: "2016-12", to: format(new Date(), "yyyy-MM") }]) {
      for (const f of ["csv", "json", "xlsx"]) {
        const response = await getStatistics({ ...period, format: f });
        expect(response.status).toBe(200);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const where = `${f} ${period.from}–${period.to}`;
        // The raw bytes, read as text either way.
        expectNoneIn(Buffer.from(bytes).toString("utf8"), where, strings);
        expectNoneIn(Buffer.from(bytes).toString("latin1"), where, strings);
        if (f !== "xlsx") {
          const text = Buffer.from(bytes).toString("utf8");
          // The canary was counted: its category is the only one, shown as a small count.
          if (f === "json") {
            const stats = JSON.parse(text) as Statistics;
            expect([...cells(stats, "categories").keys()]).toEqual(["School and peers", "Total"]);
            expect(cells(stats, "categories").get("School and peers")!.get("Cases with it")).toBe("<10");
            const at = stats.metadata.generatedAt;
            // No day-precise date at all, apart from when the file was made.
            expect(text.replace(at, "").match(/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/g), where).toBeNull();
          }
          continue;
        }
        // Every file inside the workbook, inflated: sheets, shared strings, properties.
        const files = unzip(bytes);
        expect(files.has("xl/workbook.xml")).toBe(true);
        for (const [name, content] of files) expectNoneIn(content.toString("utf8"), `${where} ${name}`, strings);
        // And every cell value as a spreadsheet reads it, dates and numbers included.
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(bytes.buffer);
        const values: string[] = [];
        let dates = 0;
        book.eachSheet((sheet) =>
          sheet.eachRow((row) =>
            row.eachCell((cell) => {
              // When the file was made is the one timestamp it carries.
              if (sheet.name === "About" && row.getCell(1).value === "generated at" && cell.address === `B${row.number}`) return;
              const value = cell.value;
              if (value instanceof Date) dates++;
              values.push(value instanceof Date ? value.toISOString() : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value));
            }),
          ),
        );
        expect(values.length).toBeGreaterThan(100);
        expect(dates, `${where}: date cells`).toBe(0);
        for (const value of values) {
          expectNoneIn(value, `${where} cell`, strings);
          expect(value, `${where} cell`).not.toMatch(/^\d{4}-\d{2}-\d{2}T/);
        }
      }
    }
  });
});

describe("clients who did not consent are never counted", () => {
  const unconsented = (random: ReturnType<typeof seeded>, n: number) =>
    Array.from({ length: n }, (_, i) =>
      randomCase(random, {
        consent: false,
        milestones: ["family_engaged", "accepts_contact"],
        hq25: [60, 40],
        closed: i % 3 === 0 ? { on: "2025-11-30", outcome: "community_activity" } : undefined,
      }),
    );

  it("publishes only zeros when no client consented, and counts them as left out", async () => {
    const people = await createPeople();
    const analyst = await signInAs(people.analyst.email);
    await insertCases(unconsented(seeded(1), 30), { counsellorId: people.counsellorNorth.id, teamId: people.teams.north.id });
    const stats = await buildStatistics(analyst, statisticsInput.parse(YEAR), context);
    const counts = publishedCounts(stats);
    expect(counts.length).toBeGreaterThan(50);
    for (const { where, value } of counts) expect(value, where).toBe(0);
    for (const row of stats.tables.find((t) => t.id === "outcomes")!.rows) expect(row.values.slice(1).every((v) => v === null || v === undefined)).toBe(true);
    // Data-driven rows (regions, factors) have nothing to list.
    expect([...cells(stats, "region").keys()]).toEqual(["Total"]);
    expect([...cells(stats, "categories").keys()]).toEqual(["Total"]);
    const excluded = stats.metadata.excludedWithoutConsent;
    expect(typeof excluded === "number" && Math.abs(excluded - 30) <= 2, String(excluded)).toBe(true);
  });

  it("changes no published value when unconsented cases are added, only the count left out", async () => {
    const people = await createPeople();
    const analyst = await signInAs(people.analyst.email);
    const owner = { counsellorId: people.counsellorNorth.id, teamId: people.teams.north.id };
    const random = seeded(5);
    await insertCases(
      Array.from({ length: 80 }, (_, i) =>
        randomCase(random, {
          milestones: i % 2 ? ["family_engaged"] : [],
          hq25: i % 3 ? [70, 50 + (i % 30)] : undefined,
          closed: i % 5 === 0 ? { on: "2025-10-15", outcome: "returned_to_education" } : undefined,
        }),
      ),
      owner,
    );
    const input = statisticsInput.parse(YEAR);
    const before = await buildStatistics(analyst, input, context);
    expect(before.metadata.excludedWithoutConsent).toBe(0);
    // The consented figures are there to be disturbed.
    expect(publishedCounts(before).filter(({ value }) => typeof value === "number" && value >= 10).length).toBeGreaterThan(20);

    await insertCases(unconsented(random, 25), owner);
    const after = await buildStatistics(analyst, input, context);
    expect(withoutTimestamp({ ...after, metadata: { ...after.metadata, excludedWithoutConsent: 0 } })).toEqual(withoutTimestamp(before));
    const excluded = after.metadata.excludedWithoutConsent;
    expect(typeof excluded === "number" && Math.abs(excluded - 25) <= 2, String(excluded)).toBe(true);
  });

  it("stops counting a case once its client withdraws consent", async () => {
    const people = await createPeople();
    const analyst = await signInAs(people.analyst.email);
    const owner = { counsellorId: people.counsellorNorth.id, teamId: people.teams.north.id };
    const random = seeded(8);
    const base = await insertCases(Array.from({ length: 40 }, () => randomCase(random, { factors: [] })), owner);
    const [withdrawn] = await insertCases([randomCase(random, { factors: ["ageing_parents"], region: "JP-47" })], owner);
    const input = statisticsInput.parse(YEAR);
    const before = await buildStatistics(analyst, input, context);
    expect(cells(before, "factors").get("Ageing parents (8050 problem)")!.get("Cases with it")).toBe("<10");
    expect(cells(before, "region").has("JP-47")).toBe(true);

    await sql("update clients set stats_consent = false, stats_consent_date = null where id = (select client_id from cases where id = $1)", [withdrawn]);
    const after = await buildStatistics(analyst, input, context);
    expect(cells(after, "factors").has("Ageing parents (8050 problem)")).toBe(false);
    expect(cells(after, "region").has("JP-47")).toBe(false);
    expect(after.metadata.excludedWithoutConsent).toBe("<10");
    expect(base).toHaveLength(40);
  });
});
