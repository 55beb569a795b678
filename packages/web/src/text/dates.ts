import { DEFAULT_TIME_ZONE, khmerDigits, todayIn, type Language } from '@homeward/core';

// Not `toIsoDate(new Date())`, the UTC date, which in Cambodia (UTC+7) is still yesterday until 7 a.m.
let organisationTimeZone = DEFAULT_TIME_ZONE;

/** Set from the signed-in user, so the browser and the server agree on what "today" is. */
export function setOrganisationTimeZone(timeZone: string): void {
  organisationTimeZone = timeZone;
}

/** Today in the organisation's time zone (Cambodia's unless configured), not the device's. */
export function localToday(now: Date = new Date()): string {
  return todayIn(organisationTimeZone, now);
}

/**
 * Month names written out here rather than asked of Intl: Chromium's own ICU data has no Khmer (it printed
 * "Oct 16, 2026" for km-KH), nor do many older Android WebViews. Day first, as Cambodian forms write dates.
 */
export const MONTHS: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  km: ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'],
};

/** A calendar date (`YYYY-MM-DD`) for reading, one way on every screen: "16 Oct 2026", "១៦ តុលា ២០២៦". */
/** A date withheld from the user's role (null) is shown as a dash; the screen says why nearby. */
export function formatDate(isoDate: string | null, language: Language): string {
  if (isoDate === null) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  const month = m === undefined ? undefined : MONTHS[language][m - 1];
  if (y === undefined || d === undefined || month === undefined) return isoDate;
  const text = `${d} ${month} ${y}`;
  return language === 'km' ? khmerDigits(text) : text;
}
