export interface CaseNames {
  familyNameKm: string | null;
  givenNameKm: string | null;
  familyNameLatin: string | null;
  givenNameLatin: string | null;
}

/** Khmer names are written family name first, in both scripts. */
function join(family: string | null, given: string | null): string | null {
  const parts = [family, given].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' ') : null;
}

export function khmerName(names: CaseNames): string | null {
  return join(names.familyNameKm, names.givenNameKm);
}

export function latinName(names: CaseNames): string | null {
  return join(names.familyNameLatin, names.givenNameLatin);
}

/** The name to show first in the chosen language, falling back to the other script. */
export function displayName(names: CaseNames, lang: 'en' | 'km'): string {
  const km = khmerName(names);
  const latin = latinName(names);
  return (lang === 'km' ? (km ?? latin) : (latin ?? km)) ?? '';
}
