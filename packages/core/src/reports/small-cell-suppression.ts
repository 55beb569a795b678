import type { ReportResult, ReportTable } from './report-result.schema';

/**
 * Small-cell suppression for anonymised reports. A count from 1 to threshold - 1 could point at one child, so it
 * is hidden (primary suppression); zero points at nobody and stays. Then other counts are hidden too
 * (complementary suppression) until no hidden count can be worked out from the ones shown.
 *
 * The table is read with its totals as one grid: row r ends with its row total, and a last row of column totals
 * ends with the grand total. Every line of that grid says "the last number is the sum of the others". Think of
 * each line as a node and each hidden number as an edge between its row and its column: a hidden number can be
 * recomputed from the shown ones exactly when its edge is a bridge (summing the lines on one side of it leaves
 * that number alone). So we add hidden numbers, the smallest first, until no edge is a bridge; a lone hidden
 * number in a line is the simplest bridge.
 */
export function suppressSmallCells(result: ReportResult, threshold = 5): ReportResult {
  return {
    ...result,
    suppressionThreshold: threshold,
    tables: result.tables.map((table) => suppressTable(table, threshold)),
  };
}

type Count = number | null;

interface Position {
  row: number;
  column: number;
}

function suppressTable(table: ReportTable, threshold: number): ReportTable {
  const grid = [
    ...table.cells.map((cells, r) => [...cells, table.rowTotals[r] ?? null]),
    [...table.columnTotals, table.grandTotal],
  ];
  const hidden = grid.map((line) => line.map((count) => isSensitive(count, threshold)));
  if (table.rows.length > 0 && table.columns.length > 0) hideComplements(grid, hidden);
  else hideWholeLineIfAny(hidden);

  const shown = (r: number, c: number): Count => (hidden[r]?.[c] ? null : (grid[r]?.[c] ?? null));
  const last = table.columns.length;
  const totalsRow = table.rows.length;
  return {
    ...table,
    cells: table.cells.map((cells, r) => cells.map((_, c) => shown(r, c))),
    rowTotals: table.rowTotals.map((_, r) => shown(r, last)),
    columnTotals: table.columnTotals.map((_, c) => shown(totalsRow, c)),
    grandTotal: shown(totalsRow, last),
  };
}

/** null is a count an earlier suppression already hid. */
function isSensitive(count: Count, threshold: number): boolean {
  return count === null || (count > 0 && count < threshold);
}

/** A table without rows or columns has only its totals line; hiding it all leaves nothing to subtract. */
function hideWholeLineIfAny(hidden: boolean[][]): void {
  for (const line of hidden) if (line.some(Boolean)) line.fill(true);
}

function hideComplements(grid: Count[][], hidden: boolean[][]): void {
  for (;;) {
    const bridge = findBridge(hidden);
    if (!bridge) return;
    const complement = chooseComplement(grid, hidden, bridge);
    if (!complement) return;
    setAt(hidden, complement, true);
  }
}

interface Bridge extends Position {
  /** Lines still linked, through other hidden numbers, to the bridge's row; and to its column. */
  rowSide: Set<string>;
  columnSide: Set<string>;
}

const rowNode = (r: number) => `r${r}`;
const columnNode = (c: number) => `c${c}`;

function findBridge(hidden: boolean[][]): Bridge | undefined {
  for (const [r, line] of hidden.entries()) {
    for (const [c, isHidden] of line.entries()) {
      if (!isHidden) continue;
      const without = { row: r, column: c };
      const rowSide = linkedLines(hidden, rowNode(r), without);
      if (!rowSide.has(columnNode(c))) {
        return { row: r, column: c, rowSide, columnSide: linkedLines(hidden, columnNode(c), without) };
      }
    }
  }
  return undefined;
}

/** The lines reachable from `start` through hidden numbers, not counting the one at `without`. */
function linkedLines(hidden: boolean[][], start: string, without: Position): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    const index = Number(node.slice(1));
    const neighbours =
      node[0] === 'r'
        ? (hidden[index] ?? []).flatMap((isHidden, c) =>
            isHidden && !(index === without.row && c === without.column) ? [columnNode(c)] : [],
          )
        : hidden.flatMap((line, r) =>
            line[index] && !(r === without.row && index === without.column) ? [rowNode(r)] : [],
          );
    for (const next of neighbours) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The shown number to hide next, from the bridge's row and column and from those that would close a loop through
 * it. One that closes the loop at once first: fewer numbers are hidden in all (preferring a non-zero one instead
 * hid totals too in our tables). Then non-zero before zero, because readers may guess that a hidden number is a
 * zero; then the smallest, so that the table loses little; cells before totals.
 */
function chooseComplement(grid: Count[][], hidden: boolean[][], bridge: Bridge): Position | undefined {
  const closesLoop = ({ row, column }: Position) =>
    (bridge.rowSide.has(rowNode(row)) && bridge.columnSide.has(columnNode(column))) ||
    (bridge.columnSide.has(rowNode(row)) && bridge.rowSide.has(columnNode(column)));
  const sameLine = ({ row, column }: Position) => row === bridge.row || column === bridge.column;
  const lastRow = grid.length - 1;
  const lastColumn = (grid[0]?.length ?? 1) - 1;
  const candidates = grid.flatMap((line, r) =>
    line.flatMap((count, c) => {
      const position = { row: r, column: c };
      if (hidden[r]?.[c] || count === null || !(closesLoop(position) || sameLine(position))) return [];
      const rank = [
        closesLoop(position) ? 0 : 1,
        count === 0 ? 1 : 0,
        count,
        r === lastRow || c === lastColumn ? 1 : 0,
        r,
        c,
      ];
      return [{ position, rank }];
    }),
  );
  return candidates.sort((a, b) => compareRanks(a.rank, b.rank))[0]?.position;
}

function compareRanks(a: number[], b: number[]): number {
  for (const [i, value] of a.entries()) {
    const difference = value - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function setAt(grid: boolean[][], { row, column }: Position, value: boolean): void {
  const line = grid[row];
  if (line) line[column] = value;
}
