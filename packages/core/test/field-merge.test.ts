import { describe, expect, it } from 'vitest';
import {
  FieldConflictError,
  planCorrection,
  tiersRefusedForCorrection,
  valuesAtBase,
} from '../src/cases/case-correction';
import type { CaseProfile } from '../src/cases/case-correction.schema';
import { caseCorrectionSchema } from '../src/cases/case-correction.schema';
import { accessFor } from '../src/access/policy';
import { mergeFieldEdits } from '../src/records/field-merge';
import { projectCase } from '../src/cases/case-projection';

const current = {
  givenNameLatin: { value: 'Dara', version: 2 },
  alias: { value: 'Girl A', version: 0 },
  caseTypes: { value: ['TL', 'RC'], version: 1 },
};

describe('the merge rule for versioned fields', () => {
  it('applies a change made from the current version', () => {
    const outcome = mergeFieldEdits(current, { changes: { alias: 'Girl B' }, baseVersions: { alias: 0 } });
    expect(outcome).toEqual({ apply: { alias: 'Girl B' }, unchanged: [], conflicts: [] });
  });

  it('holds back a change made from an older version of a field that changed since', () => {
    const outcome = mergeFieldEdits(current, {
      changes: { givenNameLatin: 'Darra', alias: 'Girl B' },
      baseVersions: { givenNameLatin: 1, alias: 0 },
    });
    expect(outcome.apply).toEqual({ alias: 'Girl B' });
    expect(outcome.conflicts).toEqual([
      { field: 'givenNameLatin', yours: 'Darra', current: 'Dara', currentVersion: 2 },
    ]);
  });

  it('calls a change equal to the current value a no-op, not a conflict, whatever its base', () => {
    const outcome = mergeFieldEdits(current, {
      changes: { givenNameLatin: 'Dara', caseTypes: ['TL', 'RC'] },
      baseVersions: { givenNameLatin: 0, caseTypes: 0 },
    });
    expect(outcome).toEqual({ apply: {}, unchanged: ['givenNameLatin', 'caseTypes'], conflicts: [] });
  });

  it('applies a stale change when the field is back to the value the writer saw', () => {
    const outcome = mergeFieldEdits(current, {
      changes: { givenNameLatin: 'Darra' },
      baseVersions: { givenNameLatin: 0 },
      seen: { givenNameLatin: 'Dara' },
    });
    expect(outcome.apply).toEqual({ givenNameLatin: 'Darra' });
  });

  it('never silently writes a field whose base is missing or newer than the record', () => {
    const outcome = mergeFieldEdits(current, {
      changes: { alias: 'X', caseTypes: ['SA'] },
      baseVersions: { caseTypes: 5 },
    });
    expect(outcome.apply).toEqual({});
    expect(outcome.conflicts.map((conflict) => conflict.field)).toEqual(['alias', 'caseTypes']);
  });

  it('treats a field never set as version 0 with no value', () => {
    const outcome = mergeFieldEdits({}, { changes: { nationality: 'Cambodian' }, baseVersions: { nationality: 0 } });
    expect(outcome.apply).toEqual({ nationality: 'Cambodian' });
  });
});

const profile: CaseProfile = {
  familyNameKm: 'សុខ',
  givenNameKm: 'ដារា',
  familyNameLatin: 'Sok',
  givenNameLatin: 'Dara',
  alias: 'Girl A',
  sex: 'female',
  dateOfBirth: '2012-03-14',
  dateOfBirthEstimated: false,
  villageCode: null,
  nationality: null,
  caseTypes: ['TL'],
  childType: null,
  riskLevel: null,
  'referral.source': 'police',
  'referral.sourceName': null,
  'referral.referredOn': '2026-10-02',
  'referral.reason': null,
};

