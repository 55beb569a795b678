import { describe, expect, it } from 'vitest';
import type { ChildIdentity, MatchReason } from '../src/duplicates/index';
import {
  findDuplicates,
  jaro,
  jaroWinkler,
  khmerPhoneticKey,
  latinPhoneticKey,
  romaniseKhmer,
  scoreMatch,
} from '../src/duplicates/index';

const VILLAGE = '12010203'; // one village; its commune is 120102, district 1201, province 12

function child(fields: ChildIdentity): ChildIdentity {
  return { sex: 'female', dateOfBirth: '2012-03-07', dateOfBirthEstimated: false, villageCode: VILLAGE, ...fields };
}

function level(a: ChildIdentity, b: ChildIdentity): 'likely' | 'possible' | 'none' {
  return findDuplicates(a, [b])[0]?.level ?? 'none';
}

function reason<K extends MatchReason['kind']>(reasons: MatchReason[], kind: K): Extract<MatchReason, { kind: K }> {
  const found = reasons.find((r): r is Extract<MatchReason, { kind: K }> => r.kind === kind);
  if (!found) throw new Error(`no ${kind} reason`);
  return found;
}

describe('Jaro-Winkler', () => {
  it('gives the published values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944, 3);
  });

  it('is 1 for the same text, 0 for nothing in common or nothing at all, and symmetric', () => {
    expect(jaroWinkler('sok', 'sok')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('', 'dara')).toBe(0);
    expect(jaroWinkler('ratana', 'ratna')).toBeCloseTo(jaroWinkler('ratna', 'ratana'), 10);
  });
});

describe('Khmer romanisation and phonetic keys', () => {
  it('romanises Khmer names near their usual Latin spelling', () => {
    const expected: [string, string][] = [
      ['សុខ', 'sok'],
      ['ចាន់', 'chan'],
      ['ស្រីពៅ', 'sreypov'],
      ['វិចិត្រ', 'vichet'],
      ['សុភា', 'sophea'],
      ['ហេង', 'heng'],
      ['គឹម', 'kim'],
      ['សំណាង', 'samnang'],
      ['ម៉ៅ', 'mao'],
      ['សុផល', 'sophal'],
      ['ចាន់ ស្រីពៅ', 'chan sreypov'],
    ];
    for (const [khmer, latin] of expected) expect(romaniseKhmer(khmer), khmer).toBe(latin);
  });

  it('gives a Khmer name and its common Latin spellings the same key', () => {
    const names: [string, ...string[]][] = [
      ['សុខ', 'Sok', 'Sokh'],
      ['ដារា', 'Dara', 'Dhara'],
      ['ចាន់', 'Chan', 'Chann'],
      ['ស្រីពៅ', 'Sreypov', 'Sreipov', 'Srey Pov'],
      ['វិចិត្រ', 'Vichet', 'Vicheth', 'Wichet'],
      ['សុភា', 'Sophea', 'Sophia'],
      ['ហេង', 'Heng'],
      ['គឹម', 'Kim'],
      ['ពេជ្រ', 'Pich', 'Pech'],
      ['ធីតា', 'Thida', 'Tida'],
      ['បុប្ផា', 'Bopha', 'Boppha', 'Bupha'],
      ['រតនា', 'Ratana', 'Rattana'],
      ['សំណាង', 'Samnang'],
      ['ម៉ៅ', 'Mao'],
      ['សុខា', 'Sokha'],
      ['វណ្ណា', 'Vanna'],
      ['សុវណ្ណ', 'Sovann'],
      ['ពិសិដ្ឋ', 'Piseth'],
      ['ចាន់ថា', 'Chantha'],
      ['ផល្លា', 'Phalla'],
      ['កញ្ញា', 'Kanha'],
      ['បូរី', 'Borey'],
      ['ជ័យ', 'Chey'],
      ['សម្បត្តិ', 'Sambath'],
      ['សុជាតិ', 'Socheat'],
      ['ឈឿន', 'Chhoeun', 'Choeun'],
      ['សន', 'Sorn', 'Son'],
      ['ស្រីនាង', 'Sreyneang'],
    ];
    for (const [khmer, ...spellings] of names) {
      for (const spelling of spellings)
        expect(latinPhoneticKey(spelling), `${khmer} / ${spelling}`).toBe(khmerPhoneticKey(khmer));
    }
  });

  it('keeps distinct names apart', () => {
    expect(latinPhoneticKey('Sok')).not.toBe(latinPhoneticKey('Sokha'));
    expect(khmerPhoneticKey('សុខ')).not.toBe(khmerPhoneticKey('សុខា'));
    expect(latinPhoneticKey('Sophea')).not.toBe(latinPhoneticKey('Sopha'));
    expect(latinPhoneticKey('Dara')).not.toBe(latinPhoneticKey('Dalin'));
    expect(latinPhoneticKey('Chey')).not.toBe(latinPhoneticKey('Chhay'));
  });

  it('ignores case, spaces, marks and the invisible characters of Khmer keyboards', () => {
    expect(latinPhoneticKey('  SREY-pov ')).toBe(latinPhoneticKey('Sreypov'));
    expect(latinPhoneticKey('Sovânn')).toBe(latinPhoneticKey('Sovann'));
    expect(khmerPhoneticKey('ស្រី\u200Bពៅ')).toBe(khmerPhoneticKey('ស្រីពៅ'));
    expect(latinPhoneticKey('1234')).toBe('');
  });
});

