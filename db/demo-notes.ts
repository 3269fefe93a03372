import { faker } from "@faker-js/faker";
import { addDays, format, parseISO } from "date-fns";
import { asc, eq } from "drizzle-orm";
import type { Tx } from "./client";
import { accounts, cases, sessionNotes, type Modality, type SessionNote } from "./schema";
import { keepContactFacts } from "../lib/notes/contact-facts";
import { noteHash } from "../lib/notes/integrity";

// Its own seed, so adding notes leaves the demo cases exactly as they were.
const SEED = 20_261_102;
const ANCHOR = "2026-11-01";

const said = [
  "Said the week felt long and that sleep is still mostly in the daytime.",
  "Talked about a game they play online with two friends from school days.",
  "Mother reports more conversation at dinner; client came to the table twice.",
  "Expressed worry about what neighbours think when they go out.",
  "Said they would like to try the library on a quiet weekday morning.",
  "Family describes tension about money and about the future.",
];
const observed = [
  "Spoke through the door for the first ten minutes, then opened it.",
  "Room tidier than last visit; curtains open.",
  "Made eye contact briefly; answered questions in short sentences.",
  "Came down to the living room and sat with us for most of the session.",
  "Appeared tired; had been awake most of the night.",
];
const assessed = [
  "Gradual increase in trust. Withdrawal pattern stable.",
  "Early engagement; family is the main channel for now.",
  "Some motivation for small steps outside the home.",
  "Low mood this week; no expressed thoughts of self-harm.",
];
const planned = [
  "Next home visit in two weeks; bring the ibasho leaflet.",
  "Phone call next week; family session with both parents this month.",
  "Agree one short walk before the next visit.",
  "Continue weekly contact by message; review in a month.",
];
const modalities: Modality[] = ["home_visit", "home_visit", "phone", "online_message", "family_session", "office", "group"];

const day = (date: Date) => format(date, "yyyy-MM-dd");

/**
 * A history of sessions for each demo case that has begun: mostly signed (some reviewed), the
 * latest of an open case sometimes still a draft. The case rows get their contact dates from it.
 */
export async function seedDemoNotes(tx: Tx): Promise<void> {
  faker.seed(SEED);
  const rows = await tx
    .select({ id: cases.id, counsellorId: cases.counsellorId, teamId: cases.teamId, status: cases.status, referralDate: cases.referralDate, closedOn: cases.closedOn })
    .from(cases)
    .orderBy(asc(cases.reference));
  const supervisors = await tx.select({ id: accounts.id, teamId: accounts.teamId }).from(accounts).where(eq(accounts.role, "supervisor"));
  for (const kase of rows) {
    if (kase.status === "referred") continue;
    const end = kase.closedOn ?? ANCHOR;
    const reviewer = supervisors.find((s) => s.teamId === kase.teamId);
    let date = addDays(parseISO(kase.referralDate), faker.number.int({ min: 3, max: 14 }));
    let daysOut = faker.number.int({ min: 0, max: 2 });
    const notes: (typeof sessionNotes.$inferInsert)[] = [];
    while (day(date) <= end && notes.length < 12) {
      const modality = faker.helpers.arrayElement(modalities);
      const template = faker.helpers.weightedArrayElement([
        { value: "soap" as const, weight: 6 },
        { value: "dap" as const, weight: 2 },
        { value: "free" as const, weight: 1 },
      ]);
      const text = { said: faker.helpers.arrayElement(said), observed: faker.helpers.arrayElement(observed) };
      const assessment = faker.helpers.arrayElement(assessed);
      const plan = faker.helpers.arrayElement(planned);
      const content: Record<string, string> =
        template === "soap"
          ? { subjective: text.said, objective: text.observed, assessment, plan }
          : template === "dap"
            ? { data: `${text.said} ${text.observed}`, assessment, plan }
            : { notes: `${text.said}\n\n${plan}` };
      daysOut = Math.min(7, Math.max(0, daysOut + faker.helpers.arrayElement([-1, 0, 0, 1])));
      notes.push({
        id: faker.string.uuid(),
        caseId: kase.id,
        authorId: kase.counsellorId,
        sessionDate: day(date),
        startTime: `${String(faker.number.int({ min: 9, max: 17 })).padStart(2, "0")}:00:00`,
        durationMinutes: faker.helpers.arrayElement([30, 45, 60, 60, 90]),
        modality,
        attendees: modality === "family_session" ? ["family"] : faker.datatype.boolean(0.4) ? ["client", "family"] : ["client"],
        template,
        content,
        daysOut: modality === "home_visit" || faker.datatype.boolean(0.3) ? daysOut : null,
        rarelyLeavesRoom: null,
        nextContactOn: null,
        nextContactModality: null,
        createdAt: date,
        updatedAt: date,
      });
      date = addDays(date, faker.number.int({ min: 7, max: 28 }));
    }
    notes.forEach((note, index) => {
      const last = index === notes.length - 1;
      if (last && kase.status !== "closed") {
        note.nextContactOn = day(addDays(parseISO(ANCHOR), faker.number.int({ min: 2, max: 30 })));
        note.nextContactModality = faker.helpers.arrayElement(modalities);
        if (faker.datatype.boolean(0.3)) return; // left as a draft
      }
      const signedAt = addDays(parseISO(note.sessionDate), faker.number.int({ min: 0, max: 2 }));
      note.status = "signed";
      note.signedBy = note.authorId;
      note.signedAt = signedAt;
      note.contentHash = noteHash({ ...(note as SessionNote), signedBy: note.authorId, signedAt });
      if (reviewer && !last && faker.datatype.boolean(0.6)) {
        note.reviewedBy = reviewer.id;
        note.reviewedAt = addDays(signedAt, faker.number.int({ min: 1, max: 10 }));
        note.reviewComment = faker.datatype.boolean(0.3) ? "Good engagement. Keep the pace gentle." : null;
      }
    });
    if (!notes.length) continue;
    await tx.insert(sessionNotes).values(notes);
    await keepContactFacts(tx, kase.id);
  }

}
