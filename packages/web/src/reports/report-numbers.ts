import type { ReportTable } from '@homeward/core';

/** A share as a whole percent; null when there is nothing to divide by or the count is hidden. */
export function percent(count: number | null, whole: number | null): number | null {
  if (count === null || whole === null || whole === 0) return null;
  return Math.round((count / whole) * 100);
}

/** The share to show beside cell `[r][c]`, as the table's `percentOf` says. */
export function cellShare(table: ReportTable, r: number, c: number): number | null {
  const count = table.cells[r]?.[c] ?? null;
  switch (table.percentOf) {
    case 'row':
      return percent(count, table.rowTotals[r] ?? null);
    case 'column':
      return percent(count, table.columnTotals[c] ?? null);
    case 'total':
      return percent(count, table.grandTotal);
    case null:
      return null;
  }
}

/**
 * A total's share of the grand total, where that is the share the table is about: row totals when shares are
 * of a column or of the total, column totals when they are of a row or of the total.
 */
export function totalShare(table: ReportTable, side: 'row' | 'column', count: number | null): number | null {
  if (table.percentOf === null || table.percentOf === side) return null;
  return percent(count, table.grandTotal);
}

export interface TableTargets {
  byRow: Map<string, number>;
  byColumn: Map<string, number>;
  byCell: Map<string, number>;
}

export const cellKey = (rowKey: string, columnKey: string) => `${rowKey}\u0000${columnKey}`;

export function targetsOf(table: ReportTable): TableTargets {
  const targets: TableTargets = { byRow: new Map(), byColumn: new Map(), byCell: new Map() };
  for (const target of table.targets) {
    if (target.rowKey !== null && target.columnKey !== null)
      targets.byCell.set(cellKey(target.rowKey, target.columnKey), target.value);
    else if (target.rowKey !== null) targets.byRow.set(target.rowKey, target.value);
    else if (target.columnKey !== null) targets.byColumn.set(target.columnKey, target.value);
  }
  return targets;
}