describe('planning a correction', () => {
  const plan = (changes: object, baseVersions: object, fieldVersions = {}, history = []) =>
    planCorrection({
      profile,
      fieldVersions,
      correction: caseCorrectionSchema.parse({ changes, baseVersions }),
      history,
      today: '2026-11-23',
      firstEntryOn: '2026-10-05',
    });

  it('records each changed field with both values and its next version', () => {
    const result = plan({ givenNameLatin: 'Darra', alias: 'Girl A' }, { givenNameLatin: 0, alias: 0 });
    expect(result.changes).toEqual({ givenNameLatin: { from: 'Dara', to: 'Darra', baseVersion: 0, version: 1 } });
    expect(result.fieldVersions).toEqual({ givenNameLatin: 1 });
  });

  it('throws the conflicts, with who made the current value, and plans nothing', () => {
    const history = [
      {
        authorName: 'Worker A',
        recordedAt: '2026-11-20T10:00:00.000Z',
        changes: { givenNameLatin: { from: 'Dara', to: 'Dara A', baseVersion: 0, version: 1 } },
      },
    ];
    const stale = () =>
      planCorrection({
        profile: { ...profile, givenNameLatin: 'Dara A' },
        fieldVersions: { givenNameLatin: 1 },
        correction: caseCorrectionSchema.parse({
          changes: { givenNameLatin: 'Dara B' },
          baseVersions: { givenNameLatin: 0 },
        }),
        history,
        today: '2026-11-23',
        firstEntryOn: null,
      });
    expect(stale).toThrow(FieldConflictError);
    try {
      stale();
    } catch (error) {
      expect((error as FieldConflictError).conflicts).toEqual([
        {
          field: 'givenNameLatin',
          yours: 'Dara B',
          current: 'Dara A',
          currentVersion: 1,
          changedBy: 'Worker A',
          changedAt: '2026-11-20T10:00:00.000Z',
        },
      ]);
    }
  });

  it('finds the value a writer saw at a base version in the history', () => {
    const history = [
      { authorName: null, recordedAt: '', changes: { alias: { from: 'A', to: 'B', baseVersion: 0, version: 1 } } },
      { authorName: null, recordedAt: '', changes: { alias: { from: 'B', to: 'C', baseVersion: 1, version: 2 } } },
    ];
    expect(valuesAtBase(history, { alias: 0 })).toEqual({ alias: 'A' });
    expect(valuesAtBase(history, { alias: 1 })).toEqual({ alias: 'B' });
  });

  it('refuses a profile the rules refuse: no given name, a referral after the first entry or in the future', () => {
    expect(() => plan({ givenNameKm: null, givenNameLatin: '' }, { givenNameKm: 0, givenNameLatin: 0 })).toThrow(
      /given name/,
    );
    expect(() => plan({ 'referral.referredOn': '2026-10-10' }, { 'referral.referredOn': 0 })).toThrow(/first entry/);
    expect(() => plan({ 'referral.referredOn': '2026-12-01' }, { 'referral.referredOn': 0 })).toThrow(/future/);
    expect(() => plan({ dateOfBirth: '2026-10-03' }, { dateOfBirth: 0 })).toThrow(/after the referral/);
  });

  it('refuses every changed field without a base version, and unknown fields', () => {
    expect(caseCorrectionSchema.safeParse({ changes: { alias: 'X' }, baseVersions: {} }).success).toBe(false);
    expect(caseCorrectionSchema.safeParse({ changes: { caseNumber: 'X' }, baseVersions: {} }).success).toBe(false);
  });

  it('lets only a role that writes identity correct who the child is', () => {
    const readOnly = { tiers: { ...accessFor(['caseworker']).tiers, identity: 'read' as const } };
    expect(tiersRefusedForCorrection({ sex: 'male', caseTypes: ['SA'] }, readOnly)).toEqual(['identity']);
    expect(tiersRefusedForCorrection({ caseTypes: ['SA'], alias: 'B' }, readOnly)).toEqual([]);
  });
});

describe('the case projection of corrections', () => {
  it('takes the corrected case types, referral and risk, and opens the case on the corrected referral date', () => {
    const projection = projectCase([
      {
        type: 'intake',
        occurredOn: '2026-10-02',
        payload: { referral: { source: 'police', referredOn: '2026-10-02' }, caseTypes: ['TL'], childType: null },
      },
      {
        type: 'profile_correction',
        occurredOn: '2026-11-23',
        payload: {
          changes: {
            caseTypes: { from: ['TL'], to: ['SA'], baseVersion: 0, version: 1 },
            riskLevel: { from: null, to: 'high', baseVersion: 0, version: 1 },
            'referral.referredOn': { from: '2026-10-02', to: '2026-09-30', baseVersion: 0, version: 1 },
            'referral.sourceName': { from: null, to: 'Police Svay Rieng', baseVersion: 0, version: 1 },
          },
        },
      },
    ]);
    expect(projection).toMatchObject({
      caseTypes: ['SA'],
      riskLevel: 'high',
      openedOn: '2026-09-30',
      lastEventOn: '2026-10-02',
      referral: { source: 'police', referredOn: '2026-09-30', sourceName: 'Police Svay Rieng' },
    });
  });
});
