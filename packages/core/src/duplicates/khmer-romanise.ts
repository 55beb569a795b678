/**
 * A rough, deterministic romanisation of Khmer script, made to land near the spellings families and
 * officials actually use for names (សុខ Sok, ស្រីពៅ Sreypov, ម៉ៅ Mao), not to follow UNGEGN. Its output is
 * only ever compared after `latinPhoneticKey` has folded spelling variants, so it need not choose between
 * "ea" and "ia", "ch" and "j", "th" and "t": it only needs to fall on the same side of those folds as the
 * Latin spellings do.
 *
 * Khmer writes a syllable as a consonant (with its series, a or o, which decides how the vowel sounds),
 * optional subscript consonants (COENG + consonant), a dependent vowel and diacritics. Characters that are
 * not Khmer (spaces, Latin letters, digits) are copied through, so mixed text still yields a key.
 */
type Series = 'a' | 'o';

/** U+1780..U+17A2 in code-point order: [sound at the start of a syllable, sound as a final, series]. */
// prettier-ignore
const CONSONANTS: readonly (readonly [string, string, Series])[] = [
  ['k', 'k', 'a'], ['kh', 'k', 'a'], ['k', 'k', 'o'], ['kh', 'k', 'o'], ['ng', 'ng', 'o'], // ក ខ គ ឃ ង
  ['ch', 'ch', 'a'], ['chh', 'ch', 'a'], ['ch', 'ch', 'o'], ['chh', 'ch', 'o'], ['nh', 'nh', 'o'], // ច ឆ ជ ឈ ញ
  ['d', 't', 'a'], ['th', 't', 'a'], ['d', 't', 'o'], ['th', 't', 'o'], ['n', 'n', 'a'], // ដ ឋ ឌ ឍ ណ
  ['t', 't', 'a'], ['th', 't', 'a'], ['t', 't', 'o'], ['th', 't', 'o'], ['n', 'n', 'o'], // ត ថ ទ ធ ន
  ['b', 'p', 'a'], ['ph', 'p', 'a'], ['p', 'p', 'o'], ['ph', 'p', 'o'], ['m', 'm', 'o'], // ប ផ ព ភ ម
  ['y', 'y', 'o'], ['r', 'r', 'o'], ['l', 'l', 'o'], ['v', 'v', 'o'], ['s', 's', 'a'], // យ រ ល វ ឝ
  ['s', 's', 'a'], ['s', 's', 'a'], ['h', 'h', 'a'], ['l', 'l', 'a'], ['', '', 'a'], // ឞ ស ហ ឡ អ
];

/** Dependent vowels U+17B6..U+17C5: [after an a-series consonant, after an o-series one]. */
// prettier-ignore
const VOWELS = new Map<number, readonly [string, string]>([
  [0x17b6, ['a', 'ea']], [0x17b7, ['e', 'i']], [0x17b8, ['ey', 'i']], [0x17b9, ['e', 'i']], // ា ិ ី ឹ
  [0x17ba, ['oe', 'oe']], [0x17bb, ['o', 'u']], [0x17bc, ['o', 'u']], [0x17bd, ['uo', 'uo']], // ឺ ុ ូ ួ
  [0x17be, ['ae', 'oe']], [0x17bf, ['oeu', 'oeu']], [0x17c0, ['ie', 'ie']], [0x17c1, ['e', 'e']], // ើ ឿ ៀ េ
  [0x17c2, ['ae', 'ae']], [0x17c3, ['ai', 'ey']], [0x17c4, ['ao', 'o']], [0x17c5, ['ao', 'ov']], // ែ ៃ ោ ៅ
]);

/** Independent vowels U+17A3..U+17B3 stand for a whole syllable without a consonant. */
// prettier-ignore
const INDEPENDENT = new Map<number, string>([
  [0x17a3, 'a'], [0x17a4, 'a'], [0x17a5, 'e'], [0x17a6, 'ey'], [0x17a7, 'o'], [0x17a8, 'ok'], [0x17a9, 'ou'],
  [0x17aa, 'ov'], [0x17ab, 'roe'], [0x17ac, 'roe'], [0x17ad, 'loe'], [0x17ae, 'loe'], [0x17af, 'ae'],
  [0x17b0, 'ai'], [0x17b1, 'ao'], [0x17b2, 'ao'], [0x17b3, 'au'],
]);

