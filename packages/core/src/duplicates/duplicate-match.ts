import { isRealDate } from '../text/dates';
import { hasKhmerScript, normaliseForSearch } from '../text/search-text';
import { jaroWinkler } from './jaro-winkler';
import { phoneticKey as key, phoneticStemKey } from './phonetic-key';

/**
 * The duplicate check: is a newly referred child probably already known? Children are referred again and
 * again, by other NGOs, the police or a transit centre, with names spelled by whoever wrote them down, in
 * Khmer script or in Latin letters, and ages guessed. Like OSCaR (name similarity × birth × address ×
 * sex), the score is a product: names give a base in 0..1 and the other facts scale it up a little when
 * they agree or down when they disagree, so every reason can be shown beside the score.
 */
export interface ChildIdentity {
  id?: string;
  familyNameKm?: string | null;
  givenNameKm?: string | null;
  familyNameLatin?: string | null;
  givenNameLatin?: string | null;
  alias?: string | null;
  sex?: 'female' | 'male' | 'other' | null;
  dateOfBirth?: string | null;
  dateOfBirthEstimated?: boolean | null;
  villageCode?: string | null;
}

export type NameDetail = 'same-phonetic' | 'similar' | 'swapped-order' | 'different' | 'unknown';
export type BirthDetail = 'same' | 'within-tolerance' | 'far' | 'unknown';
export type PlaceDetail = 'same-village' | 'same-commune' | 'same-district' | 'same-province' | 'different' | 'unknown';

export type MatchReason =
  /** `scripts`: which writings matched best; `viaAlias`: only the alias matched. */
  | { kind: 'name'; detail: NameDetail; score: number; scripts?: 'khmer' | 'latin' | 'khmer-latin'; viaAlias?: boolean }
  /** `days` apart when both dates are known; `typo` when the dates differ as a slip of the keyboard would. */
  | {
      kind: 'birth';
      detail: BirthDetail;
      days?: number;
      estimated: boolean;
      typo?: 'day-month-swapped' | 'digits-transposed';
    }
  /** `same` is null when either sex is not recorded. */
  | { kind: 'sex'; same: boolean | null }
  | { kind: 'place'; detail: PlaceDetail };

type NameReason = Extract<MatchReason, { kind: 'name' }>;

export interface DuplicateCandidate<T extends ChildIdentity> {
  record: T;
  /** 0..1 */
  score: number;
  level: 'likely' | 'possible';
  reasons: MatchReason[];
}

export interface DuplicateOptions {
  likely?: number;
  possible?: number;
  limit?: number;
}

export const DUPLICATE_THRESHOLDS = { likely: 0.8, possible: 0.6 } as const;

/** Each fact scales the name score: above 1 when it agrees, below when it disagrees, 1 when unknown. */
const WEIGHTS = {
  swappedOrder: 0.95, // "Dara Sok" for "Sok Dara": forms that put the given name first
  familyMissing: 0.85, // only the given names could be compared
  alias: 0.7, // the alias is a pseudonym for reports: alone it makes a "possible" at most
  noNames: 0.45, // nothing to compare names on: never a "likely" on dates and places alone
  birthSameExact: 1.1,
  birthSameEstimated: 1.03,
  birthUnknown: 0.92,
  birthTypo: 1,
  birthFarEdge: 0.9, // just past the tolerance, falling 0.2 a year to the floor
  birthFarFloor: 0.4,
  sexDifferent: 0.6, // strong, yet not zero: sex is sometimes entered wrongly
  sexOtherVersusBinary: 0.8, // 'other' may be how one service recorded what another did not
  place: {
    'same-village': 1.1,
    'same-commune': 1.06,
    'same-district': 1.03,
    'same-province': 1,
    different: 0.9,
    unknown: 1,
  },
} as const;
/**
 * Many Khmer given names come in pairs, a name and the same name with a final consonant or syllable (Sokha and
 * Sokhak, Srey and Sreyl): different girls, often of one village and one age. Jaro-Winkler rates such a pair
 * near 0.95, which agreeing facts would make "likely"; its given names count at most this much, so that even
 * with the same birth date, sex and village the pair stays "possible" for a person to look at.
 */
