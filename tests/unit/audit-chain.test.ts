import { describe, expect, it } from "vitest";
import {
  chainHash,
  type ChainedContent,
  type ChainedRow,
  findChainBreak,
  GENESIS_HASH,
} from "@/lib/audit-chain";

const BASE: ChainedContent = {
  occurredAt: new Date("2025-03-10T09:15:00.123Z"),
  actorId: "0b9f6a2e-7f55-4c43-9c8e-6d7f0f0b2a11",
  actorRole: "admin",
  action: "account.create",
  entityType: "account",
  entityId: "5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
  caseId: "c-0001",
  outcome: "success",
  ip: "203.0.113.7",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
  requestId: "req_12345678",
  details: { role: "counsellor", teamId: "t-1", nested: { b: 2, a: 1 }, list: [1, 2, 3] },
};

function content(i: number): ChainedContent {
  return {
    ...BASE,
    occurredAt: new Date(BASE.occurredAt.getTime() + i * 1000),
    action: `action.${i}`,
    entityId: `entity-${i}`,
    details: { step: i, note: `row ${i}` },
  };
}

/** Links contents into rows with ids from `firstId`, starting after `prevHash`. */
function buildChain(contents: ChainedContent[], prevHash = GENESIS_HASH, firstId = 1): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prev = prevHash;
  contents.forEach((c, index) => {
    const hash = chainHash(prev, c);
    rows.push({ ...c, id: firstId + index, prevHash: prev, hash });
    prev = hash;
  });
  return rows;
}

function freshChain(): ChainedRow[] {
  return buildChain([1, 2, 3, 4, 5].map(content));
}

