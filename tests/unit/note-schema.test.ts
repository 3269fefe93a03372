import { addDays, addYears, format, subDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { addendumInput, reviewInput, saveNoteInput, SECTION_MAX, timelineInput } from "@/lib/notes/schemas";

const CASE_ID = "7f9d3b5c-1c2a-4b4e-9a55-2f3a9b1c0d11";
const NOTE_ID = "8a0e4c6d-2d3b-4c5f-8b66-3a4b0c2d1e22";
const day = (date: Date) => format(date, "yyyy-MM-dd");
const today = () => day(new Date());
const SESSION = day(subDays(new Date(), 3));

/** A complete, valid form post for a new SOAP note; `overrides` changes or adds fields. */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId: CASE_ID,
    noteId: "",
    version: "",
    intent: "save",
    sessionDate: SESSION,
    startTime: "14:30",
    durationMinutes: "50",
    modality: "home_visit",
    attendees: ["client", "family"],
    template: "soap",
    subjective: "S",
    objective: "O",
    assessment: "A",
    plan: "P",
    data: "",
    notes: "",
    daysOut: "",
    rarelyLeavesRoom: "",
    nextContactOn: "",
    nextContactModality: "",
    ...overrides,
  };
}

/** The form fields a refused post names, in order (as z.flattenError groups them for the form). */
function refusedPaths(overrides: Record<string, unknown>): string[] {
  const result = saveNoteInput.safeParse(form(overrides));
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
}

const accepted = (overrides: Record<string, unknown>) => saveNoteInput.parse(form(overrides));

