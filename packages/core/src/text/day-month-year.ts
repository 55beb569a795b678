import { isRealDate } from './dates';

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

/** Latin digits for Khmer ones, so a date typed on a Khmer keyboard reads the same as one typed in Latin. */
export function latinDigits(text: string): string {
  return text.replace(/[០-៩]/g, (digit) => String(KHMER_DIGITS.indexOf(digit)));
}

/** Khmer digits for Latin ones: Khmer screens and documents write ១៤ មីនា ២០២៦. */
export function khmerDigits(text: string): string {
  return text.replace(/\d/g, (digit) => KHMER_DIGITS[Number(digit)] ?? digit);
}

/**
 * A date as typed, day first as Cambodian forms write it: "14/03/2026", "14-3-2026", "14.03.2026", or in Khmer
 * digits "១៤/០៣/២០២៦". Returns `YYYY-MM-DD`, or null for anything else (a two-digit year, a 31 April), so the
 * form says the date is not valid instead of guessing.
 */
export function parseDayMonthYear(text: string): string | null {
  const match = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(latinDigits(text.trim()));
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** `YYYY-MM-DD` as the date field shows it for editing: "14/03/2026". */
export function toDayMonthYear(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return year && month && day ? `${day}/${month}/${year}` : isoDate;
}
