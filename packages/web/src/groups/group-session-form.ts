import {
  AttendanceRefusedError,
  groupActivitySchema,
  type LIFE_SKILLS_TOPICS,
  normaliseForSearch,
  searchKey,
  type CaseSummary,
  type GroupActivity,
} from '@homeward/core';
import { isApiError } from '../api/http';
import { requestErrorMessage, type FieldErrors, type Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';

export type LifeSkillsTopic = (typeof LIFE_SKILLS_TOPICS)[number];

/** What the group session form holds: strings as typed, and the ids of the children marked present. */
export interface GroupSessionFormState {
  topic: LifeSkillsTopic | '';
  title: string;
  occurredOn: string;
  caseIds: readonly string[];
}

export const GROUP_SESSION_FIELDS = ['topic', 'title', 'occurredOn', 'caseIds'] as const;

/** Codes of refusals that name one child (closed case, session before the intake): the server's text says which. */
const CHILD_REFUSALS = new Set(['case_closed', 'before_intake']);

/** Cases that can attend: every case not closed, by case number. */
export function attendableCases(items: readonly CaseSummary[]): CaseSummary[] {
  return items.filter((item) => item.status !== 'closed').sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
}

/** The cases whose number, names (either script) or alias contain the filter text. */
export function filterCases(items: readonly CaseSummary[], filter: string): CaseSummary[] {
  const query = normaliseForSearch(filter.trim());
  if (query === '') return [...items];
  return items.filter((item) =>
    searchKey([
      item.caseNumber,
      item.familyNameKm,
      item.givenNameKm,
      `${item.familyNameKm ?? ''}${item.givenNameKm ?? ''}`,
      item.familyNameLatin,
      item.givenNameLatin,
      `${item.familyNameLatin ?? ''}${item.givenNameLatin ?? ''}`,
      `${item.givenNameLatin ?? ''}${item.familyNameLatin ?? ''}`,
      item.alias,
    ]).includes(query),
  );
}

function issueMessage(issue: SchemaIssue): Message {
  switch (issuePath(issue).split('.')[0]) {
    case 'topic':
      return { key: 'oversight:groupSession.errors.topic' };
    case 'occurredOn':
      return { key: 'common:errors.dateRequired' };
    case 'caseIds':
      return { key: 'oversight:groupSession.errors.attendance' };
    case undefined:
    default:
      return commonIssueMessage(issue);
  }
}

export type GroupSessionValidation = { ok: true; value: GroupActivity } | { ok: false; errors: FieldErrors };

/** The same schema as the server's, and no session in the future. */
export function validateGroupSession(state: GroupSessionFormState, today: string): GroupSessionValidation {
  const title = state.title.trim();
  const parsed = groupActivitySchema.safeParse({
    topic: state.topic || undefined,
    ...(title === '' ? {} : { title }),
    occurredOn: state.occurredOn,
    caseIds: state.caseIds,
  });
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issuePath(issue).split('.')[0] ?? ''] ??= issueMessage(issue);
  }
  if (state.occurredOn > today) errors.occurredOn ??= { key: 'common:errors.date_in_future' };
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors };
}

/**
 * A refusal about one child keeps the server's own words, which name the case; on the device, the case's number
 * in the reader's language. Others as usual.
 */
export function groupSessionErrorMessage(error: unknown): Message {
  if (error instanceof AttendanceRefusedError) {
    const reason = error.code && CHILD_REFUSALS.has(error.code) ? error.code : 'other';
    return { key: `oversight:groupSession.errors.refused.${reason}`, params: { caseNumber: error.caseNumber } };
  }
  if (isApiError(error) && error.code && CHILD_REFUSALS.has(error.code) && error.detail) {
    return { server: error.detail };
  }
  return requestErrorMessage(error);
}
