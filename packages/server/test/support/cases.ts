import type { NewCaseInput } from '@homeward/core';

/** A valid new case; tests override what they are about. Village 01020101 is in Banteay Meanchey. */
export function aNewCase(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    familyNameKm: 'សុខ',
    givenNameKm: 'ដារា',
    familyNameLatin: 'Sok',
    givenNameLatin: 'Dara',
    alias: 'Girl A',
    sex: 'female',
    dateOfBirth: '2012-03-14',
    caseTypes: ['TL', 'RC'],
    referral: { source: 'transit_centre', sourceName: 'Poipet Transit Centre', referredOn: '2026-10-02' },
    ...overrides,
  };
}
