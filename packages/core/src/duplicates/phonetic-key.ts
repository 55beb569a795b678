import { romaniseKhmer } from './khmer-romanise';

/**
 * Phonetic keys for Cambodian names. Khmer names reach Latin letters through many hands (birth certificates,
 * passports, NGO intake forms, police reports) and no one romanisation, so "Sreypov", "Srey Pov" and
 * "Sreipov" are one name, as are "Vichet", "Vicheth" and "Wichet". A key folds those variants together; the
 * duplicate check compares keys, and Jaro-Winkler on keys for what the folds miss.
 *
 * The rules run in this order over the whole name with spaces removed (so "Srey Pov" and "Sreypov" meet the
 * same rules at the same places). Each folds a difference that spellings of Khmer names really show; each
 * one also merges some distinct names, and the comment says which trade was accepted.
 */
export const PHONETIC_RULES: readonly (readonly [pattern: RegExp, replacement: string, why: string])[] = [
  // Consonants. Aspiration (ខ kh, ឆ chh, ថ th, ផ ph) is written or dropped at will: Sokh / Sok, Vicheth / Vichet,
  // Chhay / Chay. Folding it loses "Phan" against "Pan", which are rarely told apart in Latin letters anyway.
  [/chh|ch|j/g, 'c', 'ច ឆ ជ ឈ are written ch, chh or j: one letter for all'],
  [/kh|gh/g, 'k', 'ខ ឃ: Sokh = Sok'],
  [/ph|bh/g, 'p', 'ផ ភ: Sophea = Sopea, Boppha = Bopha'],
  [/th|dh/g, 't', 'ថ ធ: Thida = Tida, Dhara = Dara (below)'],
  [/d/g, 't', 'ដ and ត are spelled d or t: ធីតា is Thida; costs Dara = Tara, a name hardly used'],
  [/w/g, 'v', 'វ is v or w: Wichet = Vichet'],
  [/y/g, 'i', 'y and i are the same vowel in Srey / Srei, Ly / Li'],
  // Vowels. ុ ូ are o or u (Bopha / Bupha, Sok / Souk); ឺ ើ are eu or oe (Choeun / Cheun).
  [/oeu|eu/g, 'oe', 'ឺ ើ are oeu, eu or oe'],
  [/ou|u/g, 'o', 'ុ ូ: ou, o and u; costs Suon = Son'],
  [/ia|ie/g, 'ea', 'ា after an o-series consonant and ៀ are ea, ia or ie: Sophea = Sophia'],
  // After r, l and n the o-series ា is usually written a (Dara, Ratana, Phalla, Kanha), although it is ea
  // after other consonants (Sophea, Chea). Fold the sonorant case only, so Sophea and Sopha stay apart.
  [/(r|l|nh|n)ea/g, '$1a', 'រា លា នា ញា: Darea = Dara, Ratanea = Ratana'],
  // Final រ is silent and r/h after a vowel often only marks its length: Sorn = Son, Thidar = Thida,
  // Sopheah = Sophea. An h before a vowel stays, and Sokha keeps its final a, so it stays apart from Sok.
  [/([aeio])[rh](?![aeio])/g, '$1', 'r or h after a vowel, not before one'],
  [/ei$/, 'i', 'a name ending ី is written -ey, -ei or -i: Borey = Bori'],
  [/ec(?![aeio])/g, 'ic', 'េ before a final ch is usually i: Pich = Pech (ពេជ្រ)'],
  [/([a-z])\1+/g, '$1', 'doubled letters are a spelling habit: Rattana = Ratana, Chann = Chan, Vanna = Vana'],
];

/** Folds a Latin spelling of a Khmer name to its phonetic key (lowercase a-z, possibly empty). */
export function latinPhoneticKey(name: string): string {
  const letters = name
    .normalize('NFKD') // UNGEGN marks (â, ŏ, é) come off as combining characters
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return PHONETIC_RULES.reduce((key, [pattern, replacement]) => key.replace(pattern, replacement), letters);
}

/** The phonetic key of a name in Khmer script (Latin text in it is kept), comparable with `latinPhoneticKey`. */
export function khmerPhoneticKey(name: string): string {
  return latinPhoneticKey(romaniseKhmer(name));
}

/**
 * The key of a name in either script, remembered: names repeat a great deal (a few hundred family and given
 * names cover most children) and the duplicate check keys every case. The cache holds only pure results and
 * is emptied when full, so it never grows without bound.
 */
function remembered(compute: (name: string) => string): (name: string) => string {
  const known = new Map<string, string>();
  return (name) => {
    let key = known.get(name);
    if (key === undefined) {
      if (known.size >= 10_000) known.clear();
      key = compute(name);
      known.set(name, key);
    }
    return key;
  };
}
export const phoneticKey = remembered(khmerPhoneticKey);

/** The rules that look at the end of a name (-ey written -i) would break a name cut short or lengthened. */
const STEM_RULES = PHONETIC_RULES.filter(([pattern]) => !pattern.source.includes('$'));

/**
 * A key that folds spellings as `phoneticKey` does everywhere but at the end of the name, so that a name is a
 * prefix of the same name with a sound added (Srey "srei" of Sreyl "sreil") and of a longer name typed in part.
 */
export const phoneticStemKey = remembered((name) => {
  const letters = romaniseKhmer(name)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return STEM_RULES.reduce((key, [pattern, replacement]) => key.replace(pattern, replacement), letters);
});
