import { INDICATORS, type IndicatorCount } from './indicator-catalogue';
import type { ProgressPoint, Target, TargetProgress, TargetStatus } from './target.schema';

/**
 * The progress rule: the actual against the target, and against where a straight line from nothing on the first
 * day counted to the target on the last day says it should be by now. Pure, so the numbers the dashboard shows
 * can be checked by hand.
 */

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The first day counted: the baseline when the indicator has one, otherwise the period's first day. */
export function targetStart(target: Pick<Target, 'periodFrom' | 'baselineOn'>): string {
  return target.baselineOn ?? target.periodFrom;
}

function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/**
 * The days the engine counts up to: each month's end from the start, and the last day counted (the day asked,
 * or the period's end when it has passed). None before the start.
 */
export function progressDates(target: Pick<Target, 'periodFrom' | 'periodTo' | 'baselineOn'>, asOf: string): string[] {
  const start = targetStart(target);
  const last = asOf < target.periodTo ? asOf : target.periodTo;
  if (last < start) return [];
  const dates: string[] = [];
  let month = start.slice(0, 7);
  for (;;) {
    const end = lastDayOfMonth(month);
    if (end >= last) return [...dates, last];
    dates.push(end);
    const [year, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  }
}

/** The straight line: the share of the target due by a day, counting both the first and that day. */
export function expectedOn(target: Pick<Target, 'periodFrom' | 'periodTo' | 'baselineOn' | 'value'>, on: string) {
  const start = targetStart(target);
  if (on < start) return 0;
  const share = Math.min(1, (days(start, on) + 1) / (days(start, target.periodTo) + 1));
  return round1(target.value * share);
}

function actualOf(unit: 'count' | 'percent', count: IndicatorCount): number {
  if (unit === 'count') return count.achieved;
  return count.cohort ? round1((count.achieved / count.cohort) * 100) : 0;
}

/**
 * Anonymised progress (a department's view of the NGOs in its province): a count from 1 to threshold - 1 could
 * point at one child, so it is hidden, and so is a month whose rise since the last month shown is that small,
 * since subtracting the two would give it away. `null` is a hidden figure.
 */
export function hiddenPoints(counts: readonly IndicatorCount[], threshold: number): boolean[] {
  const small = (n: number | null) => n !== null && n > 0 && n < threshold;
  let shown = 0;
  return counts.map(({ achieved, cohort }) => {
    const hidden = small(achieved) || small(cohort) || small(Math.abs(achieved - shown));
    if (!hidden) shown = achieved;
    return hidden;
  });
}

/** `counts` are the engine's, one per date of `progressDates`, in that order. */
export function targetProgress(
  target: Target,
  asOf: string,
  counts: readonly IndicatorCount[],
  suppressBelow?: number,
): TargetProgress {
  const indicator = INDICATORS[target.indicator];
  const dates = progressDates(target, asOf);
  if (counts.length !== dates.length) throw new Error('One count per progress date is needed.');
  const hidden = suppressBelow ? hiddenPoints(counts, suppressBelow) : counts.map(() => false);
  const series: ProgressPoint[] = dates.map((on, i) => ({
    on,
    actual: hidden[i] ? null : actualOf(indicator.unit, counts[i] as IndicatorCount),
    expected: expectedOn(target, on),
  }));
  const last = counts.at(-1) ?? { achieved: 0, cohort: indicator.unit === 'percent' ? 0 : null };
  const lastHidden = hidden.at(-1) ?? false;
  const cohortHidden =
    suppressBelow !== undefined && last.cohort !== null && last.cohort > 0 && last.cohort < suppressBelow;
  const countedTo = dates.at(-1) ?? (asOf < target.periodTo ? asOf : target.periodTo);
  // The status is the true one: on track or behind says too little to point at a child.
  const actual = actualOf(indicator.unit, last);
  const expectedByNow = series.at(-1)?.expected ?? 0;
  const over = asOf >= target.periodTo;
  const status: TargetStatus =
    actual >= target.value
      ? 'achieved'
      : over
        ? 'missed'
        : dates.length === 0
          ? 'not_started'
          : actual >= expectedByNow
            ? 'on_track'
            : 'behind';
  return {
    target,
    asOf,
    countedTo,
    actual: lastHidden ? null : actual,
    achievedCount: lastHidden ? null : last.achieved,
    cohortCount: cohortHidden ? null : last.cohort,
    targetCount:
      indicator.unit === 'count'
        ? target.value
        : last.cohort === null || cohortHidden
          ? null
          : Math.ceil((last.cohort * target.value) / 100),
    percentAchieved: lastHidden ? null : round1((actual / target.value) * 100),
    expectedByNow,
    status,
    suppressionThreshold: suppressBelow ?? null,
    series,
  };
}
