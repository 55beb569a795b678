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
/** Anonymised outputs hide counts below this unless asked otherwise: a department's view is always anonymised. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function suppressSmallCells(result: ReportResult, threshold = DEFAULT_SUPPRESSION_THRESHOLD): ReportResult {
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

/**
 * The graph of lines joined by hidden numbers. Nodes 0..rows-1 are the grid's lines across (the totals line
 * last); nodes rows.. are its columns.
 */
interface LineGraph {
  rows: number;
  /** For each node, the hidden numbers touching it, as [other node, edge id]; edge id = row * width + column. */
  links: [number, number][][];
  width: number;
}

function lineGraph(hidden: boolean[][]): LineGraph {
  const rows = hidden.length;
  const width = hidden[0]?.length ?? 0;
  const links: [number, number][][] = Array.from({ length: rows + width }, () => []);
  for (const [r, line] of hidden.entries()) {
    for (const [c, isHidden] of line.entries()) {
      if (!isHidden) continue;
      const edge = r * width + c;
      links[r]?.push([rows + c, edge]);
      links[rows + c]?.push([r, edge]);
    }
  }
  return { rows, links, width };
}

interface Bridge extends Position {
  /** Lines still linked, through other hidden numbers, to the bridge's row; and to its column (by node). */
  rowSide: Uint8Array;
  columnSide: Uint8Array;
}

/**
 * The first hidden number, reading the grid row by row, that is a bridge. Tarjan's bridge search keeps this
 * linear in the size of the grid: tables of a whole country have hundreds of lines.
 */
function findBridge(hidden: boolean[][]): Bridge | undefined {
  const graph = lineGraph(hidden);
  const bridges = bridgeEdges(graph);
  if (bridges.length === 0) return undefined;
  const first = Math.min(...bridges);
  const row = Math.floor(first / graph.width);
  const column = first % graph.width;
  return {
    row,
    column,
    rowSide: reachable(graph, row, first),
    columnSide: reachable(graph, graph.rows + column, first),
  };
}

/** Iterative Tarjan: an edge to a child whose subtree cannot reach above the child without it is a bridge. */
function bridgeEdges({ links }: LineGraph): number[] {
  const order = new Int32Array(links.length).fill(-1);
  const low = new Int32Array(links.length);
  const bridges: number[] = [];
  let next = 0;
  for (let root = 0; root < links.length; root++) {
    if (order[root] !== -1) continue;
    order[root] = low[root] = next++;
    // Each frame: node, the edge it was entered by, and how many of its links have been followed.
    const stack: [number, number, number][] = [[root, -1, 0]];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as [number, number, number];
      const [node, entry, followed] = frame;
      const link = links[node]?.[followed];
      if (link) {
        frame[2] = followed + 1;
        const [other, edge] = link;
        if (edge === entry) continue;
        if (order[other] === -1) {
          order[other] = low[other] = next++;
          stack.push([other, edge, 0]);
        } else {
          low[node] = Math.min(low[node] ?? 0, order[other] ?? 0);
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low[parent[0]] = Math.min(low[parent[0]] ?? 0, low[node] ?? 0);
      if ((low[node] ?? 0) > (order[parent[0]] ?? 0)) bridges.push(entry);
    }
  }
  return bridges;
}

/** The nodes reachable from `start` through hidden numbers, not counting the edge `without`. */
function reachable({ links }: LineGraph, start: number, without: number): Uint8Array {
  const seen = new Uint8Array(links.length);
  seen[start] = 1;
  const queue = [start];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const [other, edge] of links[node] ?? []) {
      if (edge === without || seen[other]) continue;
      seen[other] = 1;
      queue.push(other);
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
  const columnNode = (column: number) => grid.length + column;
  const closesLoop = ({ row, column }: Position) =>
    (bridge.rowSide[row] === 1 && bridge.columnSide[columnNode(column)] === 1) ||
    (bridge.columnSide[row] === 1 && bridge.rowSide[columnNode(column)] === 1);
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