describe('scoreMatch and findDuplicates: the same child', () => {
  const khmer = child({ familyNameKm: 'សុខ', givenNameKm: 'ដារា' });

  it('finds Sok Dara in Khmer script, in Latin letters, spelled Dhara, and written given name first', () => {
    const spellings = [
      child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara', dateOfBirth: '2012-03-20' }),
      child({ familyNameLatin: 'Sok', givenNameLatin: 'Dhara', dateOfBirth: '2012-02-25' }),
      child({ familyNameLatin: 'Dara', givenNameLatin: 'Sok', dateOfBirth: '2012-03-07' }),
    ];
    for (const other of spellings) expect(level(khmer, other), JSON.stringify(other)).toBe('likely');
    expect(level(spellings[0] ?? {}, spellings[2] ?? {})).toBe('likely');
    expect(reason(scoreMatch(khmer, spellings[0] ?? {}).reasons, 'name')).toMatchObject({
      detail: 'same-phonetic',
      scripts: 'khmer-latin',
    });
    expect(reason(scoreMatch(khmer, spellings[2] ?? {}).reasons, 'name').detail).toBe('swapped-order');
  });

  it('finds Chan Sreypov however the given name is split', () => {
    const forms = [
      child({ familyNameKm: 'ចាន់', givenNameKm: 'ស្រីពៅ' }),
      child({ familyNameLatin: 'Chan', givenNameLatin: 'Sreypov' }),
      child({ familyNameLatin: 'Chan', givenNameLatin: 'Srey Pov' }),
    ];
    for (const a of forms) for (const b of forms) expect(level(a, b)).toBe('likely');
  });

  it('finds Rattana for Ratana', () => {
    const a = child({ familyNameLatin: 'Keo', givenNameLatin: 'Rattana' });
    const b = child({ familyNameLatin: 'Keo', givenNameLatin: 'Ratana', dateOfBirth: '2012-03-10' });
    expect(level(a, b)).toBe('likely');
  });

  it('matches a record in Khmer script only with one in Latin letters only, on the same birth date and village', () => {
    const a = child({ familyNameKm: 'ហេង', givenNameKm: 'សុភា', dateOfBirth: '2010-11-02' });
    const b = child({ familyNameLatin: 'Heng', givenNameLatin: 'Sophea', dateOfBirth: '2010-11-02' });
    const { score, reasons } = scoreMatch(a, b);
    expect(score).toBeGreaterThan(0.99);
    expect(reasons).toEqual([
      { kind: 'name', detail: 'same-phonetic', score: 1, scripts: 'khmer-latin' },
      { kind: 'birth', detail: 'same', days: 0, estimated: false },
      { kind: 'sex', same: true },
      { kind: 'place', detail: 'same-village' },
    ]);
  });

  it('stays likely when an estimated birth date is a year out', () => {
    const a = child({
      givenNameLatin: 'Dara',
      familyNameLatin: 'Sok',
      dateOfBirth: '2012-01-01',
      dateOfBirthEstimated: true,
    });
    const b = child({ givenNameLatin: 'Dara', familyNameLatin: 'Sok', dateOfBirth: '2013-01-01', villageCode: null });
    expect(level(a, b)).toBe('likely');
    expect(reason(scoreMatch(a, b).reasons, 'birth')).toMatchObject({
      detail: 'within-tolerance',
      days: 366,
      estimated: true,
    });
  });

  it('counts a day and month swapped as a slip, not a different child', () => {
    const a = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara', dateOfBirth: '2012-03-07' });
    const b = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara', dateOfBirth: '2012-07-03' });
    expect(level(a, b)).toBe('likely');
    expect(reason(scoreMatch(a, b).reasons, 'birth')).toMatchObject({ typo: 'day-month-swapped' });
  });
});

