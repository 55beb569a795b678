import type { TableView, ViewColumn } from './report-table-view';

/**
 * How a table too wide for one A4 page width is cut: into parts side by side, printed one under the other, each
 * with the row labels. A part ends only between whole column groups (the three sexes of a case type stay
 * together, and a count keeps its share), the columns counted beside before go with the first part, and the
 * total, the columns beside after and the targets with the last. The parts are about equally wide.
 */
export interface TablePart {
  /** Indices of the view's columns in this part, the label column first. */
  columns: number[];
  first: boolean;
  last: boolean;
}

/** Consecutive count columns that must stay together: a group's columns, or one count and its share. */
function units(columns: readonly ViewColumn[], indices: number[]): number[][] {
  const result: number[][] = [];
  for (const i of indices) {
    const column = columns[i];
    const previous = result.at(-1);
    const before = previous === undefined ? undefined : columns[previous.at(-1) ?? -1];
    const together =
      before !== undefined &&
      (column?.kind === 'percent' ||
        (column?.group !== undefined && before.group !== undefined && column.group.heading === before.group.heading));
    if (together && previous) previous.push(i);
    else result.push([i]);
  }
  return result;
}

/** The parts of a table whose columns but the labels fit `perPart` to a page width. */
export function splitColumns(view: TableView, perPart: number): TablePart[] {
  const at = (place: ViewColumn['place'][]) =>
    view.columns.flatMap((column, i) => (place.includes(column.place) ? [i] : []));
  const [label, before, middle, tail] = [
    at(['label']),
    at(['before']),
    at(['count']),
    at(['total', 'after', 'target']),
  ];
  const whole = before.length + middle.length + tail.length;
  if (whole <= perPart || middle.length === 0)
    return [{ columns: view.columns.map((_, i) => i), first: true, last: true }];

  const pieces = units(view.columns, middle);
  for (let parts = Math.ceil(whole / Math.max(1, perPart)); parts <= pieces.length; parts++) {
    const target = Math.ceil(whole / parts);
    const chunks: number[][] = [[...before]];
    for (const piece of pieces) {
      const chunk = chunks.at(-1)!;
      const hasCounts = chunk.some((i) => middle.includes(i));
      if (hasCounts && chunk.length + piece.length > target && chunks.length < parts) chunks.push([...piece]);
      else chunk.push(...piece);
    }
    chunks.at(-1)!.push(...tail);
    if (chunks.every((chunk) => chunk.length <= perPart) || parts === pieces.length)
      return chunks.map((chunk, c) => ({
        columns: [...label, ...chunk],
        first: c === 0,
        last: c === chunks.length - 1,
      }));
  }
  return [{ columns: view.columns.map((_, i) => i), first: true, last: true }];
}

/** The part of a table to draw as a table of its own: its columns of every row; the notes under the last part. */
export function partView(view: TableView, part: TablePart, continued: string): TableView {
  return {
    title: part.first ? view.title : `${view.title} ${continued}`,
    measure: view.measure,
    columns: part.columns.map((i) => view.columns[i]!),
    rows: view.rows.map((row) => ({ ...row, cells: part.columns.map((i) => row.cells[i]!) })),
    notes: part.last ? view.notes : [],
  };
}

/** Runs of consecutive columns under one group heading, or a single column without one. */
export interface HeadingSpan {
  from: number;
  to: number;
  group: string | null;
}

export function headingSpans(columns: readonly ViewColumn[]): HeadingSpan[] {
  const spans: HeadingSpan[] = [];
  columns.forEach((column, i) => {
    const last = spans.at(-1);
    const group = column.group?.heading ?? null;
    if (last && group !== null && last.group === group) last.to = i;
    else spans.push({ from: i, to: i, group });
  });
  return spans;
}
