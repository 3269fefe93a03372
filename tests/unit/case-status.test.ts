import { describe, expect, it } from "vitest";
import type { CaseStatus } from "@/db/schema";
import { canMove, isReopening, transitions } from "@/lib/cases/status";

const ALL: CaseStatus[] = ["referred", "assessment", "active", "paused", "closed"];

/** Every allowed move, written out: anything not here must be refused. */
const ALLOWED = new Set([
  "referred>assessment",
  "referred>closed",
  "assessment>active",
  "assessment>closed",
  "active>paused",
  "active>closed",
  "paused>active",
  "paused>closed",
  "closed>assessment",
  "closed>active",
]);

describe("case lifecycle", () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    expect(canMove(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it("every open status can be closed, and nothing moves to itself", () => {
    for (const status of ALL) {
      expect(transitions[status]).not.toContain(status);
      if (status !== "closed") expect(canMove(status, "closed")).toBe(true);
    }
  });

  it("only leaving 'closed' is a reopening", () => {
    expect(isReopening("closed", "active")).toBe(true);
    expect(isReopening("closed", "assessment")).toBe(true);
    expect(isReopening("paused", "active")).toBe(false);
    expect(isReopening("active", "closed")).toBe(false);
  });
});
