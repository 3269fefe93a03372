import { describe, expect, it } from "vitest";
import type { SessionNote } from "@/db/schema";
import { checkIntegrity, noteHash } from "@/lib/notes/integrity";

const SEALED = {
  id: "3f1e2d4c-5b6a-4789-8a0b-1c2d3e4f5a6b",
  caseId: "9a8b7c6d-5e4f-4321-9abc-def012345678",
  authorId: "0b9f6a2e-7f55-4c43-9c8e-6d7f0f0b2a11",
  sessionDate: "2026-03-10",
  startTime: "14:30:00",
  durationMinutes: 50,
  modality: "home_visit",
  attendees: ["client", "family"],
  template: "soap",
  content: { subjective: "Said the week felt long.", objective: "Curtains open.", assessment: "More engaged.", plan: "Visit next week." },
  daysOut: 2,
  rarelyLeavesRoom: false,
  nextContactOn: "2026-03-17",
  nextContactModality: "phone",
  signedBy: "0b9f6a2e-7f55-4c43-9c8e-6d7f0f0b2a11",
  signedAt: new Date("2026-03-10T15:40:12.345Z"),
} satisfies Parameters<typeof noteHash>[0];

type Sealed = Parameters<typeof noteHash>[0];

/** One change per sealed field: each must change the hash. */
const CHANGES: { [K in keyof Sealed]: Sealed[K] } = {
  id: "3f1e2d4c-5b6a-4789-8a0b-1c2d3e4f5a6c",
  caseId: "9a8b7c6d-5e4f-4321-9abc-def012345679",
  authorId: "1b9f6a2e-7f55-4c43-9c8e-6d7f0f0b2a11",
  sessionDate: "2026-03-09",
  startTime: "14:31:00",
  durationMinutes: 51,
  modality: "office",
  attendees: ["client"],
  template: "dap",
  content: { ...SEALED.content, plan: "Visit next week!" },
  daysOut: 3,
  rarelyLeavesRoom: true,
  nextContactOn: "2026-03-18",
  nextContactModality: "video",
  signedBy: "2b9f6a2e-7f55-4c43-9c8e-6d7f0f0b2a11",
  signedAt: new Date("2026-03-10T15:40:12.346Z"),
};

/** The row as the database hands it back once signed. */
function row(overrides: Partial<SessionNote> = {}): SessionNote {
  return {
    ...SEALED,
    status: "signed",
    contentHash: noteHash(SEALED),
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
    createdAt: new Date("2026-03-10T15:00:00Z"),
    updatedAt: new Date("2026-03-10T15:40:12.345Z"),
    version: 3,
    ...overrides,
  };
}

describe("noteHash", () => {
  it("is a SHA-256 hex digest and the same for the same note", () => {
    expect(noteHash(SEALED)).toMatch(/^[0-9a-f]{64}$/);
    expect(noteHash(structuredClone(SEALED))).toBe(noteHash(SEALED));
  });

  it("does not depend on the order of keys, in the content or in the note", () => {
    const reversedContent = Object.fromEntries(Object.entries(SEALED.content).reverse());
    expect(Object.keys(reversedContent)).not.toEqual(Object.keys(SEALED.content));
    const reversedNote = Object.fromEntries(Object.entries({ ...SEALED, content: reversedContent }).reverse()) as Sealed;
    expect(noteHash(reversedNote)).toBe(noteHash(SEALED));
  });

  it("ignores what is not sealed (status, version, review, timestamps of saving)", () => {
    const extra = { ...SEALED, version: 9, reviewComment: "Fine", updatedAt: new Date() } as Sealed;
    expect(noteHash(extra)).toBe(noteHash(SEALED));
  });

  it.each(Object.keys(CHANGES) as (keyof Sealed)[])("changes when %s changes", (field) => {
    expect(noteHash({ ...SEALED, [field]: CHANGES[field] })).not.toBe(noteHash(SEALED));
  });

  it("tells apart empty, missing and null values that mean different things", () => {
    const base = noteHash(SEALED);
    expect(noteHash({ ...SEALED, daysOut: null })).not.toBe(base);
    expect(noteHash({ ...SEALED, daysOut: 0 })).not.toBe(noteHash({ ...SEALED, daysOut: null }));
    expect(noteHash({ ...SEALED, rarelyLeavesRoom: null })).not.toBe(base);
    expect(noteHash({ ...SEALED, content: { ...SEALED.content, plan: "" } })).not.toBe(base);
    const { plan: _plan, ...withoutPlan } = SEALED.content;
    expect(noteHash({ ...SEALED, content: withoutPlan })).not.toBe(noteHash({ ...SEALED, content: { ...SEALED.content, plan: "" } }));
    // Text moved from one section to another is a different note.
    expect(noteHash({ ...SEALED, content: { ...SEALED.content, objective: "More engaged.", assessment: "Curtains open." } })).not.toBe(base);
  });
});

describe("checkIntegrity", () => {
  it("a draft is a draft", () => {
    expect(checkIntegrity(row({ status: "draft", signedBy: null, signedAt: null, contentHash: null }))).toBe("draft");
  });

  it("a signed note matching its hash is intact, review and version notwithstanding", () => {
    expect(checkIntegrity(row())).toBe("intact");
    expect(checkIntegrity(row({ reviewedBy: SEALED.authorId, reviewedAt: new Date(), reviewComment: "Seen", version: 4 }))).toBe("intact");
  });

  it("a signed note whose content, facts or signature changed is a mismatch", () => {
    expect(checkIntegrity(row({ content: { ...SEALED.content, assessment: "Rewritten." } }))).toBe("mismatch");
    expect(checkIntegrity(row({ daysOut: 5 }))).toBe("mismatch");
    expect(checkIntegrity(row({ signedAt: new Date(SEALED.signedAt.getTime() + 1) }))).toBe("mismatch");
    expect(checkIntegrity(row({ contentHash: "0".repeat(64) }))).toBe("mismatch");
  });

  it("a signed note missing its signature or hash is a mismatch, not intact", () => {
    expect(checkIntegrity(row({ contentHash: null }))).toBe("mismatch");
    expect(checkIntegrity(row({ signedBy: null }))).toBe("mismatch");
    expect(checkIntegrity(row({ signedAt: null }))).toBe("mismatch");
  });
});