describe("the note form schema", () => {
  it("turns a complete post into what is stored", () => {
    expect(accepted({ daysOut: "2", rarelyLeavesRoom: "no", nextContactOn: day(addDays(new Date(), 4)), nextContactModality: "phone" })).toEqual({
      caseId: CASE_ID,
      noteId: null,
      version: null,
      intent: "save",
      sessionDate: SESSION,
      startTime: "14:30:00",
      durationMinutes: 50,
      modality: "home_visit",
      attendees: ["client", "family"],
      template: "soap",
      content: { subjective: "S", objective: "O", assessment: "A", plan: "P" },
      daysOut: 2,
      rarelyLeavesRoom: false,
      nextContactOn: day(addDays(new Date(), 4)),
      nextContactModality: "phone",
    });
  });

  it("empty optional fields become null; intent defaults to save", () => {
    const { intent: _intent, ...withoutIntent } = form({ startTime: "" });
    const parsed = saveNoteInput.parse(withoutIntent);
    expect(parsed).toMatchObject({ intent: "save", startTime: null, daysOut: null, rarelyLeavesRoom: null, nextContactOn: null, nextContactModality: null });
  });

  it("keeps only the chosen template's sections, empty ones as empty text", () => {
    expect(accepted({ template: "dap", data: "D", subjective: "typed under SOAP" }).content).toEqual({ data: "D", assessment: "A", plan: "P" });
    expect(accepted({ template: "free", notes: "" }).content).toEqual({ notes: "" });
    expect(accepted({ template: "free", notes: undefined }).content).toEqual({ notes: "" });
  });

  it("a section of 20,000 characters is accepted and kept exactly; 20,001 is refused", () => {
    const longest = `  ${"x".repeat(SECTION_MAX - 4)}\n\t`;
    expect(longest).toHaveLength(SECTION_MAX);
    expect(accepted({ plan: longest }).content.plan).toBe(longest);
    expect(refusedPaths({ plan: `${longest}y` })).toEqual(["plan"]);
    // Every section has the limit, including those of other templates.
    for (const key of ["subjective", "objective", "data", "assessment", "plan", "notes"]) {
      expect(refusedPaths({ [key]: "x".repeat(SECTION_MAX + 1) }), key).toEqual([key]);
    }
  });

  it("keeps markup and odd characters verbatim but refuses NUL", () => {
    const payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    expect(accepted({ subjective: payload }).content.subjective).toBe(payload);
    expect(refusedPaths({ subjective: "before\u0000after" })).toEqual(["subjective"]);
  });

  it("the session date must be a real day, not in the future", () => {
    expect(accepted({ sessionDate: today() }).sessionDate).toBe(today());
    for (const sessionDate of [day(addDays(new Date(), 1)), "2026-02-30", "10/03/2026", "", "1899-12-31"]) {
      expect(refusedPaths({ sessionDate }), sessionDate).toEqual(["sessionDate"]);
    }
  });

  it("the duration is whole minutes from 1 to 600", () => {
    expect(accepted({ durationMinutes: "1" }).durationMinutes).toBe(1);
    expect(accepted({ durationMinutes: "600" }).durationMinutes).toBe(600);
    for (const durationMinutes of ["0", "601", "-5", "1.5", "abc", ""]) {
      expect(refusedPaths({ durationMinutes }), durationMinutes).toEqual(["durationMinutes"]);
    }
  });

  it("the start time is HH:MM on a 24-hour clock", () => {
    expect(accepted({ startTime: "00:00" }).startTime).toBe("00:00:00");
    expect(accepted({ startTime: "23:59" }).startTime).toBe("23:59:00");
    for (const startTime of ["24:00", "9:30", "12:60", "14:30:00", "2pm"]) expect(refusedPaths({ startTime }), startTime).toEqual(["startTime"]);
  });

  it("days out is a whole number from 0 to 7", () => {
    expect(accepted({ daysOut: "0" }).daysOut).toBe(0);
    expect(accepted({ daysOut: "7" }).daysOut).toBe(7);
    for (const daysOut of ["8", "-1", "2.5", "many"]) expect(refusedPaths({ daysOut }), daysOut).toEqual(["daysOut"]);
  });

  it("rarely leaves room is yes, no or not answered", () => {
    expect(accepted({ rarelyLeavesRoom: "yes" }).rarelyLeavesRoom).toBe(true);
    expect(accepted({ rarelyLeavesRoom: "no" }).rarelyLeavesRoom).toBe(false);
    expect(accepted({ rarelyLeavesRoom: "" }).rarelyLeavesRoom).toBeNull();
    expect(refusedPaths({ rarelyLeavesRoom: "on" })).toEqual(["rarelyLeavesRoom"]);
  });

  it("attendees: one to three known values, stored in one order without repeats", () => {
    expect(accepted({ attendees: "family" }).attendees).toEqual(["family"]);
    expect(accepted({ attendees: ["other_professional", "client", "family"] }).attendees).toEqual(["client", "family", "other_professional"]);
    expect(accepted({ attendees: ["family", "family"] }).attendees).toEqual(["family"]);
    expect(refusedPaths({ attendees: [] })).toEqual(["attendees"]);
    expect(refusedPaths({ attendees: "" })).toEqual(["attendees"]);
    expect(refusedPaths({ attendees: ["client", "neighbour"] })).toEqual(["attendees"]);
    expect(refusedPaths({ attendees: ["client", "family", "other_professional", "client"] })).toEqual(["attendees"]);
  });

  it("a family session is held without the client", () => {
    expect(refusedPaths({ modality: "family_session", attendees: ["client", "family"] })).toEqual(["attendees"]);
    expect(refusedPaths({ modality: "family_session", attendees: "client" })).toEqual(["attendees"]);
    expect(accepted({ modality: "family_session", attendees: ["family", "other_professional"] }).modality).toBe("family_session");
  });

  it("modality and template must be known values", () => {
    expect(refusedPaths({ modality: "carrier_pigeon" })).toEqual(["modality"]);
    expect(refusedPaths({ template: "birp" })).toEqual(["template"]);
    expect(refusedPaths({ intent: "publish" })).toEqual(["intent"]);
  });

  it("the next contact needs both date and modality, on or after the session, within a year", () => {
    const session = subDays(new Date(), 3);
    expect(accepted({ nextContactOn: SESSION, nextContactModality: "video" }).nextContactOn).toBe(SESSION);
    const inAYear = day(addYears(session, 1));
    expect(accepted({ nextContactOn: inAYear, nextContactModality: "video" }).nextContactOn).toBe(inAYear);
    expect(refusedPaths({ nextContactOn: day(subDays(session, 1)), nextContactModality: "video" })).toEqual(["nextContactOn"]);
    expect(refusedPaths({ nextContactOn: day(addDays(addYears(session, 1), 1)), nextContactModality: "video" })).toEqual(["nextContactOn"]);
    expect(refusedPaths({ nextContactOn: day(addDays(session, 7)) })).toEqual(["nextContactModality"]);
    expect(refusedPaths({ nextContactModality: "phone" })).toEqual(["nextContactOn"]);
    expect(refusedPaths({ nextContactOn: "next week", nextContactModality: "phone" })).toEqual(["nextContactOn"]);
  });

  it("a save of an existing note needs the version it was opened at", () => {
    expect(refusedPaths({ noteId: NOTE_ID })).toEqual(["version"]);
    expect(accepted({ noteId: NOTE_ID, version: "3" })).toMatchObject({ noteId: NOTE_ID, version: 3 });
    expect(accepted({ noteId: NOTE_ID.toUpperCase(), version: "3" }).noteId).toBe(NOTE_ID);
    for (const version of ["0", "-1", "1.5", "2147483648"]) expect(refusedPaths({ noteId: NOTE_ID, version }), version).toEqual(["version"]);
    expect(refusedPaths({ noteId: "not-a-uuid", version: "1" })).toEqual(["noteId"]);
    expect(refusedPaths({ caseId: "not-a-uuid" })).toEqual(["caseId"]);
  });

  it("refuses fields it does not know, such as an author, a status or a hash", () => {
    for (const key of ["authorId", "status", "contentHash", "signedBy", "reviewedBy", "content"]) {
      const result = saveNoteInput.safeParse(form({ [key]: "x" }));
      expect(result.success, key).toBe(false);
      expect(result.error?.issues.some((issue) => issue.code === "unrecognized_keys"), key).toBe(true);
    }
  });
});