const NAME_PLUS_SOUND = 0.84;
const EXACT_TOLERANCE_DAYS = 30;
const ESTIMATED_TOLERANCE_DAYS = 730;

interface NameForm {
  scripts: 'khmer' | 'latin';
  alias: boolean;
  family: string; // phonetic keys; '' when absent
  given: string;
  familyStem: string; // each name keyed but for its end, to tell a name from the same name plus a sound
  givenStem: string;
  familyText: string; // normalised Khmer text, for Khmer against Khmer; '' otherwise
  givenText: string;
  whole: string; // key of family + given, and of given + family
  swapped: string;
}

interface Prepared {
  identity: ChildIdentity;
  forms: NameForm[];
}

function nameForm(family: string | null | undefined, given: string | null | undefined, alias = false): NameForm | null {
  const f = family?.trim() ?? '';
  const g = given?.trim() ?? '';
  const whole = key(`${f} ${g}`);
  if (!whole) return null;
  const khmer = hasKhmerScript(`${f}${g}`);
  return {
    scripts: khmer ? 'khmer' : 'latin',
    alias,
    family: key(f),
    given: key(g),
    familyStem: phoneticStemKey(f),
    givenStem: phoneticStemKey(g),
    familyText: khmer ? normaliseForSearch(f) : '',
    givenText: khmer ? normaliseForSearch(g) : '',
    whole,
    swapped: f && g ? key(`${g} ${f}`) : '',
  };
}

function prepare(identity: ChildIdentity): Prepared {
  const forms = [
    nameForm(identity.familyNameKm, identity.givenNameKm),
    nameForm(identity.familyNameLatin, identity.givenNameLatin),
    nameForm(null, identity.alias, true),
  ];
  return { identity, forms: forms.filter((form): form is NameForm => form !== null) };
}

function similarity(a: string, b: string, aText = '', bText = ''): number {
  if (!a || !b) return 0;
  if (a === b || (aText && aText === bText)) return 1;
  const keys = jaroWinkler(a, b);
  return aText && bText ? Math.max(keys, jaroWinkler(aText, bText)) : keys;
}

/** Two names' similarity, held below "the same name" when one is the other with a sound added. */
function nameSimilarity(a: NamePart, b: NamePart): number {
  const similar = similarity(a.key, b.key, a.text, b.text);
  return a.key !== b.key && addsFinalSound(a.stem, b.stem) ? Math.min(similar, NAME_PLUS_SOUND) : similar;
}

interface NamePart {
  key: string;
  stem: string;
  text: string;
}

const givenOf = (form: NameForm): NamePart => ({ key: form.given, stem: form.givenStem, text: form.givenText });
const familyOf = (form: NameForm): NamePart => ({ key: form.family, stem: form.familyStem, text: form.familyText });

/** Jaro-Winkler rates unrelated short names near 0.6, so only the part above that counts (OSCaR clips too). */
function strength(similar: number): number {
  return similar >= 1 ? 1 : Math.min(1, Math.max(0, (similar - 0.6) / 0.4));
}

/** The given name decides; the family name scales it, since families are often recorded differently. */
function combine(given: number, family: number | null): number {
  return strength(given) * (family === null ? WEIGHTS.familyMissing : 0.55 + 0.45 * strength(family));
}

