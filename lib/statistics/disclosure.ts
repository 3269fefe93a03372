/**
 * Disclosure control for published statistics: a pure module with no database and no clock.
 *
 * 1. Primary suppression: a count of 1 … threshold − 1 is published as "<threshold"; 0 stays 0.
 * 2. Complementary suppression: a row or column (margins included) with exactly one hidden cell
 *    gets another, and a hidden cell that the others would still pin down (a "bridge" between
 *    the rows and columns of hidden cells) gets a partner, until stable. Then no hidden cell can
 *    be worked out from its row, its column or the totals.
 * 3. Cell-key perturbation (ABS TableBuilder, ONS Census 2021): every case carries a random
 *    record key; a cell's key is the sum of its cases' keys modulo KEY_SPACE; a fixed table maps
 *    (cell key, count) to a small offset. The same cell always publishes the same value, while a
 *    one-case difference between two exports moves it unpredictably. Published counts are never
 *    negative and never fall in 1 … threshold − 1.
 */
import { percentOf } from "../format";

export const KEY_SPACE = 256;
export const MIN_THRESHOLD = 5;
export const DEFAULT_THRESHOLD = 10;
const MAX_OFFSET = 2;
const COUNT_COLUMNS = 32;

/** A published count: a number, "<threshold" for a small count, or "x" for a cell hidden to protect another. */
export type Published = number | `<${number}` | "x";

/** A table of true counts with the cell keys of the cases behind each count. */
export interface CountTable {
  rows: string[];
  columns: string[];
  counts: number[][];
  keys: number[][];
  /** Totals of each row and column and the grand total; given because a case can sit in several cells. */
  rowTotals?: { counts: number[]; keys: number[] };
  columnTotals: { counts: number[]; keys: number[] };
  total: { count: number; key: number };
  /**
   * False when a case can sit in several rows (factors, milestones): the rows then do not add up
   * to the total, so no hidden cell can be worked out from the others and only primary
   * suppression applies.
   */
  additive?: boolean;
}

export interface ProtectedTable {
  rows: string[];
  columns: string[];
  cells: Published[][];
  rowTotals: Published[] | null;
  columnTotals: Published[];
  total: Published;
  suppressed: { primary: number; complementary: number };
}

export function assertThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < MIN_THRESHOLD) {
    throw new RangeError(`The suppression threshold must be a whole number of at least ${MIN_THRESHOLD}.`);
  }
}

/** A fixed pseudo-random generator (mulberry32), so the perturbation table is the same on every server. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** KEY_SPACE × COUNT_COLUMNS offsets in −2 … +2, weighted towards small changes. */
const PERTURBATION: readonly (readonly number[])[] = (() => {
  const next = generator(20_261_126);
  const weighted = [-2, -1, -1, 0, 0, 0, 1, 1, 2];
  return Array.from({ length: KEY_SPACE }, () => Array.from({ length: COUNT_COLUMNS }, () => weighted[Math.floor(next() * weighted.length)]!));
})();

/** A cell's key: the sum of its cases' record keys, modulo the key space. */
export function cellKey(recordKeys: Iterable<number>): number {
  let sum = 0;
  for (const key of recordKeys) sum = (sum + key) % KEY_SPACE;
  return sum;
}

/** A count moved by its cell key's offset, only kept non-negative: for figures derived from counts, never published as counts. */
export function perturbed(count: number, key: number): number {
  if (count === 0) return 0;
  return Math.max(0, count + PERTURBATION[((key % KEY_SPACE) + KEY_SPACE) % KEY_SPACE]![Math.min(count, COUNT_COLUMNS - 1)]!);
}

/** The published value of a count of at least `threshold`, perturbed by its cell key; never below the threshold. */
export function perturb(count: number, key: number, threshold: number): number {
  if (count === 0) return 0;
  return Math.max(threshold, Math.max(count - MAX_OFFSET, Math.min(count + MAX_OFFSET, perturbed(count, key))));
}

type Grid = { counts: number[][]; hidden: boolean[][]; lines: { rows: boolean; columns: boolean }; fixed: [number, number] | null };

