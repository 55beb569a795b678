import { newTaskSchema, type NewTask } from '@homeward/core';
import type { FieldErrors, Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';
import { localToday } from '../text/dates';

export const TASK_FIELDS = ['assignedTo', 'title', 'dueOn'] as const;

/** How long a colleague gets by default: a week, the rhythm of a team meeting. */
export const DEFAULT_DAYS_TO_DO = 7;

export function defaultDueOn(now: Date = new Date()): string {
  const due = new Date(now);
  due.setDate(due.getDate() + DEFAULT_DAYS_TO_DO);
  return localToday(due);
}

export interface TaskDraft {
  caseId: string;
  assignedTo: string;
  title: string;
  dueOn: string;
}

function taskIssueMessage(issue: SchemaIssue, draft: TaskDraft): Message {
  switch (issuePath(issue)) {
    case 'assignedTo':
      return { key: 'documents:task.errors.assignee' };
    case 'title':
      return issue.code === 'too_small' ? { key: 'documents:task.errors.title' } : commonIssueMessage(issue);
    case 'dueOn':
      return draft.dueOn === '' ? { key: 'errors.dateRequired' } : { key: 'errors.invalidDate' };
    default:
      return commonIssueMessage(issue);
  }
}

export function validateTask(
  draft: TaskDraft,
  today: string,
): { ok: true; value: NewTask } | { ok: false; errors: FieldErrors; general: Message | null } {
  const parsed = newTaskSchema.safeParse(draft);
  const errors: FieldErrors = {};
  let general: Message | null = null;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issuePath(issue);
      const message = taskIssueMessage(issue, draft);
      if ((TASK_FIELDS as readonly string[]).includes(path)) errors[path] ??= message;
      else general ??= message;
    }
  }
  // Not a rule of the schema (an old task may be overdue), but nobody gives a task that is late already.
  if (!errors.dueOn && draft.dueOn !== '' && draft.dueOn < today)
    errors.dueOn = { key: 'documents:task.errors.dueInPast' };
  if (!parsed.success || Object.keys(errors).length > 0 || general) return { ok: false, errors, general };
  return { ok: true, value: parsed.data };
}
