import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportResult, ReportTable } from '../src/reports/report-result.schema';
import { suppressSmallCells } from '../src/reports/small-cell-suppression';

type Count = number | null;

function tableOf(cells: number[][]): ReportTable {
  const rowTotals = cells.map((row) => row.reduce((sum, n) => sum + n, 0));
  const columnTotals = (cells[0] ?? []).map((_, c) => cells.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  return {
    id: 't',
    title: 'T',
    measureLabel: 'Children',
    rowDimension: 'caseType',
    columnDimension: 'sex',
    rowDimensionLabel: 'Case type',
    columnDimensionLabel: 'Sex',
    rows: cells.map((_, r) => ({ key: `r${r}`, label: `Row ${r}` })),
    columns: (cells[0] ?? []).map((_, c) => ({ key: `c${c}`, label: `Column ${c}` })),
    cells,
    rowTotals,
    columnTotals,
    grandTotal: rowTotals.reduce((sum, n) => sum + n, 0),
    rowsOverlap: false,
    columnsOverlap: false,
    besides: [],
    percentOf: null,
    targets: [],
    notes: [],
  };
}

function resultOf(tables: ReportTable[]): ReportResult {
  return {
    reportId: 'shelter-quarterly',
    title: 'Shelter quarterly report',
    language: 'en',
    from: '2026-01-01',
    to: '2026-03-31',
    referenceDate: '2026-03-31',
    scopeLabel: 'Tonle Shelter',
    generatedAt: '2026-04-02T08:00:00.000Z',
    suppressionThreshold: null,
    notices: [],
    tables,
  };
}

/** The table with its totals as one grid: each row ends with its total, and the last row holds column totals. */
function gridOf(table: ReportTable): Count[][] {
  return [
    ...table.cells.map((row, r) => [...row, table.rowTotals[r] ?? null]),
    [...table.columnTotals, table.grandTotal],
  ];
}

/**
 * The attacker's view, independent of the implementation: every line of the grid is an equation (the last number
 * is the sum of the others); put the shown numbers in, and a hidden number can be recomputed exactly when its
 * unit vector lies in the row space of what is left. Gaussian elimination to reduced row echelon form answers it.
 */
function recomputable(original: Count[][], shown: Count[][]): { row: number; column: number }[] {
  const hiddenAt = shown.flatMap((line, r) => line.flatMap((n, c) => (n === null ? [{ row: r, column: c }] : [])));
  const index = new Map(hiddenAt.map((p, i) => [`${p.row},${p.column}`, i]));
  const rows = original.length;
  const columns = original[0]?.length ?? 0;
  const equations: number[][] = [];
  const line = (positions: { row: number; column: number; sign: number }[]) => {
    const equation = Array<number>(hiddenAt.length).fill(0);
    for (const p of positions) {
      const i = index.get(`${p.row},${p.column}`);
      if (i !== undefined) equation[i] = p.sign;
    }
    equations.push(equation);
  };
  for (let r = 0; r < rows; r++)
    line(Array.from({ length: columns }, (_, c) => ({ row: r, column: c, sign: c === columns - 1 ? -1 : 1 })));
  for (let c = 0; c < columns; c++)
    line(Array.from({ length: rows }, (_, r) => ({ row: r, column: c, sign: r === rows - 1 ? -1 : 1 })));

  let pivotRow = 0;
  const pivots: number[] = [];
  for (let k = 0; k < hiddenAt.length && pivotRow < equations.length; k++) {
    const found = equations.findIndex((e, i) => i >= pivotRow && Math.abs(e[k] ?? 0) > 1e-9);
    if (found < 0) continue;
    [equations[pivotRow], equations[found]] = [equations[found]!, equations[pivotRow]!];
    const pivot = equations[pivotRow]!;
    const scale = pivot[k]!;
    for (let j = 0; j < pivot.length; j++) pivot[j]! /= scale;
    for (const [i, e] of equations.entries()) {
      if (i === pivotRow || Math.abs(e[k] ?? 0) < 1e-9) continue;
      const factor = e[k]!;
      for (let j = 0; j < e.length; j++) e[j]! -= factor * pivot[j]!;
    }
    pivots.push(k);
    pivotRow++;
  }
  return pivots.filter((k, i) => equations[i]!.every((v, j) => j === k || Math.abs(v) < 1e-9)).map((k) => hiddenAt[k]!);
}

const counts = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 }));
const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(counts, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );

describe('small-cell suppression', () => {
  it('has an attacker model that does find what a careless suppression leaves open', () => {
    const grid = gridOf(
      tableOf([
        [3, 10, 0],
        [12, 20, 7],
      ]),
    );
    const lone = grid.map((line, r) => line.map((n, c) => (r === 0 && c === 0 ? null : n)));
    expect(recomputable(grid, lone)).toEqual([{ row: 0, column: 0 }]);
    // Two hidden squares joined by one hidden cell: every line holds two hidden numbers, yet the joining cell
    // (row 1, column 2) is the difference of two shown sums.
    const wide = gridOf(
      tableOf([
        [8, 9, 10, 11],
        [8, 9, 10, 11],
        [8, 9, 10, 11],
      ]),
    );
    const hide = new Set(['0,0', '0,1', '1,0', '1,1', '1,2', '2,2', '2,3', '3,2', '3,3']);
    const squares = wide.map((line, r) => line.map((n, c) => (hide.has(`${r},${c}`) ? null : n)));
    expect(recomputable(wide, squares)).toEqual([{ row: 1, column: 2 }]);
  });

  it('hides 1 to 4, keeps 0 and 5, and hides a second cell so the first cannot be subtracted back', () => {
    const [table] = suppressSmallCells(
      resultOf([
        tableOf([
          [3, 10, 0],
          [12, 20, 7],
        ]),
      ]),
    ).tables;
    // The 3 is alone in its row and column: the smallest other count of its row (10) and of its column (12)
    // must go, and then 20 closes the square so that no line holds a single hidden number.
    expect(table?.cells).toEqual([
      [null, null, 0],
      [null, null, 7],
    ]);
    expect(table?.rowTotals).toEqual([13, 39]);
    expect(table?.columnTotals).toEqual([15, 30, 7]);
    expect(table?.grandTotal).toBe(52);
  });

  it('hides small totals as well, and their complements', () => {
    const [table] = suppressSmallCells(
      resultOf([
        tableOf([
          [2, 0],
          [9, 8],
          [6, 7],
        ]),
      ]),
    ).tables;
    expect(table?.rowTotals[0]).toBeNull();
    expect(table?.cells[0]).toEqual([null, 0]);
    expect(
      recomputable(
        gridOf(
          tableOf([
            [2, 0],
            [9, 8],
            [6, 7],
          ]),
        ),
        gridOf(table!),
      ),
    ).toEqual([]);
  });

  it('leaves a table without small counts as it was, and records the threshold', () => {
    const table = tableOf([
      [5, 0],
      [9, 30],
    ]);
    const result = suppressSmallCells(resultOf([table]), 5);
    expect(result.suppressionThreshold).toBe(5);
    expect(result.tables[0]).toEqual(table);
  });

  it('follows the threshold it is given', () => {
    const [table] = suppressSmallCells(resultOf([tableOf([[6, 20, 30]])]), 10).tables;
    expect(table?.cells[0]?.[0]).toBeNull();
    expect(table?.cells[0]?.filter((n) => n === null).length).toBeGreaterThanOrEqual(2);
  });

  it('never lets a hidden count be recomputed from what is shown, whatever the table', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 11 }), (cells, threshold) => {
        const table = tableOf(cells);
        const [suppressed] = suppressSmallCells(resultOf([table]), threshold).tables;
        const before = gridOf(table);
        const after = gridOf(suppressed!);
        expect(recomputable(before, after)).toEqual([]);
        for (const [r, line] of before.entries()) {
          for (const [c, n] of line.entries()) {
            const shown = after[r]?.[c];
            if (n !== null && n > 0 && n < threshold) expect(shown).toBeNull();
            if (shown !== null) expect(shown).toBe(n);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('hides nothing more than needed when nothing is small', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const big = cells.map((row) => row.map((n) => (n > 0 && n < 5 ? n + 5 : n)));
        const [suppressed] = suppressSmallCells(resultOf([tableOf(big)])).tables;
        expect(gridOf(suppressed!)).toEqual(gridOf(tableOf(big)));
      }),
    );
  });

  it('treats counts an earlier pass hid as hidden, so suppressing twice changes nothing', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const once = suppressSmallCells(resultOf([tableOf(cells)]));
        expect(suppressSmallCells(once)).toEqual(once);
      }),
    );
  });
});
