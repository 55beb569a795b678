import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../src/targets/indicator-catalogue';
import { hiddenPoints, progressDates, targetProgress } from '../src/targets/target-progress';
import { targetInputSchema, type Target } from '../src/targets/target.schema';

const base = { id: '0b5a3f0e-8a43-4f3c-9a55-0e4f7c1d2a10', note: '', updatedAt: '2026-01-01T00:00:00.000Z' };

/** Siem Reap's plan: 30 % of the children in residential care on 1 January 2018 back with families by year end. */
const returnToFamily: Target = {
  ...base,
  indicator: 'returned_to_family',
  breakdownKey: null,
  periodFrom: '2018-01-01',
  periodTo: '2018-12-31',
  baselineOn: '2018-01-01',
  value: 30,
};

/** The CCPCR shelter's plan: 60 trafficking-for-labour referrals in 2026. */
const plannedReferrals: Target = {
  ...base,
  indicator: 'referrals',
  breakdownKey: 'TL',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  baselineOn: null,
  value: 60,
};

describe('target progress', () => {
  it('counts a percentage of the baseline cohort against a straight line from the baseline', () => {
    const dates = progressDates(returnToFamily, '2018-03-15');
    expect(dates).toEqual(['2018-01-31', '2018-02-28', '2018-03-15']);
    const progress = targetProgress(returnToFamily, '2018-03-15', [
      { achieved: 2, cohort: 40 },
      { achieved: 5, cohort: 40 },
      { achieved: 9, cohort: 40 },
    ]);
    // 9 of 40 = 22.5 %; 1 Jan to 15 Mar is 74 of 365 days, so 30 × 74 / 365 = 6.08 % is due; 12 of 40 is the target.
    expect(progress).toMatchObject({
      actual: 22.5,
      achievedCount: 9,
      cohortCount: 40,
      targetCount: 12,
      percentAchieved: 75,
      expectedByNow: 6.1,
      status: 'on_track',
      countedTo: '2018-03-15',
    });
    expect(progress.series).toEqual([
      { on: '2018-01-31', actual: 5, expected: 2.5 },
      { on: '2018-02-28', actual: 12.5, expected: 4.8 },
      { on: '2018-03-15', actual: 22.5, expected: 6.1 },
    ]);
  });

  it('counts a planned number for one case type, behind the straight line', () => {
    const dates = progressDates(plannedReferrals, '2026-06-30');
    expect(dates).toHaveLength(6);
    const progress = targetProgress(
      plannedReferrals,
      '2026-06-30',
      [3, 7, 10, 14, 20, 25].map((achieved) => ({ achieved, cohort: null })),
    );
    // 181 of 365 days: 60 × 181 / 365 = 29.75 due; 25 of 60 is 41.7 % of the target.
    expect(progress).toMatchObject({
      actual: 25,
      cohortCount: null,
      targetCount: 60,
      percentAchieved: 41.7,
      expectedByNow: 29.8,
      status: 'behind',
    });
    expect(progress.series[0]).toEqual({ on: '2026-01-31', actual: 3, expected: 5.1 });
  });

  it('has not started before its first day, and is achieved or missed once the period is over', () => {
    const early = targetProgress(plannedReferrals, '2025-12-31', []);
    expect(early).toMatchObject({ status: 'not_started', actual: 0, expectedByNow: 0, series: [] });

    const late = progressDates(plannedReferrals, '2027-02-01');
    expect(late).toHaveLength(12);
    expect(late.at(-1)).toBe('2026-12-31');
    const counts = late.map((_, i) => ({ achieved: i * 5, cohort: null }));
    expect(targetProgress(plannedReferrals, '2027-02-01', counts)).toMatchObject({
      actual: 55,
      expectedByNow: 60,
      status: 'missed',
      countedTo: '2026-12-31',
    });
    counts[11] = { achieved: 61, cohort: null };
    expect(targetProgress(plannedReferrals, '2027-02-01', counts).status).toBe('achieved');
  });

  it('hides, for an anonymised view, small counts and months whose rise since the last month shown is small', () => {
    const counts = [0, 3, 6, 12, 14, 20].map((achieved) => ({ achieved, cohort: null }));
    // 0 shown; 3 is small; 6 rose by 6 from 0; 12 by 6; 14 by only 2, so hidden; 20 by 8 from 12.
    expect(hiddenPoints(counts, 5)).toEqual([false, true, false, false, true, false]);
    const progress = targetProgress(plannedReferrals, '2026-06-30', counts, 5);
    expect(progress.series.map((point) => point.actual)).toEqual([0, null, 6, 12, null, 20]);
    expect(progress).toMatchObject({ actual: 20, achievedCount: 20, percentAchieved: 33.3, suppressionThreshold: 5 });

    const small = targetProgress(
      returnToFamily,
      '2018-03-15',
      [
        { achieved: 0, cohort: 4 },
        { achieved: 1, cohort: 4 },
        { achieved: 2, cohort: 4 },
      ],
      5,
    );
    // A cohort of four children is itself small: every figure goes, the status stays.
    expect(small).toMatchObject({ actual: null, achievedCount: null, cohortCount: null, targetCount: null });
    expect(small.series.map((point) => point.actual)).toEqual([null, null, null]);
    expect(small.status).toBe('achieved');
  });

  it('reads the returned-to-family share from the engine’s cells: family destinations only, out of the cohort', () => {
    const read = INDICATORS.returned_to_family.read([
      { row: ['in_care'], column: null, n: 10 },
      { row: ['in_care'], column: ['none'], n: 6 },
      { row: ['reintegrated'], column: ['birth_family'], n: 2 },
      { row: ['reintegrated'], column: ['relatives'], n: 1 },
      { row: ['reintegrated'], column: ['group_home'], n: 1 },
      { row: ['reintegrated'], column: null, n: 4 },
      { row: null, column: null, n: 10 },
    ]);
    expect(read).toEqual({ achieved: 3, cohort: 10 });
    expect(INDICATORS.referrals.read([{ row: [], column: [], n: 7 }])).toEqual({ achieved: 7, cohort: null });
  });
});

describe('target input', () => {
  const valid = {
    indicator: 'returned_to_family',
    periodFrom: '2018-01-01',
    periodTo: '2018-12-31',
    baselineOn: '2018-01-01',
    value: 30,
  };
  const problems = (input: object) =>
    targetInputSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

  it('accepts a plan and refuses what cannot be counted', () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ ...valid, value: 130 })).toEqual(['value']);
    expect(problems({ ...valid, baselineOn: null })).toEqual(['baselineOn']);
    expect(problems({ ...valid, baselineOn: '2018-02-01' })).toEqual(['baselineOn']);
    expect(problems({ ...valid, periodTo: '2017-12-31' })).toEqual(['periodTo']);
    expect(problems({ ...valid, periodTo: '2021-01-01' })).toEqual(['periodTo']);
    expect(problems({ ...valid, breakdownKey: 'TL' })).toEqual(['breakdownKey']);
    expect(problems({ ...valid, indicator: 'referrals', baselineOn: null, breakdownKey: 'TL', value: 60 })).toEqual([]);
    expect(problems({ ...valid, indicator: 'referrals', baselineOn: null, breakdownKey: 'XX', value: 60 })).toEqual([
      'breakdownKey',
    ]);
    expect(problems({ ...valid, indicator: 'referrals', baselineOn: null, value: 2.5 })).toEqual(['value']);
  });
});
