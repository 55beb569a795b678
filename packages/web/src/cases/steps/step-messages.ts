import type { FieldIssue } from '@homeward/core';
import { i18n } from '../../i18n';
import type { Message } from '../../forms/messages';
import { commonIssueMessage, type SchemaIssue } from '../../forms/schema-issues';

/** Messages a form gives for its own fields, by schema path with `*` for list positions (`payload.goals.*.goal`). */
export type FieldMessages = Readonly<Record<string, string>>;

/** `payload.goals.2.actions.0.by` → `payload.goals.*.actions.*.by`, to look a message up whatever the position. */
export function pathPattern(path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? '*' : part))
    .join('.');
}

/** The date fields of the step payloads, whose mistakes all read the same: no date, or an impossible one. */
const DATE_FIELDS: ReadonlySet<string> = new Set([
  'occurredOn',
  'by',
  'reviewOn',
  'endOn',
  'nextVisitOn',
  'informedOn',
]);

function valueAt(candidate: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = candidate;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * A schema issue in words the user reads in their language: the form's own message for the field where it
 * has one, otherwise one by kind of mistake (nothing chosen, nothing written, a date, a number).
 */
export function stepIssueMessage(issue: SchemaIssue, path: string, candidate: unknown, own: FieldMessages): Message {
  const value = valueAt(candidate, issue.path);
  if (DATE_FIELDS.has(String(issue.path[issue.path.length - 1]))) {
    return value === '' || value === undefined ? { key: 'errors.dateRequired' } : { key: 'errors.invalidDate' };
  }
  const key = own[pathPattern(path)];
  if (key && issue.code !== 'too_big') return { key };
  switch (issue.code) {
    case 'invalid_value':
      return { key: 'steps:errors.choose' };
    case 'invalid_type':
      return typeof value === 'number' ? { key: 'steps:errors.wholeNumber' } : { key: 'steps:errors.choose' };
    case 'too_small':
      if ('origin' in issue && issue.origin === 'number') return { key: 'steps:errors.wholeNumber' };
      if ('origin' in issue && issue.origin === 'array') return { key: 'steps:errors.addOne' };
      return { key: 'steps:errors.required' };
    case 'too_big':
      if ('origin' in issue && issue.origin === 'number') return { key: 'steps:errors.score' };
      return commonIssueMessage(issue);
    case 'invalid_format':
      return { key: 'steps:errors.choose' };
    case 'custom':
      return /twice/.test(issue.message) ? { key: 'steps:errors.twice' } : { schema: issue.message };
    default:
      return commonIssueMessage(issue);
  }
}

/** A refusal by the rules (in the browser or on the server), in the user's language when we have its code. */
export function ruleMessage(issue: Pick<FieldIssue, 'message' | 'code'>): Message {
  const key = issue.code ? `steps:errors.${issue.code}` : undefined;
  if (key && i18n.exists(key)) return { key };
  return { server: issue.message, ...(issue.code === undefined ? {} : { code: issue.code }) };
}
