import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertThreshold,
  cellKey,
  DEFAULT_THRESHOLD,
  KEY_SPACE,
  median,
  MIN_THRESHOLD,
  perturb,
  protect,
  share,
  type CountTable,
  type ProtectedTable,
  type Published,
} from "@/lib/statistics/disclosure";

/**
 * lib/statistics/disclosure.ts is pure, so its promises are checked on random tables: no small
 * count is ever visible, no hidden cell is alone in its row or column, and no hidden cell can be
 * worked out exactly by someone who knows every visible cell's TRUE value (a brute-force solver
 * below plays that attacker).
 */

// ---------------------------------------------------------------------------------------------
// Table generators
// ---------------------------------------------------------------------------------------------

/** Counts with many zeros and small values as well as large ones. */
const count = (max = 400) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 25 }) },
    { weight: 2, arbitrary: fc.integer({ min: 25, max }) },
  );
const key = fc.integer({ min: 0, max: KEY_SPACE - 1 });
const threshold = fc.integer({ min: MIN_THRESHOLD, max: 20 });

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const keySum = (values: number[]) => values.reduce((a, b) => (a + b) % KEY_SPACE, 0);

/** A one-column table whose total is the sum of its rows (each case in one row). */
function oneColumn(counts: number[], keys: number[]): CountTable {
  const total = { count: sum(counts), key: keySum(keys) };
  return {
    rows: counts.map((_, r) => `row ${r}`),
    columns: ["Cases"],
    counts: counts.map((c) => [c]),
    keys: keys.map((k) => [k]),
    columnTotals: { counts: [total.count], keys: [total.key] },
    total,
  };
}

/** A two-way table with row totals, column totals and the grand total, all consistent. */
function twoWay(counts: number[][], keys: number[][]): CountTable {
  const columns = counts[0]!.length;
  const columnCounts = Array.from({ length: columns }, (_, c) => sum(counts.map((row) => row[c]!)));
  const columnKeys = Array.from({ length: columns }, (_, c) => keySum(keys.map((row) => row[c]!)));
  return {
    rows: counts.map((_, r) => `row ${r}`),
    columns: Array.from({ length: columns }, (_, c) => `column ${c}`),
    counts,
    keys,
    rowTotals: { counts: counts.map(sum), keys: keys.map(keySum) },
    columnTotals: { counts: columnCounts, keys: columnKeys },
    total: { count: sum(columnCounts), key: keySum(columnKeys) },
  };
}

const oneColumnTable = (maxRows = 14, max = 400) =>
  fc
    .integer({ min: 1, max: maxRows })
    .chain((rows) => fc.tuple(fc.array(count(max), { minLength: rows, maxLength: rows }), fc.array(key, { minLength: rows, maxLength: rows })))
    .map(([counts, keys]) => oneColumn(counts, keys));

