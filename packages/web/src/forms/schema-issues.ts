import { ISO_DATE_FORMAT_MESSAGE } from '@homeward/core';
import type { Message } from './messages';

/** The parts of a zod issue the forms read; structural, so the web app needs no direct dependency on zod. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  maximum?: unknown;
}

export function issuePath(issue: SchemaIssue): string {
  return issue.path.map(String).join('.');
}

/** Messages shared by every form: text too long, and dates typed that are not dates. */
export function commonIssueMessage(issue: SchemaIssue): Message {
  if (issue.message === ISO_DATE_FORMAT_MESSAGE) {
    return { key: 'errors.invalidDate' };
  }
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') {
    return { key: 'common:errors.tooLong', params: { max: issue.maximum } };
  }
  return { schema: issue.message };
}
