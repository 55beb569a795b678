/**
 * Normalises names for search and matching. Khmer text typed on different keyboards differs in invisible
 * ways (zero-width spaces, composed vs decomposed forms); Latin spellings differ in case, spaces and hyphens.
 */
const INVISIBLE = /[\u200B-\u200D\uFEFF]/g;
const SEPARATORS = /[\s\-'’.,]+/g;

export function normaliseForSearch(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(SEPARATORS, '').toLowerCase();
}

/** The searchable form of several name parts, each normalised, joined with a separator no query contains. */
export function searchKey(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .map(normaliseForSearch)
    .join('|');
}

const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;

export function hasKhmerScript(text: string): boolean {
  return KHMER.test(text);
}
