import { describe, expect, it } from 'vitest';
import { projectCase } from '../src/cases/case-projection';
import { birthDateOf, checkEventDate, checkNewCase } from '../src/cases/case-rules';
import { newCaseSchema } from '../src/cases/case.schema';
import { DomainError } from '../src/errors';

const TODAY = '2026-11-23';
const newCase = (overrides: Record<string, unknown> = {}) =>
  newCaseSchema.parse({
    givenNameLatin: 'Dara',
    sex: 'male',
    dateOfBirth: '2010-01-01',
    caseTypes: ['RC'],
    referral: { source: 'ngo', referredOn: '2026-11-01' },
    ...overrides,
  });

function faultOf(action: () => void): { field: string | undefined; code: string | undefined } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { field: error.issues[0]?.field, code: error.code };
  }
}

describe('rules for a new case', () => {
  it('accepts a referral today', () => {
    expect(
      faultOf(() => checkNewCase(newCase({ referral: { source: 'ngo', referredOn: TODAY } }), TODAY)),
    ).toBeUndefined();
  });

  it('refuses dates in the future and a birth after the referral', () => {
    expect(
      faultOf(() => checkNewCase(newCase({ referral: { source: 'ngo', referredOn: '2026-11-24' } }), TODAY)),
    ).toEqual({
      field: 'referral.referredOn',
      code: 'date_in_future',
    });
    expect(faultOf(() => checkNewCase(newCase({ dateOfBirth: '2026-11-10' }), TODAY))).toEqual({
      field: 'dateOfBirth',
      code: 'birth_after_referral',
    });
  });

  it('records an estimated age as an estimated birth date', () => {
    expect(birthDateOf(newCase({ dateOfBirth: undefined, estimatedAge: 15 }))).toEqual({
      dateOfBirth: '2011-11-01',
      estimated: true,
    });
    expect(birthDateOf(newCase({ dateOfBirthEstimated: true }))).toEqual({
      dateOfBirth: '2010-01-01',
      estimated: true,
    });
  });
});

describe('rules for a new event', () => {
  const events = [{ type: 'intake', occurredOn: '2026-11-01' }];

  it('accepts the intake day and today', () => {
    expect(faultOf(() => checkEventDate(events, '2026-11-01', TODAY))).toBeUndefined();
    expect(faultOf(() => checkEventDate(events, TODAY, TODAY))).toBeUndefined();
  });

  it('refuses a date before intake or after today', () => {
    expect(faultOf(() => checkEventDate(events, '2026-10-31', TODAY))).toEqual({
      field: 'occurredOn',
      code: 'before_intake',
    });
    expect(faultOf(() => checkEventDate(events, '2026-11-24', TODAY))).toEqual({
      field: 'occurredOn',
      code: 'date_in_future',
    });
  });
});

describe('case projection', () => {
  it('derives the opening date and last activity from the events, in the order they happened', () => {
    const projection = projectCase([
      { type: 'note', occurredOn: '2026-11-20' },
      { type: 'intake', occurredOn: '2026-11-01' },
      { type: 'note', occurredOn: '2026-11-05' },
    ]);
    expect(projection).toMatchObject({
      status: 'active',
      openedOn: '2026-11-01',
      riskLevel: null,
      lastEventOn: '2026-11-20',
    });
  });

  it('refuses a stream without an intake', () => {
    expect(() => projectCase([{ type: 'note', occurredOn: '2026-11-20' }])).toThrow(/intake/);
  });
});