function compareForms(a: NameForm, b: NameForm): { score: number; detail: NameDetail } {
  const weight = a.alias || b.alias ? WEIGHTS.alias : 1;
  if (a.whole === b.whole) return { score: weight, detail: 'same-phonetic' };
  if ((a.swapped && a.swapped === b.whole) || (b.swapped && b.swapped === a.whole)) {
    return { score: weight * WEIGHTS.swappedOrder, detail: 'swapped-order' };
  }
  if (!a.given || !b.given) {
    // A family name alone: compare what there is, as one string.
    const score = weight * WEIGHTS.familyMissing * strength(similarity(a.whole, b.whole));
    return { score, detail: score >= 0.5 ? 'similar' : 'different' };
  }
  const given = nameSimilarity(givenOf(a), givenOf(b));
  const family = a.family && b.family ? nameSimilarity(familyOf(a), familyOf(b)) : null;
  const straight = weight * combine(given, family);
  const swapped =
    a.family && b.family
      ? weight *
        WEIGHTS.swappedOrder *
        combine(
          nameSimilarity({ ...givenOf(a), text: '' }, { ...familyOf(b), text: '' }),
          nameSimilarity({ ...familyOf(a), text: '' }, { ...givenOf(b), text: '' }),
        )
      : 0;
  if (swapped > straight) return { score: swapped, detail: swapped >= 0.5 ? 'swapped-order' : 'different' };
  if (given === 1 && (family === null || family === 1)) return { score: straight, detail: 'same-phonetic' };
  return { score: straight, detail: straight >= 0.5 ? 'similar' : 'different' };
}

/** One key is the other with one to three letters more at the end: a final consonant or syllable. */
function addsFinalSound(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const added = long.length - short.length;
  return short.length >= 2 && added >= 1 && added <= 3 && long.startsWith(short);
}

/** Every pairing of writings (Khmer, Latin, alias) on each side; the best one speaks for the names. */
function compareNames(a: Prepared, b: Prepared): NameReason {
  let best: NameReason | null = null;
  for (const x of a.forms) {
    for (const y of b.forms) {
      const { score, detail } = compareForms(x, y);
      if (best !== null && score <= best.score) continue;
      const scripts = x.scripts === y.scripts ? x.scripts : 'khmer-latin';
      best = { kind: 'name', detail, score, scripts, ...(x.alias || y.alias ? { viaAlias: true } : {}) };
    }
  }
  return best ?? { kind: 'name', detail: 'unknown', score: WEIGHTS.noNames };
}

function dayNumber(date: string | null | undefined): number | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Dates that differ as a slip of the keyboard would: day and month swapped, or two neighbouring digits. */
function typoBetween(a: string, b: string): 'day-month-swapped' | 'digits-transposed' | undefined {
  if (a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) {
    return 'day-month-swapped';
  }
  const differ = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  const [i, j] = differ;
  const transposed = differ.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  return transposed ? 'digits-transposed' : undefined;
}

function compareBirth(a: ChildIdentity, b: ChildIdentity): { factor: number; reason: MatchReason } {
  const estimated = Boolean(a.dateOfBirthEstimated) || Boolean(b.dateOfBirthEstimated);
  const x = dayNumber(a.dateOfBirth);
  const y = dayNumber(b.dateOfBirth);
  if (x === null || y === null || !a.dateOfBirth || !b.dateOfBirth) {
    return { factor: WEIGHTS.birthUnknown, reason: { kind: 'birth', detail: 'unknown', estimated } };
  }
  const days = Math.abs(x - y);
  const tolerance = estimated ? ESTIMATED_TOLERANCE_DAYS : EXACT_TOLERANCE_DAYS;
  const same = estimated ? WEIGHTS.birthSameEstimated : WEIGHTS.birthSameExact;
  if (days === 0) return { factor: same, reason: { kind: 'birth', detail: 'same', days, estimated } };
  if (days <= tolerance) {
    // Closer is better: from the "same" weight down to 1 (exact) or 0.95 (estimated) at the edge.
    const factor = same - (same - (estimated ? 0.95 : 1)) * (days / tolerance);
    return { factor, reason: { kind: 'birth', detail: 'within-tolerance', days, estimated } };
  }
  const typo = typoBetween(a.dateOfBirth, b.dateOfBirth);
  if (typo) {
    return { factor: WEIGHTS.birthTypo, reason: { kind: 'birth', detail: 'within-tolerance', days, estimated, typo } };
  }
  const factor = Math.max(WEIGHTS.birthFarFloor, WEIGHTS.birthFarEdge - (0.2 * (days - tolerance)) / 365.25);
  return { factor, reason: { kind: 'birth', detail: 'far', days, estimated } };
}

