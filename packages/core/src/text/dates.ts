import { z } from 'zod';

/** The message for a date not written `YYYY-MM-DD`; a screen shows its own words for it (dd/mm/yyyy). */
export const ISO_DATE_FORMAT_MESSAGE = 'Use the form YYYY-MM-DD.';

/** A calendar date as `YYYY-MM-DD`; refuses dates that do not exist (2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: ISO_DATE_FORMAT_MESSAGE, abort: true })
  .refine(isRealDate, { message: 'This date does not exist.' });

export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole years between a birth date and a reference date, as a person counts their age. */
export function ageOn(birthDate: string, referenceDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = rm > bm || (rm === bm && rd >= bd);
  return ry - by - (hadBirthday ? 0 : 1);
}

/** The birth date we record for an estimated age: the same day and month as the reference date. */
export function birthDateForAge(years: number, referenceDate: string): string {
  const [ry, rest] = [Number(referenceDate.slice(0, 4)), referenceDate.slice(4)];
  const candidate = `${String(ry - years).padStart(4, '0')}${rest}`;
  // 29 February has no equivalent in most years.
  return isRealDate(candidate) ? candidate : `${String(ry - years).padStart(4, '0')}-02-28`;
}

/** Cambodia's time zone: "today" for a case is the organisation's day, whatever the device's clock says. */
export const DEFAULT_TIME_ZONE = 'Asia/Phnom_Penh';

export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
