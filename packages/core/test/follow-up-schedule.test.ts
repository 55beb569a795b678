import { describe, expect, it } from 'vitest';
import { addMonths, followUpRuleSchema, followUpSchedule, followUpStatus } from '../src/cases/follow-up-schedule';

describe('follow-up schedule', () => {
  it('follows the default rule: monthly to 6 months, quarterly to 24, six-monthly to 36', () => {
    const dates = followUpSchedule('2026-01-15');
    expect(dates).toHaveLength(6 + 6 + 2);
    expect(dates.slice(0, 7)).toEqual([
      '2026-02-15',
      '2026-03-15',
      '2026-04-15',
      '2026-05-15',
      '2026-06-15',
      '2026-07-15',
      '2026-10-15',
    ]);
    expect(dates.slice(-3)).toEqual(['2028-01-15', '2028-07-15', '2029-01-15']);
  });

  it('keeps the end of the month where the day does not exist', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('takes a programme’s own rule, and ends an uneven phase with a visit at its last month', () => {
    expect(followUpSchedule('2026-01-01', [{ everyMonths: 4, untilMonth: 10 }])).toEqual([
      '2026-05-01',
      '2026-09-01',
      '2026-11-01',
    ]);
    expect(
      followUpRuleSchema.safeParse([
        { everyMonths: 1, untilMonth: 6 },
        { everyMonths: 3, untilMonth: 6 },
      ]).success,
    ).toBe(false);
  });

  it('counts a visit a little early, never one visit twice, and knows what is overdue', () => {
    const due = ['2026-02-15', '2026-03-15', '2026-04-15'];
    expect(followUpStatus(due, ['2026-02-05', '2026-03-20'], '2026-04-20')).toEqual({
      due,
      done: ['2026-02-15', '2026-03-15'],
      next: '2026-04-15',
      overdue: ['2026-04-15'],
    });
    // One visit in February does not also settle March.
    expect(followUpStatus(due, ['2026-02-15'], '2026-03-01')).toMatchObject({
      done: ['2026-02-15'],
      next: '2026-03-15',
      overdue: [],
    });
  });
});
