import { describe, expect, it } from 'vitest';
import { romanisedQueryKeys, romanisedSearchKey } from '../src/duplicates/index';

/** Whether a query finds a record, as the database compares them: a query key inside the stored key. */
function finds(query: string, names: Parameters<typeof romanisedSearchKey>[0]): boolean {
  const stored = romanisedSearchKey(names);
  return romanisedQueryKeys(query).some((key) => stored.includes(key));
}

describe('search by name across scripts', () => {
  const khmer = { familyNameKm: 'ចាន់', givenNameKm: 'ធីតា' };
  const latin = { familyNameLatin: 'Keo', givenNameLatin: 'Sreypov' };

  it('finds a name registered in Khmer script by its Latin spellings, whole or in part', () => {
    for (const query of ['Thida', 'tida', 'Chan Thida', 'thida chan', 'Thi'])
      expect(finds(query, khmer), query).toBe(true);
  });

  it('finds a name registered in Latin letters by its Khmer script, whole or in part', () => {
    for (const query of ['ស្រីពៅ', 'ស្រី', 'Srey', 'Sreipov']) expect(finds(query, latin), query).toBe(true);
  });

  it('does not find other names, nor take a case number for a name', () => {
    expect(finds('Dara', khmer)).toBe(false);
    expect(finds('ដារា', latin)).toBe(false);
    expect(romanisedQueryKeys('TCS-2026-0001')).toEqual([]);
    expect(romanisedQueryKeys('-- ')).toEqual([]);
  });
});
