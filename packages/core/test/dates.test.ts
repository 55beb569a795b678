import { describe, expect, it } from 'vitest';
import { ageOn, birthDateForAge, isoDate, isRealDate, todayIn } from '../src/text/dates';

describe('calendar dates', () => {
  it('knows which dates exist', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2025-02-30')).toBe(false);
    expect(isRealDate('2025-13-01')).toBe(false);
    expect(isoDate.safeParse('2025-4-1').success).toBe(false);
    expect(isoDate.safeParse('2025-04-01').success).toBe(true);
  });

  it('counts age in whole years at a reference date, as people do', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('turns an estimated age into a birth date that gives that age at the reference date', () => {
    expect(birthDateForAge(14, '2026-10-02')).toBe('2012-10-02');
    expect(ageOn(birthDateForAge(14, '2026-10-02'), '2026-10-02')).toBe(14);
    expect(birthDateForAge(3, '2024-02-29')).toBe('2021-02-28');
  });
});

describe('today in a time zone', () => {
  it('is Cambodia’s date, not UTC’s, from 5 p.m. UTC', () => {
    expect(todayIn('Asia/Phnom_Penh', new Date('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
    expect(todayIn('Asia/Phnom_Penh', new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
    expect(todayIn('UTC', new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-23');
  });
});
