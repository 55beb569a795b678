import { invalid } from '../errors';
import { resources, type Language } from '../locales/index';
import type { ReportHeading, ReportTable } from './report-result.schema';
import {
  DEFAULT_AGE_BANDS,
  reportTableDefinitionSchema,
  type AgeBand,
  type ReportDimension,
  type ReportTableDefinition,
  type ReportTableDefinitionInput,
} from './report-definition.schema';
import {
  DIMENSION_HEADINGS,
  measureFits,
  MULTI_VALUED_DIMENSIONS,
  NO_VALUE,
  OTHER_CASE_TYPES,
  SOURCE_DIMENSIONS,
} from './report-dimensions';

/**
 * The pure half of the engine: checks a table definition against the catalogue, and turns the counts the
 * database returns into a `ReportTable` with every heading (zeros included), labels in the asked language and
 * totals taken from the database's own distinct counts, never summed here.
 */
export interface ReportPeriod {
  from: string;
  to: string;
  referenceDate: string;
  ageBands: AgeBand[];
}

export interface TablePlan extends ReportPeriod {
  table: ReportTableDefinition;
}

export function planTable(input: ReportTableDefinitionInput, period: ReportPeriod): TablePlan {
  const table = reportTableDefinitionSchema.parse(input);
  const available = SOURCE_DIMENSIONS[table.source];
  const used = [...table.rows, ...table.columns, ...(Object.keys(table.filters) as ReportDimension[])];
  for (const dimension of used) {
    if (!available.includes(dimension))
      throw invalid('table', `“${dimension}” cannot split “${table.source}”.`, 'dimension_not_available');
  }
  if (new Set([...table.rows, ...table.columns]).size !== table.rows.length + table.columns.length)
    throw invalid('table', 'A dimension is used twice.', 'dimension_repeated');
  if (!measureFits(table.source, table.measure))
    throw invalid(
      'table.measure',
      `“${table.measure}” cannot be counted in “${table.source}”.`,
      'measure_not_available',
    );
  return { ...period, table };
}

export function ageBandKey(band: AgeBand): string {
  return `${band.from}-${band.to}`;
}

/** `0-10,11-17` as bands; the default bands when absent. */
export function parseAgeBands(text: string | undefined): AgeBand[] {
  if (!text) return DEFAULT_AGE_BANDS;
  return text.split(',').map((part) => {
    const [from, to] = part.split('-').map(Number) as [number, number];
    if (from > to) throw invalid('ageBands', 'An age band ends after it starts.');
    return { from, to };
  });
}

export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export function quartersOf(from: string, to: string): string[] {
  const quarters = monthsOf(from, to).map((month) => {
    const [year, m] = month.split('-').map(Number) as [number, number];
    return `${year}-Q${Math.ceil(m / 3)}`;
  });
  return [...new Set(quarters)];
}

/** One count from the database; a side is null where the count is the total over that side. */
export interface CellCount {
  row: string[] | null;
  column: string[] | null;
  n: number;
}

/** Labels of values that are not codes: organisations, facilities, workers, provinces, by dimension and key. */
export type DataLabels = Partial<Record<ReportDimension, ReadonlyMap<string, string>>>;

type Namespace = Record<string, unknown>;

