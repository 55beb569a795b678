import {
  checkNewCase,
  DomainError,
  newCaseSchema,
  type INTERVIEWEES,
  type CaseType,
  type ChildType,
  type NewCase,
  type ReferralSource,
  type RiskLevel,
  type Sex,
} from '@homeward/core';
import type { FieldErrors, Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';

export type Interviewee = (typeof INTERVIEWEES)[number];

/** What the form holds: strings as typed, so that a half-filled form is representable. */
export interface NewCaseFormState {
  familyNameKm: string;
  givenNameKm: string;
  familyNameLatin: string;
  givenNameLatin: string;
  alias: string;
  sex: Sex | '';
  /** Many children arrive without papers: an age guessed in years is as usual as a known birth date. */
  birthMode: 'date' | 'age';
  dateOfBirth: string;
  dateOfBirthEstimated: boolean;
  estimatedAge: string;
  caseTypes: CaseType[];
  childType: ChildType | '';
  /** True while the "type of child" was filled in from the case types rather than chosen by the user. */
  childTypeSuggested: boolean;
  /** Empty until someone has assessed it: then the intake records no risk level. */
  riskLevel: RiskLevel | '';
  interviewed: Interviewee[];
  referralSource: ReferralSource | '';
  referralSourceName: string;
  referredOn: string;
  referralReason: string;
  villageCode: string | null;
}

export function initialNewCaseState(today: string): NewCaseFormState {
  return {
    familyNameKm: '',
    givenNameKm: '',
    familyNameLatin: '',
    givenNameLatin: '',
    alias: '',
    sex: '',
    birthMode: 'date',
    dateOfBirth: '',
    dateOfBirthEstimated: false,
    estimatedAge: '',
    caseTypes: [],
    childType: '',
    childTypeSuggested: false,
    riskLevel: '',
    interviewed: [],
    referralSource: '',
    referralSourceName: '',
    referredOn: today,
    referralReason: '',
    villageCode: null,
  };
}

/** The fields the form shows, by the dotted path the schema and the server use. */
export const NEW_CASE_FIELDS = [
  'familyNameKm',
  'givenNameKm',
  'familyNameLatin',
  'givenNameLatin',
  'alias',
  'sex',
  'dateOfBirth',
  'estimatedAge',
  'caseTypes',
  'childType',
  'riskLevel',
  'interviewed',
  'referral.source',
  'referral.sourceName',
  'referral.referredOn',
  'referral.reason',
  'villageCode',
] as const;

function toCandidate(state: NewCaseFormState): Record<string, unknown> {
  const byDate = state.birthMode === 'date';
  const age = state.estimatedAge.trim();
  return {
    familyNameKm: state.familyNameKm,
    givenNameKm: state.givenNameKm,
    familyNameLatin: state.familyNameLatin,
    givenNameLatin: state.givenNameLatin,
    alias: state.alias,
    sex: state.sex || undefined,
    dateOfBirth: byDate && state.dateOfBirth ? state.dateOfBirth : undefined,
    dateOfBirthEstimated: byDate ? state.dateOfBirthEstimated : false,
    estimatedAge: !byDate && age !== '' ? Number(age) : undefined,
    caseTypes: state.caseTypes,
    childType: state.childType || undefined,
    riskLevel: state.riskLevel || undefined,
    interviewed: state.interviewed.length > 0 ? state.interviewed : undefined,
    referral: {
      source: state.referralSource || undefined,
      sourceName: state.referralSourceName,
      referredOn: state.referredOn,
      reason: state.referralReason,
    },
    villageCode: state.villageCode ?? undefined,
  };
}

/** The error fields a change to the form state makes stale: the user is fixing them. */
export function fieldsTouchedBy(patch: Partial<NewCaseFormState>): string[] {
  const paths: Record<keyof NewCaseFormState, readonly string[]> = {
    familyNameKm: ['familyNameKm'],
    // Either given name satisfies "a given name is needed", whose error sits on the Khmer one.
    givenNameKm: ['givenNameKm'],
    familyNameLatin: ['familyNameLatin'],
    givenNameLatin: ['givenNameLatin', 'givenNameKm'],
    alias: ['alias'],
    sex: ['sex'],
    birthMode: ['dateOfBirth', 'estimatedAge'],
    dateOfBirth: ['dateOfBirth'],
    dateOfBirthEstimated: [],
    estimatedAge: ['estimatedAge'],
    caseTypes: ['caseTypes'],
    childType: ['childType'],
    childTypeSuggested: [],
    riskLevel: ['riskLevel'],
    interviewed: ['interviewed'],
    referralSource: ['referral.source'],
    referralSourceName: ['referral.sourceName'],
    referredOn: ['referral.referredOn', 'dateOfBirth'],
    referralReason: ['referral.reason'],
    villageCode: ['villageCode'],
  };
  return (Object.keys(patch) as (keyof NewCaseFormState)[]).flatMap((key) => paths[key]);
}

/** In "age" mode the date of birth is not on screen: its errors belong to the age field. */
export function fieldOnScreen(field: string, state: NewCaseFormState): string {
  return field === 'dateOfBirth' && state.birthMode === 'age' ? 'estimatedAge' : field;
}

function issueMessage(issue: SchemaIssue, state: NewCaseFormState): Message {
  const path = issuePath(issue);
  switch (path) {
    case 'givenNameKm':
      return issue.code === 'custom' ? { key: 'cases:errors.givenNameRequired' } : commonIssueMessage(issue);
    case 'sex':
      return { key: 'cases:errors.sexRequired' };
    case 'dateOfBirth':
      if (state.birthMode === 'age' || state.dateOfBirth === '') return { key: 'cases:errors.dobOrAge' };
      return { key: 'errors.invalidDate' };
    case 'estimatedAge':
      return { key: 'cases:errors.ageRange', params: { min: 0, max: 30 } };
    case 'caseTypes':
      return { key: 'cases:errors.caseTypesMin' };
    case 'referral.source':
      return { key: 'cases:errors.referralSourceRequired' };
    case 'referral.referredOn':
      return state.referredOn === '' ? { key: 'errors.dateRequired' } : { key: 'errors.invalidDate' };
    case 'villageCode':
      return { key: 'cases:errors.villageNotFound' };
    default:
      return commonIssueMessage(issue);
  }
}

export type NewCaseValidation = { ok: true; value: NewCase } | { ok: false; errors: FieldErrors };

/** The same schema and rules as the server, so most mistakes are caught before anything is sent. */
export function validateNewCase(state: NewCaseFormState, today: string): NewCaseValidation {
  const parsed = newCaseSchema.safeParse(toCandidate(state));
  if (parsed.success) {
    try {
      checkNewCase(parsed.data, today);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ok: false, errors: domainErrors(error, state) };
    }
    return { ok: true, value: parsed.data };
  }

  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    errors[fieldOnScreen(issuePath(issue), state)] ??= issueMessage(issue, state);
  }
  // The schema checks names and birth together only once every field parses; say it now, with the rest.
  if (!state.givenNameKm.trim() && !state.givenNameLatin.trim()) {
    errors.givenNameKm ??= { key: 'cases:errors.givenNameRequired' };
  }
  const birthField = state.birthMode === 'age' ? 'estimatedAge' : 'dateOfBirth';
  const birthGiven = state.birthMode === 'age' ? state.estimatedAge.trim() !== '' : state.dateOfBirth !== '';
  if (!birthGiven) errors[birthField] ??= { key: 'cases:errors.dobOrAge' };
  return { ok: false, errors };
}

function domainErrors(error: DomainError, state: NewCaseFormState): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    errors[fieldOnScreen(issue.field, state)] ??= {
      server: issue.message,
      ...(issue.code === undefined ? {} : { code: issue.code }),
    };
  }
  return errors;
}