describe("GENESIS_HASH", () => {
  it("is 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });
});

describe("chainHash", () => {
  it("is 64 lowercase hex characters", () => {
    expect(chainHash(GENESIS_HASH, BASE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is deterministic, including for an equal but separately built object", () => {
    const copy: ChainedContent = {
      ...BASE,
      occurredAt: new Date(BASE.occurredAt.toISOString()),
      details: JSON.parse(JSON.stringify(BASE.details)),
    };
    expect(chainHash(GENESIS_HASH, BASE)).toBe(chainHash(GENESIS_HASH, BASE));
    expect(chainHash(GENESIS_HASH, copy)).toBe(chainHash(GENESIS_HASH, BASE));
  });

  it("depends on the previous hash", () => {
    expect(chainHash("f".repeat(64), BASE)).not.toBe(chainHash(GENESIS_HASH, BASE));
  });

  const changes: [keyof ChainedContent, unknown][] = [
    ["occurredAt", new Date(BASE.occurredAt.getTime() + 1)],
    ["actorId", "0b9f6a2e-7f55-4c43-9c8e-6d7f0f0b2a12"],
    ["actorRole", "supervisor"],
    ["action", "account.delete"],
    ["entityType", "team"],
    ["entityId", "5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4e"],
    ["caseId", "c-0002"],
    ["outcome", "failure"],
    ["ip", "203.0.113.8"],
    ["userAgent", "curl/8.0"],
    ["requestId", "req_12345679"],
    ["details", { ...BASE.details, role: "admin" }],
  ];

  it("covers every content field", () => {
    expect(changes.map(([field]) => field).sort()).toEqual(Object.keys(BASE).sort());
  });

  it.each(changes)("changes when %s changes", (field, value) => {
    const changed = { ...BASE, [field]: value } as ChainedContent;
    expect(chainHash(GENESIS_HASH, changed)).not.toBe(chainHash(GENESIS_HASH, BASE));
  });

  it.each(Object.keys(BASE).filter((key) => key !== "occurredAt") as (keyof ChainedContent)[])(
    "changes when %s becomes null",
    (field) => {
      const changed = { ...BASE, [field]: null } as ChainedContent;
      expect(chainHash(GENESIS_HASH, changed)).not.toBe(chainHash(GENESIS_HASH, BASE));
    },
  );

  it("distinguishes a value moved between adjacent fields", () => {
    const a = { ...BASE, entityType: "x", entityId: null };
    const b = { ...BASE, entityType: null, entityId: "x" };
    expect(chainHash(GENESIS_HASH, a)).not.toBe(chainHash(GENESIS_HASH, b));
  });

  it("ignores details key order", () => {
    const ab = { ...BASE, details: { a: 1, b: 2 } };
    const ba = { ...BASE, details: { b: 2, a: 1 } };
    expect(chainHash(GENESIS_HASH, ab)).toBe(chainHash(GENESIS_HASH, ba));
  });

  it("ignores key order in nested details objects, including inside arrays", () => {
    const one = { ...BASE, details: { outer: { a: 1, b: { c: 3, d: 4 } }, items: [{ x: 1, y: 2 }] } };
    const two = { ...BASE, details: { items: [{ y: 2, x: 1 }], outer: { b: { d: 4, c: 3 }, a: 1 } } };
    expect(chainHash(GENESIS_HASH, one)).toBe(chainHash(GENESIS_HASH, two));
  });

  it("does not ignore array order in details", () => {
    const one = { ...BASE, details: { list: [1, 2] } };
    const two = { ...BASE, details: { list: [2, 1] } };
    expect(chainHash(GENESIS_HASH, one)).not.toBe(chainHash(GENESIS_HASH, two));
  });

  it("distinguishes empty details from null details", () => {
    expect(chainHash(GENESIS_HASH, { ...BASE, details: {} })).not.toBe(
      chainHash(GENESIS_HASH, { ...BASE, details: null }),
    );
  });

  it("ignores row metadata (id, prevHash, hash) on the content object", () => {
    const [row] = freshChain();
    const bare: ChainedContent = content(1);
    expect(chainHash(GENESIS_HASH, row!)).toBe(chainHash(GENESIS_HASH, bare));
  });
});

describe("findChainBreak", () => {
  it("returns null for a valid chain", () => {
    const rows = freshChain();
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(findChainBreak(rows)).toBeNull();
  });

  it("returns null for an empty chain", () => {
    expect(findChainBreak([])).toBeNull();
  });

  it("defaults to the genesis hash: a valid chain checked from another hash breaks at its first row", () => {
    const rows = freshChain();
    expect(findChainBreak(rows, GENESIS_HASH)).toBeNull();
    expect(findChainBreak(rows, "a".repeat(64))).toEqual({ id: 1, reason: "link broken" });
  });

  it.each([
    ["occurredAt", new Date("2030-01-01T00:00:00.000Z")],
    ["actorId", "someone-else"],
    ["outcome", "failure"],
    ["details", { step: 3, note: "edited" }],
  ] as const)("reports 'content changed' at the row whose %s was edited", (field, value) => {
    const rows = freshChain();
    rows[2] = { ...rows[2]!, [field]: value };
    expect(findChainBreak(rows)).toEqual({ id: 3, reason: "content changed" });
  });

  it("reports 'content changed' at a row whose stored hash was altered", () => {
    const rows = freshChain();
    rows[1] = { ...rows[1]!, hash: "b".repeat(64) };
    // Row 2 fails its own hash before row 3's link is considered.
    expect(findChainBreak(rows)).toEqual({ id: 2, reason: "content changed" });
  });

  it("reports 'content changed' at the first row when it is edited", () => {
    const rows = freshChain();
    rows[0] = { ...rows[0]!, action: "forged" };
    expect(findChainBreak(rows)).toEqual({ id: 1, reason: "content changed" });
  });

  it("reports 'content changed' at the last row when it is edited", () => {
    const rows = freshChain();
    rows[4] = { ...rows[4]!, ip: "198.51.100.1" };
    expect(findChainBreak(rows)).toEqual({ id: 5, reason: "content changed" });
  });

  it("reports 'link broken' at the row after a deleted middle row", () => {
    const rows = freshChain();
    const withoutThird = rows.filter((row) => row.id !== 3);
    expect(findChainBreak(withoutThird)).toEqual({ id: 4, reason: "link broken" });
  });

  it("reports 'link broken' at the second row when the first row is deleted", () => {
    const rows = freshChain().slice(1);
    expect(findChainBreak(rows)).toEqual({ id: 2, reason: "link broken" });
  });

  it("does not detect removal of trailing rows (a truncated chain is still consistent)", () => {
    expect(findChainBreak(freshChain().slice(0, 3))).toBeNull();
  });

  it("reports a break at the first swapped position when two rows are swapped", () => {
    const rows = freshChain();
    const swapped = [rows[0]!, rows[2]!, rows[1]!, rows[3]!, rows[4]!];
    // Position 2 now holds row id 3, whose prevHash is row 2's hash, not row 1's.
    expect(findChainBreak(swapped)).toEqual({ id: 3, reason: "link broken" });
  });

  it("reports a break at the first swapped id when two rows' contents are swapped but ids kept in order", () => {
    const rows = freshChain();
    const swapped = [rows[0]!, { ...rows[2]!, id: 2 }, { ...rows[1]!, id: 3 }, rows[3]!, rows[4]!];
    expect(findChainBreak(swapped)).toEqual({ id: 2, reason: "link broken" });
  });

  it("reports 'link broken' at the next row when a forged row's own hash was recomputed", () => {
    const rows = freshChain();
    const forgedContent: ChainedContent = { ...rows[2]!, outcome: "failure", details: { forged: true } };
    const forgedHash = chainHash(rows[2]!.prevHash, forgedContent);
    rows[2] = { ...rows[2]!, ...forgedContent, hash: forgedHash };
    expect(forgedHash).not.toBe(freshChain()[2]!.hash);
    expect(findChainBreak(rows)).toEqual({ id: 4, reason: "link broken" });
  });

  it("accepts a fully re-linked forgery (the chain alone cannot detect a complete rewrite)", () => {
    const rows = freshChain();
    const forged = buildChain([content(1), content(2), { ...content(3), outcome: "failure" }, content(4), content(5)]);
    expect(forged[4]!.hash).not.toBe(rows[4]!.hash);
    expect(findChainBreak(forged)).toBeNull();
  });

  it("verifies the second half of a chain given the last hash of the first half", () => {
    const rows = buildChain([1, 2, 3, 4, 5, 6].map(content));
    const firstHalf = rows.slice(0, 3);
    const secondHalf = rows.slice(3);
    expect(findChainBreak(firstHalf)).toBeNull();
    expect(findChainBreak(secondHalf, firstHalf[2]!.hash)).toBeNull();
    // Without the predecessor, the second half does not start from genesis.
    expect(findChainBreak(secondHalf)).toEqual({ id: 4, reason: "link broken" });
    // With the wrong predecessor it breaks at its first row.
    expect(findChainBreak(secondHalf, firstHalf[1]!.hash)).toEqual({ id: 4, reason: "link broken" });
  });

  it("detects a content change in the second half when checked from the first half's last hash", () => {
    const rows = buildChain([1, 2, 3, 4, 5, 6].map(content));
    const secondHalf = rows.slice(3);
    secondHalf[1] = { ...secondHalf[1]!, userAgent: "tampered" };
    expect(findChainBreak(secondHalf, rows[2]!.hash)).toEqual({ id: 5, reason: "content changed" });
  });

  it("reports only the first break when there are several", () => {
    const rows = freshChain();
    rows[1] = { ...rows[1]!, action: "edited" };
    rows[3] = { ...rows[3]!, action: "edited" };
    expect(findChainBreak(rows)).toEqual({ id: 2, reason: "content changed" });
  });
});
