import {
  DIMENSION_HEADINGS,
  measureFits,
  REPORT_MEASURES,
  SOURCE_DIMENSIONS,
  type ReportDimension,
  type ReportMeasure,
  type ReportSource,
  type ReportTableDefinitionInput,
} from '@homeward/core';

export type PercentOf = 'row' | 'column' | 'total';

/** The pivot builder's table as it is being composed. */
export interface PivotDraft {
  source: ReportSource;
  measure: ReportMeasure;
  rows: ReportDimension[];
  columns: ReportDimension[];
  filters: Partial<Record<ReportDimension, string[]>>;
  percentOf: PercentOf | null;
}

export const EMPTY_PIVOT: PivotDraft = {
  source: 'referral',
  measure: 'children',
  rows: [],
  columns: [],
  filters: {},
  percentOf: null,
};

export function measuresOf(source: ReportSource): ReportMeasure[] {
  return REPORT_MEASURES.filter((measure) => measureFits(source, measure));
}

/** Only dimensions whose values are a code list can be filtered here: the others' values are not known ahead. */
export function filterableDimensions(source: ReportSource): ReportDimension[] {
  return SOURCE_DIMENSIONS[source].filter((dimension) => DIMENSION_HEADINGS[dimension].kind === 'codes');
}

/** Another source keeps what it also has: its dimensions, filters and a measure that fits it. */
export function withSource(draft: PivotDraft, source: ReportSource): PivotDraft {
  const has = (dimension: ReportDimension) => SOURCE_DIMENSIONS[source].includes(dimension);
  const filterable = filterableDimensions(source);
  return {
    ...draft,
    source,
    measure: measureFits(source, draft.measure) ? draft.measure : 'children',
    rows: draft.rows.filter(has),
    columns: draft.columns.filter(has),
    filters: Object.fromEntries(
      Object.entries(draft.filters).filter(([dimension]) => filterable.includes(dimension as ReportDimension)),
    ),
  };
}

/** The table definition the API runs and saves; filters with no value chosen filter nothing and are left out. */
export function tableDefinition(draft: PivotDraft, title: string): ReportTableDefinitionInput {
  return {
    id: 'table',
    title,
    source: draft.source,
    measure: draft.measure,
    rows: draft.rows,
    columns: draft.columns,
    filters: Object.fromEntries(Object.entries(draft.filters).filter(([, values]) => values.length > 0)),
    percentOf: draft.percentOf,
  };
}
