import type { ReportResult, ReportTable } from '@homeward/core';
import { reportText } from './report-text';

/**
 * One table of a report laid out as the files show it: a label column, the columns counted beside it that come
 * first, a count column per heading (with a share beside it where `percentOf` asks), the row total, the columns
 * beside that come after, the row targets; rows of counts, a row of column totals and rows of targets. XLSX, CSV and PDF all draw this, so the three files always agree.
 */
export type ViewCell =
  | { kind: 'label'; text: string }
  | { kind: 'count'; value: number }
  | { kind: 'percent'; value: number }
  | { kind: 'target'; value: number }
  | { kind: 'hidden' }
  | { kind: 'blank' };

export interface ViewColumn {
  heading: string;
  kind: 'label' | 'count' | 'percent' | 'target';
  /** Where the column stands: the row labels, counted beside before, a count, the row total, beside after, target. */
  place: 'label' | 'before' | 'count' | 'total' | 'after' | 'target';
  /**
   * Of a table split by two column dimensions (case type and sex): the first one's value, shared by the columns
   * under it, and the second's, so that a page can set one over the other instead of "Domestic violence (DV) ·
   * Female" in every column.
   */
  group?: { heading: string; sub: string };
}

export interface ViewRow {
  role: 'body' | 'total' | 'target';
  cells: ViewCell[];
}

export interface TableView {
  title: string;
  measure: string;
  columns: ViewColumn[];
  rows: ViewRow[];
  notes: string[];
}

type Count = number | null;
const blank: ViewCell = { kind: 'blank' };

export function tableView(table: ReportTable, language: ReportResult['language']): TableView {
  const text = (key: 'total' | 'target') => reportText(language, key);
  // A total that is not the sum of its lines says so: "Total (each once)".
  const totalOf = (overlaps: boolean) => reportText(language, overlaps ? 'totalOnce' : 'total');
  const besides = (position: 'before' | 'after') => table.besides.filter((beside) => beside.position === position);
  const besideHeadings = (position: 'before' | 'after'): ViewColumn[] =>
    besides(position).map((beside) => ({ heading: beside.label, kind: 'count', place: position }));
  /** The beside columns' counts of row r, or their totals on the totals row. */
  const besideCells = (position: 'before' | 'after', r: number | 'total'): ViewCell[] =>
    besides(position).map((beside) => countCell(r === 'total' ? beside.total : (beside.counts[r] ?? null)));
  const shareHeading = reportText(
    language,
    table.percentOf === 'row' ? 'percentOfRow' : table.percentOf === 'column' ? 'percentOfColumn' : 'percentOfTotal',
  );
  const lastRow = table.rows.length;
  const lastColumn = table.columns.length;
  // The table with its totals as one grid, so that totals take their shares and markers like any count.
  const grid: Count[][] = [
    ...table.cells.map((row, r) => [...row, table.rowTotals[r] ?? null]),
    [...table.columnTotals, table.grandTotal],
  ];
  const at = (r: number, c: number): Count => grid[r]?.[c] ?? null;
  const share = (r: number, c: number): ViewCell => {
    const count = at(r, c);
    const whole =
      table.percentOf === 'row'
        ? at(r, lastColumn)
        : table.percentOf === 'column'
          ? at(lastRow, c)
          : at(lastRow, lastColumn);
    return count === null || whole === null || whole === 0 ? blank : { kind: 'percent', value: count / whole };
  };
  const countCell = (count: Count): ViewCell => (count === null ? { kind: 'hidden' } : { kind: 'count', value: count });

  const target = (rowKey: string | null, columnKey: string | null): ViewCell => {
    const found = table.targets.find((t) => t.rowKey === rowKey && t.columnKey === columnKey);
    return found ? { kind: 'target', value: found.value } : blank;
  };
  const hasRowTargets = table.targets.some((t) => t.rowKey !== null && t.columnKey === null);
  const hasTargetRow = table.targets.some((t) => t.rowKey === null);
  const withPercent = table.percentOf !== null;

  const countHeadings = [...table.columns.map((column) => column.label), totalOf(table.columnsOverlap)];
  const groups = columnGroups(table);
  const columns: ViewColumn[] = [
    {
      heading: [table.rowDimensionLabel, table.columnDimensionLabel].filter(Boolean).join(' / '),
      kind: 'label',
      place: 'label',
    },
    ...besideHeadings('before'),
    ...countHeadings.flatMap((heading, c): ViewColumn[] => {
      const place: ViewColumn['place'] = c === lastColumn ? 'total' : 'count';
      const group = groups?.[c];
      return [
        { heading, kind: 'count', place, ...(group ? { group } : {}) },
        ...(withPercent
          ? [
              {
                heading: shareHeading,
                kind: 'percent' as const,
                place,
                ...(group ? { group: { heading: group.heading, sub: shareHeading } } : {}),
              },
            ]
          : []),
      ];
    }),
    ...besideHeadings('after'),
    ...(hasRowTargets ? [{ heading: text('target'), kind: 'target' as const, place: 'target' as const }] : []),
  ];

  /**
   * One line of counts: `pick(c)` for each column and the total column (index `lastColumn`), between the beside
   * columns of row `r` (blank on a target line).
   */
  const line = (
    label: string,
    pick: (c: number) => ViewCell[],
    last: ViewCell[],
    r: number | 'total' | null,
  ): ViewCell[] => [
    { kind: 'label', text: label },
    ...(r === null ? besides('before').map(() => blank) : besideCells('before', r)),
    ...Array.from({ length: lastColumn + 1 }, (_, c) => pick(c)).flat(),
    ...(r === null ? besides('after').map(() => blank) : besideCells('after', r)),
    ...(hasRowTargets ? last : []),
  ];
  const countsOf = (r: number) => (c: number) => [countCell(at(r, c)), ...(withPercent ? [share(r, c)] : [])];
  const targetsOf = (rowKey: string | null) => (c: number) => [
    target(rowKey, c === lastColumn ? null : (table.columns[c]?.key ?? null)),
    ...(withPercent ? [blank] : []),
  ];

  const rows: ViewRow[] = table.rows.flatMap((heading, r): ViewRow[] => {
    const body: ViewRow = { role: 'body', cells: line(heading.label, countsOf(r), [target(heading.key, null)], r) };
    const hasCellTargets = table.targets.some((t) => t.rowKey === heading.key && t.columnKey !== null);
    if (!hasCellTargets) return [body];
    const cellTargets = (c: number) =>
      c === lastColumn ? [blank, ...(withPercent ? [blank] : [])] : targetsOf(heading.key)(c);
    return [
      body,
      {
        role: 'target',
        cells: line(reportText(language, 'rowTarget', { row: heading.label }), cellTargets, [blank], null),
      },
    ];
  });
  rows.push({ role: 'total', cells: line(totalOf(table.rowsOverlap), countsOf(lastRow), [blank], 'total') });
  if (hasTargetRow) rows.push({ role: 'target', cells: line(text('target'), targetsOf(null), [blank], null) });

  return { title: table.title, measure: table.measureLabel, columns, rows, notes: table.notes };
}

/** The two parts of each column heading of a table split by two column dimensions; null for one dimension. */
function columnGroups(table: ReportTable): { heading: string; sub: string }[] | null {
  const parts = table.columns.map((column) => ({ keys: column.key.split('|'), labels: column.label.split(' · ') }));
  if (parts.length === 0 || !parts.every((part) => part.keys.length === 2 && part.labels.length === 2)) return null;
  return parts.map((part) => ({ heading: part.labels[0] ?? '', sub: part.labels[1] ?? '' }));
}
