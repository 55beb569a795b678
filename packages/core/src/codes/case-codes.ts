/**
 * Code lists for a case. Each list is a tuple so that zod enums and TypeScript unions come from one source;
 * their labels live in the `codes` translation namespace (locales/{en,km}/codes.json).
 */

/** CCPCR case types, then the further types seen in the seeds and DESIGN.md. A case can have several. */
export const CASE_TYPES = [
  'DV',
  'SA',
  'NC',
  'TL',
  'ST',
  'RC',
  'SW',
  'SECTT',
  'OCSE',
  'LE',
  'CL',
  'BEG',
  'ABN',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** The seven case types the CCPCR report lists one by one, in its order; reports put the others in one row. */
export const REPORT_CASE_TYPES = ['DV', 'SA', 'NC', 'TL', 'ST', 'RC', 'SW'] as const satisfies readonly CaseType[];

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export const REFERRAL_SOURCES = [
  'transit_centre',
  'police',
  'ngo',
  'government',
  'community',
  'family',
  'self',
  'outreach',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** MoSVY Form 1 "type of child" (2006 Policy on Alternative Care categories). */
export const CHILD_TYPES = [
  'orphan',
  'disability',
  'abandoned',
  'street',
  'drug_addicted',
  'basic_needs_unmet',
  'hiv_affected',
  'abused',
  'exploited',
  'conflict_with_law',
  'other',
] as const;
export type ChildType = (typeof CHILD_TYPES)[number];

/** Default MoSVY "type of child" for each case type, used to pre-fill intake. */
export const CHILD_TYPE_FOR_CASE_TYPE: Record<CaseType, ChildType> = {
  DV: 'abused',
  SA: 'abused',
  NC: 'basic_needs_unmet',
  TL: 'exploited',
  ST: 'exploited',
  RC: 'other',
  SW: 'exploited',
  SECTT: 'exploited',
  OCSE: 'exploited',
  LE: 'exploited',
  CL: 'exploited',
  BEG: 'street',
  ABN: 'abandoned',
};

/** HTCDS exploitation type for each case type, where one applies (for exports to IOM/CTDC formats). */
export const HTCDS_EXPLOITATION: Partial<Record<CaseType, string>> = {
  TL: 'Forced labour',
  ST: 'Sexual exploitation',
  SW: 'Sexual exploitation',
  SECTT: 'Sexual exploitation',
  OCSE: 'Sexual exploitation',
  LE: 'Forced labour',
  CL: 'Forced labour',
  BEG: 'Forced criminal activity',
};

export const RISK_LEVELS = ['high', 'medium', 'low', 'no_action'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