function compareSex(a: ChildIdentity, b: ChildIdentity): { factor: number; reason: MatchReason } {
  if (!a.sex || !b.sex) return { factor: 1, reason: { kind: 'sex', same: null } };
  if (a.sex === b.sex) return { factor: 1, reason: { kind: 'sex', same: true } };
  const factor = a.sex === 'other' || b.sex === 'other' ? WEIGHTS.sexOtherVersusBinary : WEIGHTS.sexDifferent;
  return { factor, reason: { kind: 'sex', same: false } };
}

/** NCDD codes nest: province = 2 digits, district 4, commune 6, village 8. Partial codes compare as far as they go. */
function comparePlace(a: ChildIdentity, b: ChildIdentity): PlaceDetail {
  const x = a.villageCode?.trim() ?? '';
  const y = b.villageCode?.trim() ?? '';
  const code = /^(\d{2}){1,4}$/;
  if (!code.test(x) || !code.test(y)) return 'unknown';
  const shared = (digits: number) =>
    x.length >= digits && y.length >= digits && x.slice(0, digits) === y.slice(0, digits);
  if (shared(8)) return 'same-village';
  if (shared(6)) return 'same-commune';
  if (shared(4)) return 'same-district';
  return shared(2) ? 'same-province' : 'different';
}

/**
 * Agreeing facts can push the product past 1 (1.21 at most). Rather than cut it at 1, which would rank a match
 * in the same village level with one in the same district, ease it towards 1 above a knee: the order holds.
 */
function saturate(raw: number): number {
  const knee = 0.9;
  if (raw <= knee) return Math.max(0, raw);
  return knee + (1 - knee) * (1 - Math.exp(-(raw - knee) / (1 - knee)));
}

function scorePrepared(a: Prepared, b: Prepared): { score: number; reasons: MatchReason[] } {
  const name = compareNames(a, b);
  const birth = compareBirth(a.identity, b.identity);
  const sex = compareSex(a.identity, b.identity);
  const place = comparePlace(a.identity, b.identity);
  const raw = name.score * birth.factor * sex.factor * WEIGHTS.place[place];
  const score = Math.round(saturate(raw) * 1000) / 1000;
  name.score = Math.round(name.score * 1000) / 1000;
  return { score, reasons: [name, birth.reason, sex.reason, { kind: 'place', detail: place }] };
}

/** How alike two children's records are (0..1), with the reasons for showing side by side. */
export function scoreMatch(a: ChildIdentity, b: ChildIdentity): { score: number; reasons: MatchReason[] } {
  return scorePrepared(prepare(a), prepare(b));
}

/**
 * The candidates that are probably (`likely`) or perhaps (`possible`) the subject, best first. The subject's
 * own record, by id, is left out, so the list of all cases can be passed as it is.
 */
export function findDuplicates<T extends ChildIdentity>(
  subject: ChildIdentity,
  candidates: readonly T[],
  options: DuplicateOptions = {},
): DuplicateCandidate<T>[] {
  const likely = options.likely ?? DUPLICATE_THRESHOLDS.likely;
  const possible = options.possible ?? DUPLICATE_THRESHOLDS.possible;
  const prepared = prepare(subject);
  const found: DuplicateCandidate<T>[] = [];
  for (const record of candidates) {
    if (subject.id !== undefined && record.id === subject.id) continue;
    const { score, reasons } = scorePrepared(prepared, prepare(record));
    if (score < possible) continue;
    found.push({ record, score, level: score >= likely ? 'likely' : 'possible', reasons });
  }
  found.sort((x, y) => y.score - x.score);
  return options.limit === undefined ? found : found.slice(0, Math.max(0, options.limit));
}