/**
 * The grid of the table with its margins: rows then the total row; columns then the total column
 * (when rows have totals). Hidden cells are "edges" between their row and column.
 */
function grid(table: CountTable): Grid {
  const withRowTotals = Boolean(table.rowTotals);
  const counts = table.counts.map((row, r) => (withRowTotals ? [...row, table.rowTotals!.counts[r]!] : [...row]));
  counts.push(withRowTotals ? [...table.columnTotals.counts, table.total.count] : [...table.columnTotals.counts]);
  const last = counts.length - 1;
  // The grand total is published by the other tables of the same population, so it is never
  // chosen to cover another cell: suppression must hold with it known.
  const fixed: [number, number] = [last, counts[last]!.length - 1];
  return { counts, hidden: counts.map((row) => row.map(() => false)), lines: { rows: withRowTotals, columns: true }, fixed };
}

/** The smallest visible count among `cells`; zeros only when nothing else can close the gap, since "0" is otherwise published as known. */
function smallestVisible(g: Grid, cells: [number, number][], allowZero = false): [number, number] | null {
  let best: [number, number] | null = null;
  for (const [r, c] of cells) {
    if (g.hidden[r]![c] || (!allowZero && g.counts[r]![c] === 0) || (g.fixed && g.fixed[0] === r && g.fixed[1] === c)) continue;
    if (!best || g.counts[r]![c]! < g.counts[best[0]]![best[1]]!) best = [r, c];
  }
  return best;
}

const rowCells = (g: Grid, r: number) => g.counts[r]!.map((_, c) => [r, c] as [number, number]);
const columnCells = (g: Grid, c: number) => g.counts.map((_, r) => [r, c] as [number, number]);

/** Hidden cells that are bridges in the bipartite graph of rows and columns: the others would determine them. */
function bridges(g: Grid): [number, number][] {
  const rowsCount = g.counts.length;
  const colsCount = g.counts[0]?.length ?? 0;
  // Nodes: rows 0…R−1, columns R…R+C−1. When rows carry no total, every row is unconstrained:
  // its cell can only be recovered through its column, so each row node is merged into one free node.
  const node = (r: number) => (g.lines.rows ? r : 0);
  const edges: { a: number; b: number; cell: [number, number] }[] = [];
  for (let r = 0; r < rowsCount; r++) {
    for (let c = 0; c < colsCount; c++) if (g.hidden[r]![c]) edges.push({ a: node(r), b: rowsCount + c, cell: [r, c] });
  }
  const adjacency = new Map<number, { to: number; edge: number }[]>();
  edges.forEach(({ a, b }, edge) => {
    adjacency.set(a, [...(adjacency.get(a) ?? []), { to: b, edge }]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), { to: a, edge }]);
  });
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const found: [number, number][] = [];
  let time = 0;
  const visit = (v: number, viaEdge: number) => {
    order.set(v, time);
    low.set(v, time++);
    for (const { to, edge } of adjacency.get(v) ?? []) {
      if (edge === viaEdge) continue;
      if (!order.has(to)) {
        visit(to, edge);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
        if (low.get(to)! > order.get(v)!) found.push(edges[edge]!.cell);
      } else low.set(v, Math.min(low.get(v)!, order.get(to)!));
    }
  };
  for (const v of adjacency.keys()) if (!order.has(v)) visit(v, -1);
  return found;
}

