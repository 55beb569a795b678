import { describe, expect, it } from 'vitest';
import { dueForRetention, retentionSettingsSchema, type RetentionCandidate } from '../src/index';

const closed = (caseNumber: string, since: string, pseudonymised = false): RetentionCandidate => ({
  id: `00000000-0000-4000-8000-${caseNumber.padStart(12, '0')}`,
  caseNumber,
  status: 'closed',
  since,
  pseudonymised,
});

describe('retention rules', () => {
  const settings = retentionSettingsSchema.parse({
    rules: [{ status: 'closed', action: 'pseudonymise', afterYears: 5 }],
  });

  it('are off by default', () => {
    expect(retentionSettingsSchema.parse({}).rules).toEqual([]);
    expect(dueForRetention([closed('1', '2000-01-01')], retentionSettingsSchema.parse({}), '2026-11-23')).toEqual([]);
  });

  it('pick the cases whose status has lasted the rule’s years, on the anniversary and not the day before', () => {
    const cases = [
      closed('1', '2021-11-23'),
      closed('2', '2021-11-24'),
      closed('3', '2015-06-01'),
      closed('4', '2010-01-01', true),
      { ...closed('5', '2001-01-01'), status: 'active' as const },
    ];
    const due = dueForRetention(cases, settings, '2026-11-23');
    expect(due.map((item) => [item.caseNumber, item.dueOn])).toEqual([
      ['3', '2020-06-01'],
      ['1', '2026-11-23'],
    ]);
  });

  it('count a 29 February closure from 1 March in a year without one', () => {
    const due = dueForRetention(
      [closed('1', '2024-02-29')],
      { rules: [{ ...settings.rules[0]!, afterYears: 1 }] },
      '2025-02-28',
    );
    expect(due).toEqual([]);
    expect(
      dueForRetention([closed('1', '2024-02-29')], { rules: [{ ...settings.rules[0]!, afterYears: 1 }] }, '2025-03-01'),
    ).toHaveLength(1);
  });

  it('refuse two rules for one status', () => {
    const twice = { status: 'closed', action: 'pseudonymise', afterYears: 2 };
    expect(retentionSettingsSchema.safeParse({ rules: [twice, twice] }).success).toBe(false);
    expect(retentionSettingsSchema.safeParse({ rules: [{ ...twice, afterYears: 0 }] }).success).toBe(false);
  });
});
