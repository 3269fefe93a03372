import { addDays, format, subDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { recordMeasureInput } from "@/lib/measures/schemas";
import { recordMilestoneInput, removeMilestoneInput } from "@/lib/milestones/schemas";

const CASE_ID = "7f9d3b5c-1c2a-4b4e-9a55-2f3a9b1c0d11";
const RESULT_ID = "8a0e4c6d-2d3b-4c5f-8b66-3a4b0c2d1e22";
const day = (date: Date) => format(date, "yyyy-MM-dd");
const today = () => day(new Date());
const YESTERDAY = day(subDays(new Date(), 1));
const TOMORROW = day(addDays(new Date(), 1));
const NO_SUBSCALES = { socialization: null, isolation: null, emotional_support: null };

/** What the measure form posts for PHQ-9: every item field present (the ones it does not use empty). */
function phq9(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId: CASE_ID,
    instrument: "PHQ9",
    administeredOn: YESTERDAY,
    total: "",
    ...Object.fromEntries(Array.from({ length: 9 }, (_, n) => [`item${n + 1}`, "1"])),
    "subscale.socialization": "",
    "subscale.isolation": "",
    "subscale.emotional_support": "",
    supersedes: "",
    correctionReason: "",
    ...overrides,
  };
}

/** The fields a refused post names, in order. */
function refusedPaths(fields: Record<string, unknown>): string[] {
  const result = recordMeasureInput.safeParse(fields);
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
}

