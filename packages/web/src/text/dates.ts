import type { Language } from '@homeward/core';

/**
 * Today's date where the user is. Not `toIsoDate(new Date())`, which is the UTC date: in Cambodia (UTC+7)
 * that is still yesterday until 7 in the morning.
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Month names written out here rather than asked of Intl: Chromium's own ICU data has no Khmer (it printed
 * "Oct 16, 2026" for km-KH), nor do many older Android WebViews. Day first, as Cambodian forms write dates.
 */
const MONTHS: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  km: ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'],
};

/** A calendar date (`YYYY-MM-DD`) for reading: "16 Oct 2026", "16 តុលា 2026". */
export function formatDate(isoDate: string, language: Language): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const month = m === undefined ? undefined : MONTHS[language][m - 1];
  if (y === undefined || d === undefined || month === undefined) return isoDate;
  return `${d} ${month} ${y}`;
}
