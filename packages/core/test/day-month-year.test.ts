import { describe, expect, it } from 'vitest';
import { khmerDigits, parseDayMonthYear, toDayMonthYear } from '../src/text/day-month-year';

describe('dates typed day first', () => {
  it('reads day, month, year in Latin or Khmer digits, with any usual separator', () => {
    expect(parseDayMonthYear('14/03/2026')).toBe('2026-03-14');
    expect(parseDayMonthYear(' 4-3-2026 ')).toBe('2026-03-04');
    expect(parseDayMonthYear('14.03.2026')).toBe('2026-03-14');
    expect(parseDayMonthYear('១៤/០៣/២០២៦')).toBe('2026-03-14');
  });

  it('never reads the month first, as a browser in an American locale would', () => {
    expect(parseDayMonthYear('03/14/2026')).toBeNull();
    expect(parseDayMonthYear('12/01/2026')).toBe('2026-01-12');
  });

  it('refuses dates that do not exist and years it would have to guess', () => {
    expect(parseDayMonthYear('31/04/2026')).toBeNull();
    expect(parseDayMonthYear('29/02/2025')).toBeNull();
    expect(parseDayMonthYear('14/03/26')).toBeNull();
    expect(parseDayMonthYear('2026-03-14')).toBeNull();
    expect(parseDayMonthYear('')).toBeNull();
  });

  it('writes a stored date back for editing, and digits in Khmer', () => {
    expect(toDayMonthYear('2026-03-14')).toBe('14/03/2026');
    expect(parseDayMonthYear(toDayMonthYear('2026-12-01'))).toBe('2026-12-01');
    expect(khmerDigits('14 មីនា 2026')).toBe('១៤ មីនា ២០២៦');
  });
});