/** The smallest visible cell joining a row on the column's side of a bridge to a column on the row's side: it closes a cycle through the bridge. */
function across(g: Grid, r: number, c: number, allowZero = false): [number, number] | null {
  const rowsCount = g.counts.length;
  const colsCount = g.counts[0]?.length ?? 0;
  // Reachable nodes from a start, over hidden cells other than the bridge.
  const reach = (start: { row?: number; column?: number }) => {
    const rows = new Set<number>();
    const columns = new Set<number>();
    const queue: { row?: number; column?: number }[] = [start];
    if (start.row !== undefined) rows.add(start.row);
    if (start.column !== undefined) columns.add(start.column);
    while (queue.length) {
      const at = queue.pop()!;
      if (at.row !== undefined) {
        for (let cc = 0; cc < colsCount; cc++) if (g.hidden[at.row]![cc] && !(at.row === r && cc === c) && !columns.has(cc)) { columns.add(cc); queue.push({ column: cc }); }
      } else {
        for (let rr = 0; rr < rowsCount; rr++) if (g.hidden[rr]![at.column!] && !(rr === r && at.column === c) && !rows.has(rr)) { rows.add(rr); queue.push({ row: rr }); }
      }
    }
    return { rows, columns };
  };
  const fromRow = reach({ row: r });
  const fromColumn = reach({ column: c });
  const cells: [number, number][] = [];
  for (const rr of fromColumn.rows) for (const cc of fromRow.columns) cells.push([rr, cc]);
  return smallestVisible(g, cells, allowZero);
}

/** Marks primary and complementary suppressions on the grid; returns how many of each. */
function suppress(g: Grid, threshold: number, additive: boolean) {
  let primary = 0;
  g.counts.forEach((row, r) =>
    row.forEach((count, c) => {
      if (count > 0 && count < threshold) {
        g.hidden[r]![c] = true;
        primary++;
      }
    }),
  );
  let complementary = 0;
  const hide = (cell: [number, number] | null) => {
    if (!cell) return false;
    g.hidden[cell[0]]![cell[1]] = true;
    complementary++;
    return true;
  };
  for (let changed = additive; changed; ) {
    changed = false;
    const lines: [number, number][][] = [];
    if (g.lines.rows) g.counts.forEach((_, r) => lines.push(rowCells(g, r)));
    g.counts[0]?.forEach((_, c) => lines.push(columnCells(g, c)));
    for (const line of lines) {
      if (line.filter(([r, c]) => g.hidden[r]![c]).length === 1) changed = hide(smallestVisible(g, line)) || changed;
    }
    if (changed) continue;
    for (const [r, c] of bridges(g)) {
      // Pair the bridge with another cell of its column (or row), closing a cycle through it.
      const partner = smallestVisible(g, columnCells(g, c)) ?? (g.lines.rows ? smallestVisible(g, rowCells(g, r)) : null) ?? across(g, r, c) ?? across(g, r, c, true);
      if (hide(partner)) {
        changed = true;
        break;
      }
    }
  }
  return { primary, complementary };
}

/** Applies all the rules to one table. */
export function protect(table: CountTable, threshold = DEFAULT_THRESHOLD): ProtectedTable {
  assertThreshold(threshold);
  const g = grid(table);
  const suppressed = suppress(g, threshold, table.additive !== false);
  const keyGrid = table.keys.map((row, r) => (table.rowTotals ? [...row, table.rowTotals.keys[r]!] : [...row]));
  keyGrid.push(table.rowTotals ? [...table.columnTotals.keys, table.total.key] : [...table.columnTotals.keys]);
  const shown: Published[][] = g.counts.map((row, r) =>
    row.map((count, c) => {
      if (!g.hidden[r]![c]) return perturb(count, keyGrid[r]![c]!, threshold);
      return count > 0 && count < threshold ? (`<${threshold}` as const) : ("x" as const);
    }),
  );
  const last = shown.length - 1;
  const body = shown.slice(0, last);
  const width = table.columns.length;
  return {
    rows: table.rows,
    columns: table.columns,
    cells: body.map((row) => row.slice(0, width)),
    rowTotals: table.rowTotals ? body.map((row) => row[width]!) : null,
    columnTotals: shown[last]!.slice(0, width),
    // With row totals the grand total is the corner; without, a one-column table's total is its column total.
    total: table.rowTotals ? shown[last]![width]! : shown[last]![0]!,
    suppressed,
  };
}

/** A share in percent, only where the denominator is large enough to publish one. */
export const share = (part: number, whole: number, minimum = 20): number | null =>
  whole >= minimum ? percentOf(part, whole) : null;

/** A median, only over enough values to publish one. */
export function median(values: number[], minimum = 10): number | null {
  if (values.length < minimum) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
