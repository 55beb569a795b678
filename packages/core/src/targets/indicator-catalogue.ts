import { CASE_TYPES } from '../codes/case-codes';
import type { ReportTableDefinitionInput } from '../reports/report-definition.schema';
import type { CellCount } from '../reports/report-planner';

/**
 * The indicators a target can be set on. Each is computed by the report engine from one table, counted up to a
 * date: a target's progress is the same number the matching built-in report shows for the same period.
 */
export const INDICATOR_IDS = ['returned_to_family', 'moved_to_group_home_or_independent_living', 'referrals'] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATOR_UNITS = ['count', 'percent'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** Reintegration to a family: the child's own, relatives (kinship care) or a foster family. */
export const FAMILY_DESTINATIONS = ['birth_family', 'relatives', 'foster'] as const;

/** What the engine counts for an indicator up to a date: the achieved number, and the baseline cohort if any. */
export interface IndicatorCount {
  achieved: number;
  /** Children in the baseline cohort, for a percentage; null for a plain count. */
  cohort: number | null;
}

export interface Indicator {
  id: IndicatorId;
  unit: IndicatorUnit;
  /** A percentage of the children in residential care on a baseline date needs that date. */
  needsBaseline: boolean;
  /** A target may be set for one value of this dimension (a planned number per case type). */
  breakdown: { dimension: 'case_type'; values: readonly string[] } | null;
  /** The built-in report showing the same numbers, for whoever wants the detail. */
  reportId: string;
  /** The engine table counted from the start of the target (its baseline, or its first day) to a date. */
  table: (breakdownKey: string | null) => ReportTableDefinitionInput;
  read: (counts: readonly CellCount[]) => IndicatorCount;
}

const isTotal = (side: string[] | null) => side === null || side.length === 0;

/** The grand total: the one count over no dimension (every side null, or no dimension at all). */
export function grandTotal(counts: readonly CellCount[]): number {
  return counts.find((count) => isTotal(count.row) && isTotal(count.column))?.n ?? 0;
}

const returnedToFamily: Indicator = {
  id: 'returned_to_family',
  unit: 'percent',
  needsBaseline: true,
  breakdown: null,
  reportId: 'alternative-care-progress',
  table: () => ({
    id: 'returned-to-family',
    title: 'table.progressByFacility',
    source: 'care_cohort',
    measure: 'children',
    rows: ['progress'],
    columns: ['destination'],
  }),
  // A child of the cohort has at most one destination (the first reintegration), so the cells add up.
  read: (counts) => ({
    achieved: counts
      .filter((count) => count.row?.[0] === 'reintegrated' && count.column?.length === 1)
      .filter((count) => (FAMILY_DESTINATIONS as readonly string[]).includes(count.column?.[0] ?? ''))
      .reduce((sum, count) => sum + count.n, 0),
    cohort: counts.find((count) => count.row?.[0] === 'in_care' && count.column === null)?.n ?? 0,
  }),
};

const movedToGroupHome: Indicator = {
  id: 'moved_to_group_home_or_independent_living',
  unit: 'count',
  needsBaseline: false,
  breakdown: null,
  reportId: 'shelter-quarterly',
  table: () => ({
    id: 'moved-to-group-home',
    title: 'table.reintegrations',
    source: 'reintegration',
    measure: 'children',
    filters: { destination: ['group_home', 'independent_living'] },
  }),
  read: (counts) => ({ achieved: grandTotal(counts), cohort: null }),
};

const referrals: Indicator = {
  id: 'referrals',
  unit: 'count',
  needsBaseline: false,
  breakdown: { dimension: 'case_type', values: CASE_TYPES },
  reportId: 'shelter-quarterly',
  table: (caseType) => ({
    id: 'referrals',
    title: 'table.referralsByCaseType',
    source: 'referral',
    measure: 'children',
    filters: caseType ? { case_type: [caseType] } : {},
  }),
  read: (counts) => ({ achieved: grandTotal(counts), cohort: null }),
};

export const INDICATORS: Readonly<Record<IndicatorId, Indicator>> = {
  returned_to_family: returnedToFamily,
  moved_to_group_home_or_independent_living: movedToGroupHome,
  referrals,
};
