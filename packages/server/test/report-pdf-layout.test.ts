import { describe, expect, it } from 'vitest';
import { splitColumns } from '../src/reports/files/report-pdf-layout';
import type { TableView, ViewColumn } from '../src/reports/files/report-table-view';

const column = (place: ViewColumn['place'], extra: Partial<ViewColumn> = {}): ViewColumn => ({
  heading: place,
  kind: place === 'label' ? 'label' : 'count',
  place,
  ...extra,
});
const view = (columns: ViewColumn[]): TableView => ({ title: 't', measure: 'm', columns, rows: [], notes: [] });

describe('cutting a wide table for the PDF page', () => {
  it('keeps a table that fits whole', () => {
    const parts = splitColumns(view([column('label'), column('count'), column('count'), column('total')]), 10);
    expect(parts).toEqual([{ columns: [0, 1, 2, 3], first: true, last: true }]);
  });

  it('cuts only between groups, the columns beside before in the first part, the total and after in the last', () => {
    const grouped = ['DV', 'SA', 'NC', 'TL'].flatMap((type) =>
      ['F', 'M', 'O'].map((sex) => column('count', { group: { heading: type, sub: sex } })),
    );
    const columns = [column('label'), column('before'), ...grouped, column('total'), column('after')];
    const parts = splitColumns(view(columns), 9);
    expect(parts.map((part) => part.columns)).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7],
      [0, 8, 9, 10, 11, 12, 13, 14, 15],
    ]);
    expect(parts.map((part) => [part.first, part.last])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('keeps a count and its share together', () => {
    const pairs = Array.from({ length: 5 }, () => [column('count'), column('count', { kind: 'percent' })]).flat();
    const parts = splitColumns(
      view([column('label'), ...pairs, column('total'), column('total', { kind: 'percent' })]),
      5,
    );
    for (const part of parts)
      expect(part.columns.slice(1).every((i, n, all) => n % 2 === 1 || all[n + 1] === i + 1)).toBe(true);
    expect(parts.flatMap((part) => part.columns.slice(1))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
