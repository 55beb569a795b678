import { describe, expect, it } from 'vitest';
import { newCaseEventSchema } from '../src/cases/case-events';
import { newCaseSchema, type NewCaseInput } from '../src/cases/case.schema';

const valid: NewCaseInput = {
  givenNameKm: 'ដារា',
  familyNameKm: 'សុខ',
  sex: 'female',
  dateOfBirth: '2012-03-14',
  caseTypes: ['TL'],
  referral: { source: 'police', referredOn: '2026-10-02' },
};

function fieldsAtFault(input: unknown): string[] {
  const result = newCaseSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('new case schema', () => {
  it('accepts a child known only by a Khmer name, or only by a Latin one', () => {
    expect(fieldsAtFault(valid)).toEqual([]);
    expect(
      fieldsAtFault({ ...valid, givenNameKm: undefined, familyNameKm: undefined, givenNameLatin: 'Dara' }),
    ).toEqual([]);
  });

  it('needs a given name in one script or the other', () => {
    expect(fieldsAtFault({ ...valid, givenNameKm: '   ' })).toEqual(['givenNameKm']);
  });

  it('needs a birth date or an estimated age, not both', () => {
    expect(fieldsAtFault({ ...valid, dateOfBirth: undefined })).toEqual(['dateOfBirth']);
    expect(fieldsAtFault({ ...valid, dateOfBirth: undefined, estimatedAge: 12 })).toEqual([]);
    expect(fieldsAtFault({ ...valid, estimatedAge: 12 })).toEqual(['estimatedAge']);
    expect(fieldsAtFault({ ...valid, dateOfBirth: undefined, estimatedAge: 31 })).toEqual(['estimatedAge']);
  });

  it('takes several case types from the list, each once', () => {
    expect(fieldsAtFault({ ...valid, caseTypes: ['TL', 'RC', 'SECTT'] })).toEqual([]);
    expect(fieldsAtFault({ ...valid, caseTypes: [] })).toEqual(['caseTypes']);
    expect(fieldsAtFault({ ...valid, caseTypes: ['TL', 'TL'] })).toEqual(['caseTypes']);
    expect(fieldsAtFault({ ...valid, caseTypes: ['XX'] })).toEqual(['caseTypes.0']);
  });

  it('takes only village codes that the gazetteer knows as villages', () => {
    expect(fieldsAtFault({ ...valid, villageCode: '01020101' })).toEqual([]);
    expect(fieldsAtFault({ ...valid, villageCode: '010201' })).toEqual(['villageCode']);
    expect(fieldsAtFault({ ...valid, villageCode: '99999999' })).toEqual(['villageCode']);
  });

  it('trims text and treats an empty optional field as absent', () => {
    const parsed = newCaseSchema.parse({ ...valid, alias: '  ', givenNameKm: ' ដារា ' });
    expect(parsed.alias).toBeUndefined();
    expect(parsed.givenNameKm).toBe('ដារា');
  });
});

describe('new event schema', () => {
  it('accepts a dated note and defaults it to not confidential', () => {
    const parsed = newCaseEventSchema.parse({ type: 'note', occurredOn: '2026-10-05', payload: { text: 'Visit' } });
    expect(parsed.type === 'note' && parsed.payload.confidential).toBe(false);
    expect(parsed.type).toBe('note');
  });

  it('refuses an empty note, an unknown type and an intake added by hand', () => {
    expect(
      newCaseEventSchema.safeParse({ type: 'note', occurredOn: '2026-10-05', payload: { text: ' ' } }).success,
    ).toBe(false);
    expect(newCaseEventSchema.safeParse({ type: 'party', occurredOn: '2026-10-05', payload: {} }).success).toBe(false);
    expect(newCaseEventSchema.safeParse({ type: 'intake', occurredOn: '2026-10-05', payload: {} }).success).toBe(false);
  });
});
