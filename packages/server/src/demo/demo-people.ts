import type { Sex } from '@homeward/core';

/** Common Cambodian family and given names, in Khmer script and the usual Latin spelling. */
export const FAMILY_NAMES: readonly [string, string][] = [
  ['សុខ', 'Sok'],
  ['ចាន់', 'Chan'],
  ['ស៊ុន', 'Sun'],
  ['គឹម', 'Kim'],
  ['ហេង', 'Heng'],
  ['លី', 'Ly'],
  ['ម៉ៅ', 'Mao'],
  ['ខៀវ', 'Khiev'],
  ['ពេជ្រ', 'Pich'],
  ['វង្ស', 'Vong'],
  ['ឈឹម', 'Chhim'],
  ['ជា', 'Chea'],
  ['ទេព', 'Tep'],
  ['ប៊ុន', 'Bun'],
  ['សេង', 'Seng'],
  ['នួន', 'Nuon'],
  ['អ៊ុក', 'Ouk'],
  ['យ៉ែម', 'Yem'],
];

export const GIVEN_NAMES: Record<Sex, readonly [string, string][]> = {
  female: [
    ['ដារា', 'Dara'],
    ['ស្រីពៅ', 'Sreypov'],
    ['សុភា', 'Sophea'],
    ['ចាន់ធី', 'Chanthy'],
    ['ស្រីមុំ', 'Sreymom'],
    ['បុប្ផា', 'Bopha'],
    ['រតនា', 'Ratana'],
    ['ស្រីនិច', 'Sreynich'],
    ['ធីតា', 'Thida'],
    ['ម៉ាលីស', 'Malis'],
    ['សុខា', 'Sokha'],
    ['ស្រីល័ក្ខ', 'Sreyleak'],
    ['ច័ន្ទនី', 'Channy'],
    ['សុគន្ធា', 'Sokunthea'],
  ],
  male: [
    ['វិចិត្រ', 'Vichet'],
    ['សុភ័ក្រ', 'Sopheak'],
    ['ចំរើន', 'Chamroeun'],
    ['ពិសិដ្ឋ', 'Piseth'],
    ['វណ្ណៈ', 'Vanna'],
    ['សំណាង', 'Samnang'],
    ['បូរ៉ា', 'Bora'],
    ['កុសល', 'Kosal'],
    ['សុវណ្ណ', 'Sovann'],
    ['ធារ៉ា', 'Theara'],
    ['រិទ្ធី', 'Rithy'],
    ['ដារ៉ុង', 'Darong'],
    ['វិសាល', 'Visal'],
    ['មករា', 'Makara'],
  ],
  other: [
    ['ដារា', 'Dara'],
    ['សុខា', 'Sokha'],
  ],
};

/** A small deterministic generator, so the demo is the same on every machine and in every screenshot. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('Cannot pick from an empty list.');
  return item;
}
