import { checkNewCase, DomainError, groupIntakeSchema, type GroupIntake, type NewCase, type Sex } from '@homeward/core';
import type { NewCaseFormState } from '../cases/new-case-form';
import type { FieldErrors, Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';

/** One child of the group, as typed. `key` stays with the row when rows above it are removed. */
export interface ChildRow {
  key: number;
  familyNameKm: string;
  givenNameKm: string;
  familyNameLatin: string;
  givenNameLatin: string;
  sex: Sex | '';
  dateOfBirth: string;
  estimatedAge: string;
  villageCode: string | null;
}

export type ChildField = Exclude<keyof ChildRow, 'key'>;

export const CHILD_FIELDS: readonly ChildField[] = [
  'familyNameKm',
  'givenNameKm',
  'familyNameLatin',
  'givenNameLatin',
  'sex',
  'dateOfBirth',
  'estimatedAge',
  'villageCode',
];

/** The shared part of the form that the new-case sections edit: referral and classification. */
export const SHARED_FIELDS = [
  'caseTypes',
  'childType',
  'referral.source',
  'referral.sourceName',
  'referral.referredOn',
  'referral.reason',
] as const;

export const INITIAL_ROWS = 3;

export function emptyRow(key: number): ChildRow {
  return {
    key,
    familyNameKm: '',
    givenNameKm: '',
    familyNameLatin: '',
    givenNameLatin: '',
    sex: '',
    dateOfBirth: '',
    estimatedAge: '',
    villageCode: null,
  };
}

/** Errors of a row's field are kept under the row's key, not its position, so they follow the row. */
export function rowErrorKey(key: number, field: string): string {
  return `children.${key}.${field}`;
}

/** A row nothing was typed in is left out rather than refused: the form starts with a few spare rows. */
export function isBlankRow(row: ChildRow): boolean {
  const texts = [
    row.familyNameKm,
    row.givenNameKm,
    row.familyNameLatin,
    row.givenNameLatin,
    row.dateOfBirth,
    row.estimatedAge,
  ];
  return texts.every((text) => text.trim() === '') && row.sex === '' && row.villageCode === null;
}

/** The error fields a change to a row makes stale: the user is fixing them. */
export function rowFieldsTouchedBy(key: number, patch: Partial<ChildRow>): string[] {
  return (Object.keys(patch) as ChildField[]).flatMap((field) => {
    // Either given name satisfies "a given name is needed", whose error sits on the Khmer one.
    if (field === 'givenNameLatin') return [rowErrorKey(key, field), rowErrorKey(key, 'givenNameKm')];
    // A date of birth or an age: either one answers the other's error.
    if (field === 'dateOfBirth' || field === 'estimatedAge') {
      return [rowErrorKey(key, 'dateOfBirth'), rowErrorKey(key, 'estimatedAge')];
    }
    return [rowErrorKey(key, field)];
  });
}

/** The same paths as the new-case form, for the same shared sections. */
export function sharedFieldsTouchedBy(patch: Partial<NewCaseFormState>): string[] {
  const paths: Partial<Record<keyof NewCaseFormState, readonly string[]>> = {
    caseTypes: ['caseTypes'],
    childType: ['childType'],
    referralSource: ['referral.source'],
    referralSourceName: ['referral.sourceName'],
    referredOn: ['referral.referredOn'],
    referralReason: ['referral.reason'],
  };
  return (Object.keys(patch) as (keyof NewCaseFormState)[]).flatMap((key) => paths[key] ?? []);
}

function toCandidate(shared: NewCaseFormState, rows: readonly ChildRow[]): Record<string, unknown> {
  return {
    referral: {
      source: shared.referralSource || undefined,
      sourceName: shared.referralSourceName,
      referredOn: shared.referredOn,
      reason: shared.referralReason,
    },
    caseTypes: shared.caseTypes,
    childType: shared.childType || undefined,
    children: rows.map((row) => {
      const age = row.estimatedAge.trim();
      return {
        familyNameKm: row.familyNameKm,
        givenNameKm: row.givenNameKm,
        familyNameLatin: row.familyNameLatin,
        givenNameLatin: row.givenNameLatin,
        sex: row.sex || undefined,
        dateOfBirth: row.dateOfBirth || undefined,
        dateOfBirthEstimated: false,
        estimatedAge: age === '' ? undefined : Number(age),
        villageCode: row.villageCode ?? undefined,
      };
    }),
  };
}

const base = 'oversight:groupIntake.errors';

function childMessage(field: string, issue: SchemaIssue, row: ChildRow | undefined): Message {
  switch (field) {
    case 'givenNameKm':
      return issue.code === 'custom' ? { key: `${base}.givenName` } : commonIssueMessage(issue);
    case 'sex':
      return { key: `${base}.sex` };
    case 'dateOfBirth':
      return row?.dateOfBirth ? { key: 'errors.invalidDate' } : { key: `${base}.dobOrAge` };
    case 'estimatedAge':
      return issue.code === 'custom'
        ? { key: `${base}.dobAndAge` }
        : { key: `${base}.age`, params: { min: 0, max: 30 } };
    case 'villageCode':
      return { key: 'cases:errors.villageNotFound' };
    default:
      return commonIssueMessage(issue);
  }
}

function sharedMessage(path: string, issue: SchemaIssue, shared: NewCaseFormState): Message {
  switch (path) {
    case 'caseTypes':
      return { key: 'cases:errors.caseTypesMin' };
    case 'referral.source':
      return { key: 'cases:errors.referralSourceRequired' };
    case 'referral.referredOn':
      return shared.referredOn === '' ? { key: 'errors.dateRequired' } : { key: 'errors.invalidDate' };
    case 'children':
      return { key: `${base}.noChildren` };
    default:
      return commonIssueMessage(issue);
  }
}

/**
 * Where an error about `children.N.field` belongs on screen: N counts only the rows sent, so it is turned
 * back into the key of the row it came from. Other paths stay as they are.
 */
export function errorFieldOnScreen(path: string, sentKeys: readonly number[]): string {
  const match = /^children\.(\d+)\.(.+)$/.exec(path);
  if (!match) return path;
  const key = sentKeys[Number(match[1])];
  return key === undefined ? 'children' : rowErrorKey(key, match[2] ?? '');
}

export type GroupIntakeValidation =
  { ok: true; value: GroupIntake; sentKeys: number[] } | { ok: false; errors: FieldErrors };

/** The same schema and date rules as the server, row by row, before anything is sent. */
export function validateGroupIntake(
  shared: NewCaseFormState,
  rows: readonly ChildRow[],
  today: string,
): GroupIntakeValidation {
  const sent = rows.filter((row) => !isBlankRow(row));
  const sentKeys = sent.map((row) => row.key);
  const errors: FieldErrors = {};
  const parsed = groupIntakeSchema.safeParse(toCandidate(shared, sent));

  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issuePath(issue);
      const match = /^children\.(\d+)\.(.+)$/.exec(path);
      if (match) {
        const row = sent[Number(match[1])];
        const field = match[2] ?? '';
        errors[errorFieldOnScreen(path, sentKeys)] ??= childMessage(field, issue, row);
      } else {
        errors[path] ??= sharedMessage(path, issue, shared);
      }
    }
    // Checks across a child's fields only run once the child's fields parse; say them now, with the rest.
    for (const row of sent) {
      if (!row.givenNameKm.trim() && !row.givenNameLatin.trim()) {
        errors[rowErrorKey(row.key, 'givenNameKm')] ??= { key: `${base}.givenName` };
      }
      if (!row.dateOfBirth && !row.estimatedAge.trim()) {
        errors[rowErrorKey(row.key, 'dateOfBirth')] ??= { key: `${base}.dobOrAge` };
      }
    }
    return { ok: false, errors };
  }

  const value = parsed.data;
  value.children.forEach((child, index) => {
    const candidate: NewCase = {
      ...child,
      caseTypes: value.caseTypes,
      childType: value.childType,
      referral: value.referral,
    };
    try {
      checkNewCase(candidate, today);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const issue of error.issues) {
        const field = issue.field.startsWith('referral.')
          ? issue.field
          : errorFieldOnScreen(`children.${index}.${issue.field}`, sentKeys);
        errors[field] ??= { server: issue.message, ...(issue.code === undefined ? {} : { code: issue.code }) };
      }
    }
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value, sentKeys };
}