describe('scoreMatch and findDuplicates: different children', () => {
  const sokDara = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara' });

  it('does not take a sibling with another given name for the child, even a twin', () => {
    const twin = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dalin' });
    expect(level(sokDara, twin)).not.toBe('likely');
    expect(scoreMatch(sokDara, twin).score).toBeLessThan(0.6);
  });

  it('does not match Chan Dara, a boy seven years older from another province', () => {
    const other = child({
      familyNameLatin: 'Chan',
      givenNameLatin: 'Dara',
      sex: 'male',
      dateOfBirth: '2005-03-07',
      villageCode: '02030405',
    });
    expect(level(sokDara, other)).toBe('none');
    expect(scoreMatch(sokDara, other).reasons.slice(1)).toEqual([
      { kind: 'birth', detail: 'far', days: 2557, estimated: false },
      { kind: 'sex', same: false },
      { kind: 'place', detail: 'different' },
    ]);
  });

  it('does not call Kim Heng and Heng Kim born eight years apart likely', () => {
    const a = child({ familyNameLatin: 'Kim', givenNameLatin: 'Heng', sex: 'male', dateOfBirth: '2008-05-01' });
    const b = child({ familyNameLatin: 'Heng', givenNameLatin: 'Kim', sex: 'male', dateOfBirth: '2016-05-01' });
    expect(level(a, b)).not.toBe('likely');
  });

  it('lowers the same name with exact birth dates five years apart to possible at most', () => {
    const older = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara', dateOfBirth: '2007-03-07' });
    expect(level(sokDara, older)).not.toBe('likely');
    expect(scoreMatch(sokDara, older).score).toBeLessThan(0.8);
  });

  // Many Khmer given names come in pairs, a name and the same name with a final consonant or syllable: two
  // sisters, or two girls of one village born the same year, are Sokha and Sokhak, Srey and Sreyl.
  it.each([
    ['Sokha', 'Sokhak'],
    ['Dara', 'Daral'],
    ['Srey', 'Sreyl'],
    ['Pov', 'Povy'],
    ['Chan', 'Chanthy'],
    ['Srey', 'ស្រីល'],
    ['ស្រី', 'ស្រីល'],
    ['សុខា', 'សុខាក'],
    ['ដារា', 'Daral'],
  ])('calls %s and %s, one name and the same name with a final sound, possible at most', (first, second) => {
    const named = (given: string) =>
      child(
        /[\u1780-\u17ff]/.test(given)
          ? { familyNameKm: 'សុខ', givenNameKm: given }
          : { familyNameLatin: 'Sok', givenNameLatin: given },
      );
    const year = { dateOfBirth: '2012-01-01', dateOfBirthEstimated: true };
    const a = { ...named(first), ...year };
    const b = { ...named(second), ...year };
    expect(level(a, b)).not.toBe('likely');
    expect(level(b, a)).not.toBe('likely');
    expect(scoreMatch(a, b).score).toBeLessThan(0.8);
  });

  it('lowers but does not discard a match whose sex differs', () => {
    const boy = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara', sex: 'male' });
    expect(level(sokDara, boy)).toBe('possible');
    expect(scoreMatch(sokDara, boy).score).toBeLessThan(scoreMatch(sokDara, sokDara).score);
  });
});