const AA = 0x17b6;
const NIKAHIT = 0x17c6; // ំ final nasal
const REAHMUK = 0x17c7; // ះ final breath, written h
const YUUKALEAPINTU = 0x17c8; // ៈ short a
const MUSIKATOAN = 0x17c9; // ៉ moves an o-series consonant to the a series (ម៉ៅ Mao, not Mov)
const TRIISAP = 0x17ca; // ៊ moves an a-series consonant to the o series (ស៊ី Si)
const BANTOC = 0x17cb; // ់ shortens the vowel before a final consonant (ចាន់ Chan)
const TOANDAKHIAT = 0x17cd; // ៍ the consonant is not pronounced
const SAMYOK = 0x17d0; // ័ short a (a series) or ea (o series): ស័ក្តិ Sak, ភ័ក្ត្រ Pheak
const COENG = 0x17d2; // ្ the next consonant is written below, as a subscript
const NASAL = 'M'; // stands for a nikahit final until the next syllable decides between m and ng
const BA = 20;
const YO = 25;
const GLIDES = new Set([YO, 26, 27, 28]); // យ រ ល វ: as subscripts they join the onset (ស្រ sr, ក្ល kl)

interface Cluster {
  consonant: number; // index into CONSONANTS, or -1 for an independent vowel
  independent: string;
  subscripts: number[];
  vowel: number | null;
  marks: Set<number>;
}

interface Syllable {
  onset: string;
  vowel: string;
  vowelMark: number | null;
  series: Series;
  inherent: boolean;
  final: string;
  closed: boolean;
  coda: string; // how the onset consonant would sound as a final, for a silent last vowel
}

function isConsonant(cp: number): boolean {
  return cp >= 0x1780 && cp <= 0x17a2;
}

function letter(index: number): readonly [string, string, Series] {
  return CONSONANTS[index] ?? ['', '', 'a'];
}

function bearsVowel(cluster: Cluster): boolean {
  if (cluster.consonant < 0 || cluster.vowel !== null) return true;
  return [NIKAHIT, REAHMUK, YUUKALEAPINTU, SAMYOK].some((mark) => cluster.marks.has(mark));
}

/** Consonants of one row of the alphabet (same place of articulation) form geminates across syllables. */
function sameRow(a: number, b: number): boolean {
  return a === b || (a < YO && b < YO && Math.floor(a / 5) === Math.floor(b / 5));
}

function toClusters(word: readonly number[]): Cluster[] {
  const clusters: Cluster[] = [];
  let current: Cluster | undefined;
  for (let i = 0; i < word.length; i++) {
    const cp = word[i] ?? 0;
    const independent = INDEPENDENT.get(cp);
    if (isConsonant(cp) || independent !== undefined) {
      current = {
        consonant: independent ? -1 : cp - 0x1780,
        independent: independent ?? '',
        subscripts: [],
        vowel: null,
        marks: new Set(),
      };
      clusters.push(current);
    } else if (current === undefined) {
      continue; // a mark with no consonant to sit on
    } else if (cp === COENG) {
      const next = word[i + 1];
      if (next !== undefined && isConsonant(next)) current.subscripts.push(next - 0x1780);
      i++;
    } else if (VOWELS.has(cp)) {
      current.vowel = cp;
    } else {
      current.marks.add(cp);
    }
  }
  return clusters.filter((cluster) => !cluster.marks.has(TOANDAKHIAT));
}

function romaniseWord(word: readonly number[]): string {
  const clusters = toClusters(word);
  const syllables: Syllable[] = [];
  clusters.forEach((cluster, i) => {
    const prev = syllables.at(-1);
    const open = prev !== undefined && !prev.closed;
    if (cluster.consonant < 0) {
      syllables.push({
        onset: '',
        vowel: cluster.independent,
        vowelMark: null,
        series: 'a',
        inherent: false,
        final: '',
        closed: false,
        coda: '',
      });
      return;
    }
    const [initial, final, baseSeries] = letter(cluster.consonant);
    // A consonant without a vowel closes the open syllable before it when it ends the word, carries a bantoc,
    // or follows a written vowel (សុខលី Sok-ly). After an inherent vowel it starts a syllable (រតនា Ra-ta-na),
    // as it does when the next consonant has no vowel either (សុវណ្ណ So-vann).
    if (prev && open && !bearsVowel(cluster)) {
      const next = clusters[i + 1];
      if (cluster.marks.has(BANTOC) || next === undefined || (bearsVowel(next) && !prev.inherent)) {
        closeWith(prev, cluster, final);
        return;
      }
    }
    let onset = cluster.consonant === BA && cluster.marks.has(MUSIKATOAN) ? 'p' : initial;
    let series: Series = baseSeries;
    let coda = final;
    const [first, ...rest] = cluster.subscripts;
    if (prev && open && first !== undefined && !GLIDES.has(first) && sameRow(cluster.consonant, first)) {
      // A geminate (ណ្ណ, ល្ល) or same-row pair (ប្ផ, ន្ត) straddles two syllables: the base closes the one
      // before, the subscript starts this one. Doubled letters are written once (វណ្ណា Vanna, not Vannna).
      prev.final = first === cluster.consonant ? '' : final;
      prev.closed = true;
      [onset, coda, series] = letter(first);
      onset += rest.map((sub) => letter(sub)[0]).join('');
    } else {
      onset += cluster.subscripts.map((sub) => letter(sub)[0]).join('');
    }
    if (cluster.marks.has(MUSIKATOAN)) series = 'a';
    if (cluster.marks.has(TRIISAP)) series = 'o';
    syllables.push(syllableOf(cluster, onset, series, coda));
  });
  return spell(syllables);
}