function lookup(namespace: Namespace, path: string): string | undefined {
  let node: unknown = namespace;
  for (const part of path.split('.')) node = (node as Namespace | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}

/** A string of the `reports` namespace, with `{{name}}` placeholders filled. */
export function reportText(lang: Language, key: string, values: Record<string, string | number> = {}): string {
  const text = lookup(resources[lang].reports, key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

export function dimensionValueLabel(
  lang: Language,
  dimension: ReportDimension,
  key: string,
  dataLabels: DataLabels = {},
): string {
  if (key === NO_VALUE) return reportText(lang, 'noValue');
  if (dimension === 'case_type_group' && key === OTHER_CASE_TYPES) return reportText(lang, 'otherCaseTypes');
  const source = DIMENSION_HEADINGS[dimension];
  switch (source.kind) {
    case 'codes': {
      const namespace = resources[lang][source.namespace] as Namespace;
      return lookup(namespace, `${source.group}.${key}`) ?? key;
    }
    case 'months':
      return reportText(lang, 'monthLabel', {
        month: reportText(lang, `months.${key.slice(5)}`),
        year: key.slice(0, 4),
      });
    case 'quarters':
      return reportText(lang, 'quarterLabel', { quarter: key.slice(6), year: key.slice(0, 4) });
    case 'age_bands': {
      if (key === 'other') return reportText(lang, 'ageOther');
      const [from, to] = key.split('-');
      return reportText(lang, 'ageBand', { from: from ?? '', to: to ?? '' });
    }
    case 'data':
      return dataLabels[dimension]?.get(key) ?? key;
  }
}

/** The headings a dimension always shows, or null when they come from the data. */
function fixedKeys(dimension: ReportDimension, plan: TablePlan): string[] | null {
  const filtered = plan.table.filters[dimension];
  const source = DIMENSION_HEADINGS[dimension];
  switch (source.kind) {
    case 'codes':
      return filtered ?? [...source.codes];
    case 'months':
      return monthsOf(plan.from, plan.to);
    case 'quarters':
      return quartersOf(plan.from, plan.to);
    case 'age_bands':
      return plan.ageBands.map(ageBandKey);
    case 'data':
      return filtered ?? null;
  }
}

const SEPARATOR = '|';
const ALL = 'all';

function sideHeadings(
  dimensions: readonly ReportDimension[],
  plan: TablePlan,
  found: readonly string[][],
  label: (dimension: ReportDimension, key: string) => string,
): { keys: string[][]; headings: ReportHeading[] } {
  if (dimensions.length === 0) return { keys: [[]], headings: [{ key: ALL, label: '' }] };
  const fixed = dimensions.map((dimension) => fixedKeys(dimension, plan));
  let keys: string[][] = [[]];
  if (fixed.every((list) => list !== null)) {
    for (const list of fixed) keys = keys.flatMap((prefix) => list.map((key) => [...prefix, key]));
  } else keys = [];
  const known = new Set(keys.map((key) => key.join(SEPARATOR)));
  const extra = found.filter((key) => !known.has(key.join(SEPARATOR)));
  const unique = [...new Map(extra.map((key) => [key.join(SEPARATOR), key])).values()];
  const order = (key: string[]) =>
    key.map((part, i) => {
      const index = fixed[i]?.indexOf(part) ?? -1;
      return index >= 0 ? String(index).padStart(4, '0') : `~${label(dimensions[i] as ReportDimension, part)}`;
    });
  unique.sort((a, b) => order(a).join(SEPARATOR).localeCompare(order(b).join(SEPARATOR)));
  keys = [...keys, ...unique];
  return {
    keys,
    headings: keys.map((key) => ({
      key: key.join(SEPARATOR),
      label: key.map((part, i) => label(dimensions[i] as ReportDimension, part)).join(' · '),
    })),
  };
}

export interface TableText {
  title: string;
  measureLabel: string;
  targets?: ReportTable['targets'];
  notes?: string[];
}

export function assembleTable(
  plan: TablePlan,
  counts: readonly CellCount[],
  lang: Language,
  dataLabels: DataLabels,
  text: TableText,
): ReportTable {
  const { table } = plan;
  const label = (dimension: ReportDimension, key: string) => dimensionValueLabel(lang, dimension, key, dataLabels);
  const rows = sideHeadings(
    table.rows,
    plan,
    counts.flatMap((count) => (count.row && table.rows.length ? [count.row] : [])),
    label,
  );
  const columns = sideHeadings(
    table.columns,
    plan,
    counts.flatMap((count) => (count.column && table.columns.length ? [count.column] : [])),
    label,
  );
  const sideKey = (key: string[] | null, dimensions: readonly ReportDimension[]) =>
    dimensions.length === 0 ? ALL : key === null ? null : key.join(SEPARATOR);
  const cell = new Map<string, number>();
  for (const count of counts) {
    const r = sideKey(count.row, table.rows);
    const c = sideKey(count.column, table.columns);
    cell.set(`${r ?? '*'}\u0000${c ?? '*'}`, count.n);
  }
  const at = (r: string, c: string) => cell.get(`${r}\u0000${c}`) ?? 0;
  const rowKeys = rows.headings.map((heading) => heading.key);
  const columnKeys = columns.headings.map((heading) => heading.key);
  const noColumns = table.columns.length === 0;
  const noRows = table.rows.length === 0;
  const rowTotals = rowKeys.map((r) => (noColumns ? at(r, ALL) : at(r, '*')));
  const columnTotals = columnKeys.map((c) => (noRows ? at(ALL, c) : at('*', c)));
  const grandTotal =
    noRows && noColumns ? at(ALL, ALL) : noRows ? at(ALL, '*') : noColumns ? at('*', ALL) : at('*', '*');
  const overlap = {
    rows: !noRows && sum(rowTotals) > grandTotal,
    columns: !noColumns && sum(columnTotals) > grandTotal,
  };
  const dimensionLabel = (dimensions: readonly ReportDimension[]) =>
    dimensions.length ? dimensions.map((dimension) => reportText(lang, `dimension.${dimension}`)).join(' · ') : null;
  return {
    id: table.id,
    title: text.title,
    measureLabel: text.measureLabel,
    rowDimension: table.rows.length ? table.rows.join('+') : null,
    columnDimension: table.columns.length ? table.columns.join('+') : null,
    rowDimensionLabel: dimensionLabel(table.rows),
    columnDimensionLabel: dimensionLabel(table.columns),
    rows: rows.headings,
    columns: noColumns ? [{ key: ALL, label: text.measureLabel }] : columns.headings,
    cells: rowKeys.map((r) => columnKeys.map((c) => at(r, c))),
    rowTotals,
    columnTotals,
    grandTotal,
    rowsOverlap: overlap.rows,
    columnsOverlap: overlap.columns,
    besides: [],
    percentOf: table.percentOf,
    targets: text.targets ?? [],
    notes: [...(text.notes ?? []), ...overlapNotes(lang, table, overlap)],
  };
}

const sum = (counts: readonly number[]) => counts.reduce((total, n) => total + n, 0);

/**
 * Why the rows (or columns) of a table do not add up to its total, and what its shares are of: a donor reading
 * 189 % down a column is told that a child with several case types is in several rows and once in the total. No
 * number is quoted: in an anonymised output the total may be hidden.
 */
function overlapNotes(lang: Language, table: ReportTableDefinition, overlap: { rows: boolean; columns: boolean }) {
  const notes: string[] = [];
  const sides = [
    { side: 'rows', overlaps: overlap.rows, dimensions: table.rows },
    { side: 'columns', overlaps: overlap.columns, dimensions: table.columns },
  ] as const;
  for (const { side, overlaps, dimensions } of sides) {
    if (!overlaps) continue;
    const why = dimensions.some((dimension) => MULTI_VALUED_DIMENSIONS.includes(dimension)) ? 'CaseTypes' : 'Other';
    notes.push(reportText(lang, `note.${side}Overlap${why}`));
  }
  const shareOverlaps =
    (table.percentOf === 'total' && (overlap.rows || overlap.columns)) ||
    (table.percentOf === 'column' && overlap.rows) ||
    (table.percentOf === 'row' && overlap.columns);
  if (shareOverlaps) notes.push(reportText(lang, 'note.sharesOfChildren'));
  return notes;
}

/** A cell's key as the drilldown sends it back, split into one value per dimension. */
export function splitHeadingKey(key: string | undefined, dimensions: readonly ReportDimension[]): string[] | null {
  if (key === undefined || dimensions.length === 0) return null;
  const parts = key.split(SEPARATOR);
  if (parts.length !== dimensions.length) throw invalid('key', 'This heading does not belong to the table.');
  return parts;
}