describe('scoreMatch: weak evidence', () => {
  const sokDara = child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara' });

  it('counts an alias, a pseudonym for reports, as possible at most', () => {
    const pseudonym = child({ familyNameLatin: 'Keo', givenNameLatin: 'Bopha', alias: 'Dara' });
    expect(level(pseudonym, sokDara)).toBe('possible');
    expect(reason(scoreMatch(pseudonym, sokDara).reasons, 'name')).toMatchObject({ viaAlias: true });
  });

  it('calls Sokha similar to Sok, never the same name', () => {
    const sokha = child({ familyNameLatin: 'Keo', givenNameLatin: 'Sokha' });
    expect(
      reason(scoreMatch(child({ familyNameLatin: 'Keo', givenNameLatin: 'Sok' }), sokha).reasons, 'name').detail,
    ).toBe('similar');
  });

  it('lets unknown dates and places neither decide nor block a match on names', () => {
    const a = { familyNameLatin: 'Sok', givenNameLatin: 'Dara' };
    const { score, reasons } = scoreMatch(a, { familyNameKm: 'សុខ', givenNameKm: 'ដារា' });
    expect(score).toBeGreaterThan(0.8);
    expect(score).toBeLessThan(scoreMatch(sokDara, sokDara).score);
    expect(reasons.slice(1)).toEqual([
      { kind: 'birth', detail: 'unknown', estimated: false },
      { kind: 'sex', same: null },
      { kind: 'place', detail: 'unknown' },
    ]);
  });
});

describe('findDuplicates', () => {
  it('leaves out the subject itself, sorts best first and honours the limit', () => {
    const subject = child({ id: 'me', familyNameLatin: 'Sok', givenNameLatin: 'Dara' });
    const candidates = [
      { ...child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara', villageCode: '12019999' }), id: 'district' },
      { ...subject },
      { ...child({ familyNameKm: 'សុខ', givenNameKm: 'ដារា' }), id: 'village' },
      { ...child({ familyNameLatin: 'Chan', givenNameLatin: 'Vichet', sex: 'male' }), id: 'other' },
    ];
    const found = findDuplicates(subject, candidates);
    expect(found.map((c) => c.record.id)).toEqual(['village', 'district']);
    expect(found[0]?.score).toBeGreaterThan(found[1]?.score ?? 1);
    expect(findDuplicates(subject, candidates, { limit: 1 }).map((c) => c.record.id)).toEqual(['village']);
    expect(findDuplicates(subject, candidates, { possible: 0 }).length).toBe(3);
  });

  it('runs over 5,000 generated records', () => {
    const family = ['Sok', 'Chan', 'Heng', 'Kim', 'Keo', 'Mao', 'Chea', 'Meas', 'Long', 'Sorn'];
    const given = ['Dara', 'Sreypov', 'Vichet', 'Sophea', 'Pich', 'Thida', 'Bopha', 'Ratana', 'Samnang', 'Sokha'];
    const familyKm = ['សុខ', 'ចាន់', 'ហេង', 'គឹម', 'កែវ', 'ម៉ៅ', 'ជា', 'មាស', 'ឡុង', 'សន'];
    const candidates = Array.from({ length: 5000 }, (_, i) => ({
      id: `c${i}`,
      ...(i % 2 === 0
        ? { familyNameLatin: family[i % 10], givenNameLatin: given[Math.floor(i / 10) % 10] }
        : { familyNameKm: familyKm[i % 10], givenNameKm: 'ដារា' }),
      sex: i % 3 === 0 ? ('male' as const) : ('female' as const),
      dateOfBirth: `${2005 + (i % 13)}-0${1 + (i % 9)}-1${i % 10}`,
      dateOfBirthEstimated: i % 4 === 0,
      villageCode: `${String(1 + (i % 25)).padStart(2, '0')}0${i % 10}0101`,
    }));
    const found = findDuplicates(child({ familyNameLatin: 'Sok', givenNameLatin: 'Dara' }), candidates);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c, i) => i === 0 || (found[i - 1]?.score ?? 1) >= c.score)).toBe(true);
  });
});