function syllableOf(cluster: Cluster, onset: string, series: Series, coda: string): Syllable {
  const side = series === 'a' ? 0 : 1;
  const written = cluster.vowel === null ? undefined : VOWELS.get(cluster.vowel)?.[side];
  const syllable: Syllable = {
    onset,
    vowel: written ?? '',
    vowelMark: cluster.vowel,
    series,
    inherent: written === undefined,
    final: '',
    closed: false,
    coda,
  };
  if (cluster.marks.has(SAMYOK)) {
    Object.assign(syllable, { vowel: side ? 'ea' : 'a', vowelMark: SAMYOK, inherent: false });
  }
  if (cluster.marks.has(YUUKALEAPINTU)) Object.assign(syllable, { vowel: 'a', inherent: false });
  if (cluster.marks.has(NIKAHIT)) {
    // ំ is a final m: សំ sam, ទំ tum, ាំ am / oam.
    if (syllable.inherent) syllable.vowel = side ? 'u' : 'a';
    if (cluster.vowel === AA && side) syllable.vowel = 'oa';
    Object.assign(syllable, { inherent: false, final: NASAL, closed: true });
  }
  if (cluster.marks.has(REAHMUK)) {
    if (syllable.inherent) syllable.vowel = 'a';
    Object.assign(syllable, { inherent: false, final: `${syllable.final}h`, closed: true });
  }
  return syllable;
}

function closeWith(prev: Syllable, cluster: Cluster, final: string): void {
  prev.final = final;
  prev.closed = true;
  // ជ័យ is spelled Chey, not Choay.
  if (prev.vowelMark === SAMYOK && cluster.consonant === YO) prev.vowel = prev.series === 'a' ? 'a' : 'e';
  // A bantoc shortens the vowel: ពាន់ Poan (o-series), while ចាន់ Chan already reads a.
  if (cluster.marks.has(BANTOC) && prev.vowelMark === AA && prev.series === 'o') prev.vowel = 'oa';
}

const SILENT_AT_END = new Set([0x17b7, 0x17bb]); // ិ ុ

function spell(all: readonly Syllable[]): string {
  const syllables = [...all];
  const last = syllables.at(-1);
  const beforeLast = syllables.at(-2);
  // A last ិ or ុ with no final is silent in the Pali names that end with it: its consonant closes the
  // syllable before (សម្បត្តិ Sambath, សុជាតិ Socheat, ហេតុ Het).
  if (last && beforeLast && last.vowelMark !== null && SILENT_AT_END.has(last.vowelMark) && !last.closed) {
    syllables.pop();
    if (!beforeLast.final) syllables[syllables.length - 1] = { ...beforeLast, final: last.coda, closed: true };
  }
  return syllables
    .map((syllable, i) => {
      let vowel = syllable.vowel;
      // The inherent vowel is usually written a (Ratana, Sovann, Sophal); a closed one-syllable word keeps o
      // (ពន Pon, គង់ Kong, ម៉ម Mom).
      if (syllable.inherent) vowel = syllable.closed && syllables.length === 1 ? 'o' : 'a';
      const next = syllables[i + 1];
      // A nikahit before a k sound is heard as ng (សំខាន់ sangkhan); elsewhere it is m (សំណាង Samnang).
      const final = syllable.final.replace(NASAL, next?.onset.startsWith('k') ? 'ng' : 'm');
      return `${syllable.onset}${vowel}${final}`;
    })
    .join('');
}

/** Romanises the Khmer words in `text`; anything that is not Khmer script passes through unchanged. */
export function romaniseKhmer(text: string): string {
  let out = '';
  let word: number[] = [];
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp >= 0x1780 && cp <= 0x17dd) {
      word.push(cp);
      continue;
    }
    out += romaniseWord(word);
    word = [];
    out += /[\u200B-\u200D\uFEFF]/.test(char) ? ' ' : char;
  }
  return (out + romaniseWord(word)).replace(/\s+/g, ' ').trim();
}
