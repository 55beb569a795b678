import type { CorrectableField } from '@homeward/core';

/** The fields each "Correct" button opens: the child's card, and the intake (classification and referral). */
export const CORRECTION_GROUPS = {
  child: [
    'familyNameKm',
    'givenNameKm',
    'familyNameLatin',
    'givenNameLatin',
    'alias',
    'sex',
    'dateOfBirth',
    'dateOfBirthEstimated',
    'villageCode',
    'nationality',
  ],
  intake: [
    'caseTypes',
    'childType',
    'riskLevel',
    'referral.source',
    'referral.sourceName',
    'referral.referredOn',
    'referral.reason',
  ],
} as const satisfies Record<string, readonly CorrectableField[]>;
export type CorrectionGroup = keyof typeof CORRECTION_GROUPS;

/** The label of each field, shared with the case page, the conflict screen and the timeline. */
export const FIELD_LABEL_KEYS: Record<CorrectableField, string> = {
  familyNameKm: 'cases:fields.familyNameKm',
  givenNameKm: 'cases:fields.givenNameKm',
  familyNameLatin: 'cases:fields.familyNameLatin',
  givenNameLatin: 'cases:fields.givenNameLatin',
  alias: 'cases:fields.alias',
  sex: 'cases:fields.sex',
  dateOfBirth: 'cases:fields.dateOfBirth',
  dateOfBirthEstimated: 'cases:correction.estimatedLabel',
  villageCode: 'cases:fields.village',
  nationality: 'cases:fields.nationality',
  caseTypes: 'cases:fields.caseTypes',
  childType: 'cases:fields.childType',
  riskLevel: 'cases:fields.riskLevel',
  'referral.source': 'cases:fields.referralSource',
  'referral.sourceName': 'cases:fields.referralSourceName',
  'referral.referredOn': 'cases:fields.referredOn',
  'referral.reason': 'cases:fields.referralReason',
};
