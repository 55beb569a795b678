import { phoneticKey, phoneticStemKey } from './phonetic-key';

/**
 * Search by name across scripts: a child registered as សុខ ដារា is found by typing "Dara" and a child registered
 * as Sok Dara by typing ដារា. Both the stored names and what is typed become the duplicate matcher's phonetic
 * keys (Khmer romanised first), so search and the duplicate check agree on what counts as the same name. The
 * key is stored on the case when it is written, so a search compares text instead of romanising every case.
 */
export interface SearchableNames {
  familyNameKm?: string | null | undefined;
  givenNameKm?: string | null | undefined;
  familyNameLatin?: string | null | undefined;
  givenNameLatin?: string | null | undefined;
  alias?: string | null | undefined;
}

/** The stored key: each name and each whole name in both orders, keyed, joined by a separator no key holds. */
export function romanisedSearchKey(names: SearchableNames): string {
  const { familyNameKm: fk, givenNameKm: gk, familyNameLatin: fl, givenNameLatin: gl, alias } = names;
  const whole = (family: string | null | undefined, given: string | null | undefined) =>
    family && given ? [`${family} ${given}`, `${given} ${family}`] : [];
  const parts = [...whole(fk, gk), ...whole(fl, gl), fk, gk, fl, gl, alias];
  const keys = parts.filter((part): part is string => Boolean(part?.trim())).map(phoneticKey);
  return [...new Set(keys.filter(Boolean))].join('|');
}

/**
 * What a typed query is looked for as, inside the stored key: its key as a whole name, and as the beginning of
 * a longer one ("Srey" is keyed "sri" as a name, "srei" inside "Sreypov"). Empty when nothing in it is a letter,
 * and for a case number.
 */
export function romanisedQueryKeys(query: string): string[] {
  // Names have no digits: a query with one is a case number, whose letters alone would match names at random.
  if (/[\d\u17e0-\u17e9]/.test(query)) return [];
  return [...new Set([phoneticKey(query), phoneticStemKey(query)])].filter(Boolean);
}