describe("addendum, review and timeline schemas", () => {
  const ids = { caseId: CASE_ID, noteId: NOTE_ID };

  it("an addendum needs a reason of at most 500 characters and a non-blank body", () => {
    expect(addendumInput.parse({ ...ids, reason: "  Typo  ", body: "  Thursday.\n" })).toEqual({ ...ids, reason: "Typo", body: "  Thursday.\n" });
    expect(addendumInput.safeParse({ ...ids, reason: "x".repeat(500), body: "b" }).success).toBe(true);
    for (const fields of [{ body: "b" }, { reason: "", body: "b" }, { reason: " ", body: "b" }, { reason: "x".repeat(501), body: "b" }, { reason: "r", body: " \n\t" }, { reason: "r" }, { reason: "r", body: "x".repeat(SECTION_MAX + 1) }]) {
      expect(addendumInput.safeParse({ ...ids, ...fields }).success, JSON.stringify(fields).slice(0, 50)).toBe(false);
    }
    expect(addendumInput.safeParse({ ...ids, reason: "r", body: "b", authorId: NOTE_ID }).success).toBe(false);
  });

  it("a review names the version and may carry a comment of at most 2,000 characters", () => {
    expect(reviewInput.parse({ ...ids, version: "2", comment: "" })).toEqual({ ...ids, version: 2, comment: null });
    expect(reviewInput.safeParse({ ...ids, version: "2", comment: "x".repeat(2000) }).success).toBe(true);
    expect(reviewInput.safeParse({ ...ids, version: "2", comment: "x".repeat(2001) }).success).toBe(false);
    expect(reviewInput.safeParse({ ...ids, comment: "ok" }).success).toBe(false);
    expect(reviewInput.safeParse({ ...ids, version: "2", reviewedBy: NOTE_ID }).success).toBe(false);
  });

  it("timeline filters drop unknown values instead of failing", () => {
    expect(timelineInput.parse({ modality: ["phone", "nonsense"], template: "soap", status: ["signed"], limit: 1000 })).toEqual({
      modality: ["phone"],
      template: [],
      status: ["signed"],
      limit: 50,
    });
    expect(timelineInput.parse({})).toEqual({ modality: [], template: [], status: [], limit: 50 });
    // However long the URL, each choice once.
    expect(timelineInput.parse({ status: Array.from({ length: 1000 }, () => "signed") }).status).toEqual(["signed"]);
  });
});