const twoWayTable = (maxRows = 13, maxColumns = 5, max = 400) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxColumns }))
    .chain(([rows, columns]) =>
      fc.tuple(
        fc.array(fc.array(count(max), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
        fc.array(fc.array(key, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      ),
    )
    .map(([counts, keys]) => twoWay(counts, keys));

const anyTable = fc.oneof(oneColumnTable(), twoWayTable());

// ---------------------------------------------------------------------------------------------
// The published grid: the table with its margins, as protect() laid it out
// ---------------------------------------------------------------------------------------------

type Cell = { published: Published; count: number; key: number };

/**
 * Rows of the table then the total row; columns then the total column when rows carry totals.
 * Each cell pairs what was published with the true count behind it.
 */
function publishedGrid(table: CountTable, safe: ProtectedTable): Cell[][] {
  const withRowTotals = Boolean(table.rowTotals);
  const body: Cell[][] = table.counts.map((row, r) => {
    const cells = row.map((c, col) => ({ published: safe.cells[r]![col]!, count: c, key: table.keys[r]![col]! }));
    return withRowTotals ? [...cells, { published: safe.rowTotals![r]!, count: table.rowTotals!.counts[r]!, key: table.rowTotals!.keys[r]! }] : cells;
  });
  const margin: Cell[] = table.columnTotals.counts.map((c, col) => ({ published: safe.columnTotals[col]!, count: c, key: table.columnTotals.keys[col]! }));
  if (withRowTotals) margin.push({ published: safe.total, count: table.total.count, key: table.total.key });
  return [...body, margin];
}

const isHidden = (value: Published) => typeof value === "string";

/** Every line the totals constrain: each row (only when rows have totals) and each column. */
function lines<T>(grid: T[][], withRowTotals: boolean): T[][] {
  const columns = grid[0]!.map((_, c) => grid.map((row) => row[c]!));
  return withRowTotals ? [...grid, ...columns] : columns;
}

function everyPublishedValue(safe: ProtectedTable): Published[] {
  return [...safe.cells.flat(), ...(safe.rowTotals ?? []), ...safe.columnTotals, safe.total];
}

// ---------------------------------------------------------------------------------------------
// The attacker: a brute-force solver over the hidden cells
// ---------------------------------------------------------------------------------------------

/**
 * Someone who knows the TRUE value of every visible cell and margin (as if there were no
 * perturbation) and that rows and columns add up. Unknowns are the hidden cells, each in
 * lowest … highest. Returns, for each hidden cell, whether it can take a value other than its
 * true one in some assignment that satisfies every line sum.
 */
function hiddenCellsWithAlternatives(grid: Cell[][], withRowTotals: boolean, lowest: number, highest: number) {
  const rows = grid.length;
  const columns = grid[0]!.length;
  const hidden: { r: number; c: number; truth: number }[] = [];
  grid.forEach((row, r) => row.forEach((cell, c) => isHidden(cell.published) && hidden.push({ r, c, truth: cell.count })));
  const index = new Map(hidden.map((h, i) => [`${h.r},${h.c}`, i]));

  // Each constraint: Σ coefficient × hidden value = constant (known cells moved to the right).
  // Row r: its cells minus its total are zero; column c: its cells minus its total are zero.
  type Constraint = { terms: { variable: number; coefficient: number }[]; constant: number };
  const constraints: Constraint[] = [];
  const addLine = (cells: [number, number][], totalAt: [number, number]) => {
    const terms: Constraint["terms"] = [];
    let constant = 0;
    for (const [[r, c], coefficient] of [...cells.map((cell) => [cell, 1] as const), [totalAt, -1] as const]) {
      const variable = index.get(`${r},${c}`);
      if (variable === undefined) constant -= coefficient * grid[r]![c]!.count;
      else terms.push({ variable, coefficient });
    }
    constraints.push({ terms, constant });
  };
  const dataColumns = withRowTotals ? columns - 1 : columns;
  if (withRowTotals) {
    for (let r = 0; r < rows; r++) addLine(Array.from({ length: dataColumns }, (_, c) => [r, c] as [number, number]), [r, columns - 1]);
  }
  for (let c = 0; c < columns; c++) addLine(Array.from({ length: rows - 1 }, (_, r) => [r, c] as [number, number]), [rows - 1, c]);

  const byVariable = hidden.map((_, v) => constraints.filter((k) => k.terms.some((t) => t.variable === v)));

  /** Depth-first search for any assignment that satisfies every constraint, with bound pruning. */
  function feasible(values: (number | null)[]): boolean {
    // Bounds check and forced values.
    for (;;) {
      let forced = false;
      for (const { terms, constant } of constraints) {
        let fixed = 0;
        let low = 0;
        let high = 0;
        const open: { variable: number; coefficient: number }[] = [];
        for (const term of terms) {
          const value = values[term.variable];
          if (value === null || value === undefined) {
            open.push(term);
            low += term.coefficient > 0 ? term.coefficient * lowest : term.coefficient * highest;
            high += term.coefficient > 0 ? term.coefficient * highest : term.coefficient * lowest;
          } else fixed += term.coefficient * value;
        }
        const rest = constant - fixed;
        if (rest < low || rest > high) return false;
        if (open.length === 1) {
          const value = rest / open[0]!.coefficient;
          if (!Number.isInteger(value) || value < lowest || value > highest) return false;
          values[open[0]!.variable] = value;
          forced = true;
        }
      }
      if (!forced) break;
    }
    const next = values.findIndex((v) => v === null);
    if (next === -1) return constraints.every(({ terms, constant }) => sum(terms.map((t) => t.coefficient * values[t.variable]!)) === constant);
    // Values near the truth first: a ±1 shift around a cycle is the usual alternative.
    const truth = hidden[next]!.truth;
    const order = Array.from({ length: highest - lowest + 1 }, (_, i) => lowest + i).sort((a, b) => Math.abs(a - truth) - Math.abs(b - truth));
    for (const candidate of order) {
      if (feasible(values.map((v, i) => (i === next ? candidate : v)))) return true;
    }
    return false;
  }

  return hidden.map((h, v) => {
    // A cell in no constraint at all is free.
    if (byVariable[v]!.length === 0) return { ...h, alternative: true };
    const candidates = Array.from({ length: highest - lowest + 1 }, (_, i) => lowest + i)
      .filter((value) => value !== h.truth)
      .sort((a, b) => Math.abs(a - h.truth) - Math.abs(b - h.truth));
    const alternative = candidates.some((candidate) => feasible(hidden.map((_, i) => (i === v ? candidate : null))));
    return { ...h, alternative };
  });
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe("primary suppression", () => {
  it("never publishes a count from 1 to threshold − 1, anywhere in the table", () => {
    fc.assert(
      fc.property(anyTable, threshold, (table, t) => {
        const safe = protect(table, t);
        for (const value of everyPublishedValue(safe)) {
          if (typeof value === "number") {
            expect(Number.isInteger(value)).toBe(true);
            expect(value === 0 || value >= t, `published ${value} with threshold ${t}`).toBe(true);
          } else expect(value === `<${t}` || value === "x", `hidden as ${value}`).toBe(true);
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("hides every small count, publishes zero as zero and nothing else as zero", () => {
    fc.assert(
      fc.property(anyTable, threshold, (table, t) => {
        const safe = protect(table, t);
        for (const cell of publishedGrid(table, safe).flat()) {
          // A zero is published as 0, unless it had to be hidden ("x") to protect another cell.
          if (cell.count === 0) expect([0, "x"]).toContain(cell.published);
          else expect(cell.published).not.toBe(0);
          if (cell.count > 0 && cell.count < t) expect(cell.published).toBe(`<${t}`);
          // "<t" is only ever a small count; larger hidden counts say "x".
          if (cell.count >= t && typeof cell.published === "string") expect(cell.published).toBe("x");
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("publishes each visible count as its perturbed value, within 2 of the truth, and counts the suppressions", () => {
    fc.assert(
      fc.property(anyTable, threshold, (table, t) => {
        const safe = protect(table, t);
        const cells = publishedGrid(table, safe).flat();
        for (const cell of cells) {
          if (isHidden(cell.published) || cell.count === 0) continue;
          expect(cell.published).toBe(perturb(cell.count, cell.key, t));
          expect(Math.abs((cell.published as number) - cell.count)).toBeLessThanOrEqual(2);
        }
        const primary = cells.filter((c) => c.count > 0 && c.count < t).length;
        const hidden = cells.filter((c) => isHidden(c.published)).length;
        expect(safe.suppressed).toEqual({ primary, complementary: hidden - primary });
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("keeps the table's shape and labels", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        const safe = protect(table);
        expect(safe.rows).toEqual(table.rows);
        expect(safe.columns).toEqual(table.columns);
        expect(safe.cells.map((row) => row.length)).toEqual(table.counts.map((row) => row.length));
        expect(safe.rowTotals === null).toBe(table.rowTotals === undefined);
        expect(safe.columnTotals).toHaveLength(table.columns.length);
      }),
      { seed: 3, numRuns: 100 },
    );
  });

  it("uses 10 as the default threshold", () => {
    expect(DEFAULT_THRESHOLD).toBe(10);
    const safe = protect(oneColumn([9, 10, 0, 40], [1, 2, 3, 4]));
    expect(safe.cells[0]![0]).toBe("<10");
    expect(safe.cells[2]![0]).toBe(0);
    expect(typeof safe.cells[3]![0]).toBe("number");
  });
});

describe("complementary suppression", () => {
  it("leaves every row and column of the published grid (margins included) with zero or at least two hidden cells", () => {
    fc.assert(
      fc.property(anyTable, threshold, (table, t) => {
        const safe = protect(table, t);
        const grid = publishedGrid(table, safe);
        for (const line of lines(grid, Boolean(table.rowTotals))) {
          const hidden = line.filter((cell) => isHidden(cell.published)).length;
          expect(hidden === 0 || hidden >= 2, `a line with ${hidden} hidden cell: ${JSON.stringify(line.map((c) => [c.count, c.published]))}`).toBe(true);
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("covers the textbook case: one small cell in a row gets a partner in its row and its column", () => {
    const table = twoWay(
      [
        [3, 40, 50],
        [30, 45, 60],
        [35, 50, 70],
      ],
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    );
    const safe = protect(table, 10);
    expect(safe.cells[0]![0]).toBe("<10");
    // Its row and its column each need another hidden cell, and those need partners in turn.
    expect(safe.cells[0]!.filter(isHidden).length).toBeGreaterThanOrEqual(2);
    expect(safe.cells.map((row) => row[0]!).filter(isHidden).length).toBeGreaterThanOrEqual(2);
    expect(safe.suppressed.primary).toBe(1);
    expect(safe.suppressed.complementary).toBeGreaterThanOrEqual(3);
  });

  it("hides a one-column table's total, or another row, when a single row is small", () => {
    const safe = protect(oneColumn([4, 30, 40], [10, 20, 30]), 10);
    expect(safe.cells[0]![0]).toBe("<10");
    const hidden = [...safe.cells.map((row) => row[0]!), safe.total].filter(isHidden).length;
    expect(hidden).toBeGreaterThanOrEqual(2);
    // The smallest other count (30) is the one given up, marked as hidden to protect another.
    expect(safe.cells[1]![0]).toBe("x");
    expect(safe.total).toBe(safe.columnTotals[0]);
  });

  describe("a brute-force attacker who knows the true visible values cannot pin down any hidden cell", () => {
    /** Every hidden cell may be anything from 0 to the grand total, the largest count in the table. */
    let checked = 0;
    /** `totalKnown`: the attacker also reads the grand total from another table of the same export. */
    function assertNoHiddenCellDetermined(table: CountTable, t: number, totalKnown = false) {
      const safe = protect(table, t);
      const grid = publishedGrid(table, safe);
      if (totalKnown) {
        const margin = grid.at(-1)!;
        margin[margin.length - 1] = { ...margin.at(-1)!, published: table.total.count };
      }
      const highest = Math.max(table.total.count, ...grid.flat().map((c) => c.count));
      for (const cell of hiddenCellsWithAlternatives(grid, Boolean(table.rowTotals), 0, highest)) {
        checked++;
        expect(
          cell.alternative,
          `hidden cell (${cell.r}, ${cell.c}) = ${cell.truth} is the only value consistent with ${JSON.stringify(grid.map((row) => row.map((c) => c.published)))} (truth ${JSON.stringify(grid.map((row) => row.map((c) => c.count)))})`,
        ).toBe(true);
      }
    }

    it("in two-way tables of up to 3 × 3 with margins, counts 0–15", () => {
      checked = 0;
      const small = fc.oneof(
        { weight: 2, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 15 }) },
      );
      const table = fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
        .chain(([rows, columns]) =>
          fc.tuple(
            fc.array(fc.array(small, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
            fc.array(fc.array(key, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
          ),
        )
        .map(([counts, keys]) => twoWay(counts, keys));
      fc.assert(
        fc.property(table, fc.integer({ min: 5, max: 12 }), (t, threshold) => assertNoHiddenCellDetermined(t, threshold)),
        { seed: 42, numRuns: 1000 },
      );
      // The random tables did hide cells: the property was not checked on empty sets.
      expect(checked).toBeGreaterThan(500);
    });

    it("when a hidden cell bridges two groups of hidden cells whose rows and columns hold only zeros and hidden cells", () => {
      // Found by the property above. Cell (2, 0) joins {row 1, total row, column 0, column 2} to
      // {row 0, row 2, column 1, total column}; its own row and column have no visible non-zero
      // cell to give up, so it stays a bridge and row 2 = (total − row 1) − (column 1 − cell (1, 1))
      // pins it to exactly 1.
      assertNoHiddenCellDetermined(
        twoWay(
          [
            [0, 1, 0],
            [1, 8, 3],
            [1, 1, 0],
          ],
          [
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
        ),
        5,
      );
    });

    it("when the grand total, hidden in a two-way table, is published by another table of the same export", () => {
      // Every table counts the same population with the same cell key, so the status table shows
      // this total (7, visible at threshold 5) whatever the age-sex table does with it. Hiding it
      // here as a complementary cell protects nothing: put back, it pins cell (3, 2) to 2.
      const table = twoWay(
        [
          [0, 0, 1],
          [0, 0, 1],
          [1, 4, 0],
        ],
        [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
      );
      expect(protect(oneColumn([table.total.count], [table.total.key]), 5).total).toEqual(expect.any(Number));
      assertNoHiddenCellDetermined(table, 5, true);
    });

    it("in one-column tables (the column sum is all there is)", () => {
      checked = 0;
      fc.assert(
        fc.property(oneColumnTable(6, 40), fc.integer({ min: 5, max: 15 }), (t, threshold) => assertNoHiddenCellDetermined(t, threshold)),
        { seed: 42, numRuns: 300 },
      );
      expect(checked).toBeGreaterThan(300);
    });

    it("catches a table left unprotected (the solver is not vacuous)", () => {
      // One hidden cell alone in its column: the attacker recovers it exactly.
      const grid: Cell[][] = [[{ published: "<10", count: 3, key: 0 }], [{ published: 40, count: 40, key: 0 }], [{ published: 43, count: 43, key: 0 }]];
      expect(hiddenCellsWithAlternatives(grid, false, 0, 43)).toEqual([{ r: 0, c: 0, truth: 3, alternative: false }]);
      // A 2 × 2 interior with one row pair hidden but its margins shown still gives the cells away
      // when a hidden cell is a bridge: here (0,0) and (0,1) hide, row totals and column totals show.
      const twoByTwo = twoWay(
        [
          [3, 4],
          [20, 30],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      );
      const naive: Cell[][] = publishedGrid(twoByTwo, {
        rows: twoByTwo.rows,
        columns: twoByTwo.columns,
        cells: [
          ["<10", "<10"],
          [20, 30],
        ],
        rowTotals: [7, 50],
        columnTotals: [23, 34],
        total: 57,
        suppressed: { primary: 2, complementary: 0 },
      });
      expect(hiddenCellsWithAlternatives(naive, true, 0, 57).map((c) => c.alternative)).toEqual([false, false]);
    });
  });
});

describe("thresholds", () => {
  it("refuses a threshold below 5 or not a whole number", () => {
    for (const bad of [4, 0, -10, 4.999, 5.5, 9.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => assertThreshold(bad), String(bad)).toThrow(RangeError);
      expect(() => protect(oneColumn([1, 2], [0, 0]), bad), String(bad)).toThrow(RangeError);
    }
    expect(MIN_THRESHOLD).toBe(5);
    for (const good of [5, 10, 15, 100]) expect(() => assertThreshold(good)).not.toThrow();
  });

  it("refuses every random non-whole or too-small threshold", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1000, max: 4 }),
          fc.double({ min: 5, max: 100, noNaN: true }).filter((x) => !Number.isInteger(x)),
        ),
        (bad) => {
          expect(() => protect(oneColumn([3], [0]), bad)).toThrow(RangeError);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("cell-key perturbation", () => {
  const anyCount = fc.integer({ min: 0, max: 5000 });
  const anyKey = fc.integer({ min: -1000, max: 1000 });

  it("is deterministic for the same count and key", () => {
    fc.assert(
      fc.property(anyCount, anyKey, threshold, (n, k, t) => {
        expect(perturb(n, k, t)).toBe(perturb(n, k, t));
        // Keys are taken modulo the key space.
        expect(perturb(n, k + KEY_SPACE, t)).toBe(perturb(n, k, t));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("keeps zero at zero, is never negative and never in 1 … t − 1", () => {
    fc.assert(
      fc.property(anyCount, anyKey, threshold, (n, k, t) => {
        const p = perturb(n, k, t);
        if (n === 0) expect(p).toBe(0);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p === 0 || p >= t).toBe(true);
        if (n > 0) expect(p).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("stays within 2 of the count unless clamped up to the threshold", () => {
    fc.assert(
      fc.property(anyCount, anyKey, threshold, (n, k, t) => {
        const p = perturb(n, k, t);
        expect(Math.abs(p - n) <= 2 || (p === t && n < t)).toBe(true);
        if (n >= t) expect(Math.abs(p - n)).toBeLessThanOrEqual(2);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("actually perturbs: over the key space a count takes several values, and most keys move it", () => {
    for (const n of [12, 30, 31, 250]) {
      const values = Array.from({ length: KEY_SPACE }, (_, k) => perturb(n, k, 10));
      expect(new Set(values).size, `count ${n}`).toBeGreaterThanOrEqual(4);
      const moved = values.filter((v) => v !== n).length / KEY_SPACE;
      expect(moved, `count ${n}`).toBeGreaterThan(0.4);
      // Centred: no systematic bias of more than half a case.
      expect(Math.abs(sum(values) / KEY_SPACE - n)).toBeLessThan(0.5);
    }
  });

  it("gives a cell's key as the sum of its cases' record keys modulo 256, in any order", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), fc.array(key, { maxLength: 60 }), (a, b) => {
        expect(cellKey(a)).toBe(sum(a) % KEY_SPACE);
        expect(cellKey([...a, ...b])).toBe((cellKey(a) + cellKey(b)) % KEY_SPACE);
        expect(cellKey([...a].reverse())).toBe(cellKey(a));
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(cellKey([])).toBe(0);
    expect(cellKey([255, 1])).toBe(0);
  });
});

describe("share()", () => {
  it("publishes a share only when the denominator is 20 or more", () => {
    expect(share(5, 19)).toBeNull();
    expect(share(0, 0)).toBeNull();
    expect(share(5, 20)).toBe(25);
    expect(share(7, 21)).toBe(33.3);
    expect(share(2, 3, 3)).toBe(66.7);
    expect(share(2, 3, 4)).toBeNull();
  });

  it("rounds to one decimal place of the true percentage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (part, whole) => {
        const value = share(Math.min(part, whole), whole);
        if (whole < 20) expect(value).toBeNull();
        else {
          expect(value).not.toBeNull();
          expect(Math.abs(value! - (100 * Math.min(part, whole)) / whole)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.round(value! * 10)).toBeCloseTo(value! * 10, 9);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("median()", () => {
  it("publishes a median only over 10 or more values", () => {
    expect(median([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
    expect(median([])).toBeNull();
    expect(median([5, 1, 9, 3, 7, 2, 8, 4, 6, 10])).toBe(5.5);
    expect(median([5, 1, 9, 3, 7, 2, 8, 4, 6, 10, 11])).toBe(6);
    expect(median([3, 1, 2], 3)).toBe(2);
  });

  it("sorts numerically, not as text, and leaves its input alone", () => {
    const values = [100, 9, 10, -20, 3, 2, 1000, 50, 7, 8, 11];
    const copy = [...values];
    // As text the middle of these would be "2"; as numbers it is 9.
    expect(median(values)).toBe(9);
    expect(values).toEqual(copy);
  });

  it("agrees with the middle value (odd) or the mean of the two middle values (even)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 0, maxLength: 40 }), (values) => {
        const result = median(values);
        if (values.length < 10) {
          expect(result).toBeNull();
          return;
        }
        const sorted = [...values].sort((a, b) => a - b);
        const n = sorted.length;
        const expected = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        expect(result).toBe(expected);
        // Half the values are at or below it, half at or above.
        expect(values.filter((v) => v <= result!).length).toBeGreaterThanOrEqual(n / 2);
        expect(values.filter((v) => v >= result!).length).toBeGreaterThanOrEqual(n / 2);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