describe("the measure form schema", () => {
  it("turns a PHQ-9 post into item answers as numbers, everything unused null", () => {
    expect(recordMeasureInput.parse(phq9({ item9: "2" }))).toEqual({
      caseId: CASE_ID,
      instrument: "PHQ9",
      administeredOn: YESTERDAY,
      responses: { items: [1, 1, 1, 1, 1, 1, 1, 1, 2], total: null, subscales: NO_SUBSCALES },
      supersedes: null,
      correctionReason: null,
    });
  });

  it("turns an HQ-25 post into a total and its subscales, with no items", () => {
    const parsed = recordMeasureInput.parse({
      caseId: CASE_ID,
      instrument: "HQ25",
      administeredOn: today(),
      total: "45",
      "subscale.socialization": "20",
      "subscale.isolation": "",
      "subscale.emotional_support": "10",
      item1: "",
      item2: "",
    });
    expect(parsed.responses).toEqual({ items: null, total: 45, subscales: { socialization: 20, isolation: null, emotional_support: 10 } });
  });

  it("makes empty strings null: blank items inside the answers stay as gaps, blank ones at the end are dropped", () => {
    expect(recordMeasureInput.parse(phq9({ item4: "", item8: "", item9: "" })).responses.items).toEqual([1, 1, 1, null, 1, 1, 1]);
    const blank = Object.fromEntries(Array.from({ length: 9 }, (_, n) => [`item${n + 1}`, ""]));
    expect(recordMeasureInput.parse(phq9(blank)).responses.items).toBeNull();
    expect(recordMeasureInput.parse(phq9({ total: "" })).responses.total).toBeNull();
    // Absent fields are the same as blank ones.
    expect(recordMeasureInput.parse({ caseId: CASE_ID, instrument: "DAYSOUT", administeredOn: YESTERDAY, item1: "0" })).toEqual({
      caseId: CASE_ID,
      instrument: "DAYSOUT",
      administeredOn: YESTERDAY,
      responses: { items: [0], total: null, subscales: NO_SUBSCALES },
      supersedes: null,
      correctionReason: null,
    });
  });

  it("never reads a field of spaces as 0: it is blank or refused", () => {
    // z.coerce.number turns " " into 0: an HQ-25 total typed as a space would be stored as a score of 0.
    const total = recordMeasureInput.safeParse(phq9({ instrument: "HQ25", total: " " }));
    if (total.success) expect(total.data.responses.total).toBeNull();
    else expect(refusedPaths(phq9({ instrument: "HQ25", total: " " }))).toEqual(["total"]);
    const item = recordMeasureInput.safeParse(phq9({ item9: "  " }));
    if (item.success) expect(item.data.responses.items).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    else expect(refusedPaths(phq9({ item9: "  " }))).toEqual(["item9"]);
  });

  it("refuses a field it does not know", () => {
    expect(refusedPaths(phq9({ item10: "1" }))).toEqual([""]);
    expect(refusedPaths(phq9({ score: "27" }))).toEqual([""]);
    expect(refusedPaths(phq9({ "subscale.family": "3" }))).toEqual([""]);
    expect(recordMeasureInput.safeParse(phq9({ recordedBy: CASE_ID })).error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("refuses answers that are not whole numbers, naming the field", () => {
    expect(refusedPaths(phq9({ item3: "1.5" }))).toEqual(["item3"]);
    expect(refusedPaths(phq9({ item3: "often" }))).toEqual(["item3"]);
    expect(refusedPaths(phq9({ total: "4x" }))).toEqual(["total"]);
    expect(refusedPaths(phq9({ "subscale.isolation": "2.5" }))).toEqual(["subscale.isolation"]);
  });

  it("leaves ranges to the instrument's scoring", () => {
    // The schema cannot know an item's range; scoring refuses these.
    expect(recordMeasureInput.parse(phq9({ item4: "4" })).responses.items![3]).toBe(4);
    expect(recordMeasureInput.parse(phq9({ instrument: "HQ25", total: "150" })).responses.total).toBe(150);
  });

  it("refuses an unknown instrument, a missing case and a malformed case id", () => {
    expect(refusedPaths(phq9({ instrument: "BDI2" }))).toEqual(["instrument"]);
    expect(refusedPaths(phq9({ instrument: "" }))).toEqual(["instrument"]);
    expect(refusedPaths(phq9({ caseId: "" }))).toEqual(["caseId"]);
    expect(refusedPaths(phq9({ caseId: "TSU-2026-0001" }))).toEqual(["caseId"]);
  });

  it("refuses a date in the future, a missing date and a date that does not exist; today is fine", () => {
    expect(refusedPaths(phq9({ administeredOn: TOMORROW }))).toEqual(["administeredOn"]);
    expect(refusedPaths(phq9({ administeredOn: "" }))).toEqual(["administeredOn"]);
    expect(refusedPaths(phq9({ administeredOn: "2026-02-30" }))).toEqual(["administeredOn"]);
    expect(refusedPaths(phq9({ administeredOn: "1899-12-31" }))).toEqual(["administeredOn"]);
    expect(recordMeasureInput.parse(phq9({ administeredOn: today() })).administeredOn).toBe(today());
  });

  it("requires a reason to correct an earlier result", () => {
    expect(refusedPaths(phq9({ supersedes: RESULT_ID }))).toEqual(["correctionReason"]);
    expect(refusedPaths(phq9({ supersedes: RESULT_ID, correctionReason: "   " }))).toEqual(["correctionReason"]);
    expect(refusedPaths(phq9({ supersedes: "not-a-result" }))).toContain("supersedes");
    const corrected = recordMeasureInput.parse(phq9({ supersedes: RESULT_ID.toUpperCase(), correctionReason: " Item 3 was misread " }));
    expect(corrected).toMatchObject({ supersedes: RESULT_ID, correctionReason: "Item 3 was misread" });
  });

  it("drops a correction reason given without a result to correct", () => {
    expect(recordMeasureInput.parse(phq9({ correctionReason: "Nothing to correct" }))).toMatchObject({ supersedes: null, correctionReason: null });
  });
});

describe("the milestone form schemas", () => {
  const milestone = (overrides: Record<string, unknown> = {}) => ({ caseId: CASE_ID, milestone: "accepts_contact", reachedOn: YESTERDAY, note: "", ...overrides });
  const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
    result.success ? [] : [...new Set(result.error!.issues.map((i) => i.path.join(".")))];

  it("accepts a milestone reached today or earlier, with an optional note", () => {
    expect(recordMilestoneInput.parse(milestone())).toEqual({ caseId: CASE_ID, milestone: "accepts_contact", reachedOn: YESTERDAY, note: null });
    expect(recordMilestoneInput.parse(milestone({ reachedOn: today(), note: " First phone call " })).note).toBe("First phone call");
  });

  it("refuses a date in the future, an unknown milestone and an unknown field", () => {
    expect(paths(recordMilestoneInput.safeParse(milestone({ reachedOn: TOMORROW })))).toEqual(["reachedOn"]);
    expect(paths(recordMilestoneInput.safeParse(milestone({ milestone: "cured" })))).toEqual(["milestone"]);
    expect(paths(recordMilestoneInput.safeParse(milestone({ removedBy: CASE_ID })))).toEqual([""]);
  });

  it("requires a reason to remove a milestone", () => {
    const remove = { caseId: CASE_ID, milestoneId: RESULT_ID };
    expect(paths(removeMilestoneInput.safeParse({ ...remove, reason: "" }))).toEqual(["reason"]);
    expect(paths(removeMilestoneInput.safeParse({ ...remove, reason: "  " }))).toEqual(["reason"]);
    expect(paths(removeMilestoneInput.safeParse(remove))).toEqual(["reason"]);
    expect(removeMilestoneInput.parse({ ...remove, reason: "Recorded on the wrong case" }).reason).toBe("Recorded on the wrong case");
  });
});
