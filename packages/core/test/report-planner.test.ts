import { describe, expect, it } from 'vitest';
import { findBuiltInReport, BUILT_IN_REPORTS } from '../src/reports/builtin-reports';
import { assembleTable, monthsOf, parseAgeBands, planTable, quartersOf } from '../src/reports/report-planner';

const period = {
  from: '2026-04-01',
  to: '2026-06-30',
  referenceDate: '2026-06-30',
  ageBands: parseAgeBands(undefined),
};

describe('report planner', () => {
  it('lists the months and quarters a period touches', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(quartersOf('2025-11-15', '2026-04-01')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(parseAgeBands('0-4,5-9')).toEqual([
      { from: 0, to: 4 },
      { from: 5, to: 9 },
    ]);
  });

  it('accepts every built-in table and refuses a dimension its source lacks', () => {
    for (const report of BUILT_IN_REPORTS)
      for (const table of report.tables) expect(() => planTable(table, period)).not.toThrow();
    expect(() => planTable({ title: 't', source: 'education', measure: 'children', rows: ['skill'] }, period)).toThrow(
      /cannot split/,
    );
    expect(() => planTable({ title: 't', source: 'service', measure: 'sessions' }, period)).toThrow(
      /cannot be counted/,
    );
    expect(() =>
      planTable({ title: 't', source: 'referral', measure: 'children', rows: ['sex'], columns: ['sex'] }, period),
    ).toThrow(/used twice/);
  });

  it('shows every heading with zeros, and takes totals from the counts rather than summing cells', () => {
    const definition = findBuiltInReport('shelter-quarterly')?.tables[0];
    if (!definition) throw new Error('no table');
    const plan = planTable(definition, period);
    const table = assembleTable(
      plan,
      [
        { row: ['TL'], column: ['2026-04'], n: 1 },
        { row: ['RC'], column: ['2026-04'], n: 1 },
        { row: ['TL'], column: null, n: 1 },
        { row: ['RC'], column: null, n: 1 },
        { row: null, column: ['2026-04'], n: 1 },
        { row: null, column: null, n: 1 },
      ],
      'en',
      {},
      { title: 'Referrals', measureLabel: 'Children' },
    );
    expect(table.rows.map((row) => row.key)).toEqual(['DV', 'SA', 'NC', 'TL', 'ST', 'RC', 'SW', 'other']);
    expect(table.cells[3]).toEqual([1, 0, 0]);
    expect(table.columnTotals).toEqual([1, 0, 0]);
    expect(table.grandTotal).toBe(1);
    // One girl, trafficked and returned: in two rows, once in the total, and the table says so.
    expect(table.rowsOverlap).toBe(true);
    expect(table.columnsOverlap).toBe(false);
    expect(table.notes).toEqual([
      'The rows add up to more than the total: a child (or visit) with several case types is counted in the row of each, and once in the total.',
    ]);
  });

  it('says what the shares are of when the rows add up to more than the total', () => {
    const plan = planTable(
      { title: 't', source: 'referral', measure: 'children', rows: ['case_type'], percentOf: 'total' },
      period,
    );
    const counts = [
      { row: ['TL'], column: null, n: 2 },
      { row: ['RC'], column: null, n: 1 },
      { row: null, column: null, n: 2 },
    ];
    const overlapping = assembleTable(plan, counts, 'km', {}, { title: 't', measureLabel: 'c' });
    expect(overlapping.notes).toHaveLength(2);
    expect(overlapping.notes[1]).toContain('100 %');
    const apart = assembleTable(
      plan,
      [...counts.slice(0, 2), { row: null, column: null, n: 3 }],
      'en',
      {},
      {
        title: 't',
        measureLabel: 'c',
      },
    );
    expect(apart.rowsOverlap).toBe(false);
    expect(apart.notes).toEqual([]);
  });
});
