import {
  caseSettingsSchema,
  followUpRuleSchema,
  followUpSchedule,
  type ApprovalSubject,
  type CaseSettings,
} from '@homeward/core';
import type { FieldErrors, Message } from '../forms/messages';
import { commonIssueMessage, issuePath, type SchemaIssue } from '../forms/schema-issues';

export type ApprovalSubjectCode = ApprovalSubject;

/** One phase of the follow-up rule as typed; `key` keeps React rows and their errors apart. */
export interface PhaseRow {
  key: number;
  everyMonths: string;
  untilMonth: string;
}

export interface CaseSettingsFormState {
  approvalGates: ApprovalSubjectCode[];
  phases: PhaseRow[];
  /** The smallest count anonymised reports of the organisation's cases show, as typed. */
  reportSuppressionFloor: string;
  /** Days a referral may wait for our answer before it shows as overdue (issue 10). */
  referralNormalDays: string;
  referralUrgentDays: string;
  /** What the organisation's devices do with the cases they keep offline (issue 11). */
  wipeAfterDays: string;
  lockAfterMinutes: string;
}

export const SUPPRESSION_FLOOR_MIN = 2;
export const SUPPRESSION_FLOOR_MAX = 50;

export const WIPE_AFTER_DAYS_MAX = 365;
export const LOCK_AFTER_MINUTES_MAX = 24 * 60;

export const EVERY_MONTHS_MAX = 24;
export const UNTIL_MONTH_MAX = 120;

export function caseSettingsFormState(settings: CaseSettings): CaseSettingsFormState {
  return {
    approvalGates: [...settings.approvalGates],
    phases: settings.followUpRule.map((phase, key) => ({
      key,
      everyMonths: String(phase.everyMonths),
      untilMonth: String(phase.untilMonth),
    })),
    reportSuppressionFloor: String(settings.reportSuppressionFloor),
    referralNormalDays: String(settings.referralReminder.normalDays),
    referralUrgentDays: String(settings.referralReminder.urgentDays),
    wipeAfterDays: String(settings.offline.wipeAfterDays),
    lockAfterMinutes: String(settings.offline.lockAfterMinutes),
  };
}

/** A number as typed, or NaN for nothing or anything not a whole number, which the schema refuses. */
function whole(value: string): number {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function toInput(state: CaseSettingsFormState) {
  return {
    approvalGates: state.approvalGates,
    followUpRule: state.phases.map((phase) => ({
      everyMonths: whole(phase.everyMonths),
      untilMonth: whole(phase.untilMonth),
    })),
    reportSuppressionFloor: whole(state.reportSuppressionFloor),
    referralReminder: { normalDays: whole(state.referralNormalDays), urgentDays: whole(state.referralUrgentDays) },
    offline: { wipeAfterDays: whole(state.wipeAfterDays), lockAfterMinutes: whole(state.lockAfterMinutes) },
  };
}

/** Where a phase's error shows: `phases.<key>.everyMonths`, so it follows its row when another is removed. */
export function phaseField(key: number, field: 'everyMonths' | 'untilMonth'): string {
  return `phases.${key}.${field}`;
}

function issueMessage(issue: SchemaIssue): Message {
  const field = issue.path[2];
  if (issue.path[0] === 'followUpRule' && issue.path.length === 1) return { key: 'oversight:settings.errors.noPhase' };
  if (field === 'everyMonths')
    return { key: 'oversight:settings.errors.everyMonths', params: { max: EVERY_MONTHS_MAX } };
  if (field === 'untilMonth') {
    return issue.code === 'custom'
      ? { key: 'oversight:settings.errors.untilOrder' }
      : { key: 'oversight:settings.errors.untilMonth', params: { max: UNTIL_MONTH_MAX } };
  }
  if (issue.path[0] === 'reportSuppressionFloor')
    return {
      key: 'oversight:settings.errors.suppressionFloor',
      params: { min: SUPPRESSION_FLOOR_MIN, max: SUPPRESSION_FLOOR_MAX },
    };
  if (issue.path[0] === 'offline')
    return {
      key: 'oversight:settings.errors.offline',
      params: { min: 1, max: issue.path[1] === 'wipeAfterDays' ? WIPE_AFTER_DAYS_MAX : LOCK_AFTER_MINUTES_MAX },
    };
  return commonIssueMessage(issue);
}

export type CaseSettingsValidation = { ok: true; value: CaseSettings } | { ok: false; errors: FieldErrors };

/** The same schema as the server's; errors are named by row key, not by position. */
export function validateCaseSettings(state: CaseSettingsFormState): CaseSettingsValidation {
  const parsed = caseSettingsSchema.safeParse(toInput(state));
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const [first, index, field] = issue.path;
    const row = typeof index === 'number' ? state.phases[index] : undefined;
    const name =
      first === 'followUpRule' && row && (field === 'everyMonths' || field === 'untilMonth')
        ? phaseField(row.key, field)
        : first === 'followUpRule'
          ? 'followUpRule'
          : issuePath(issue);
    errors[name] ??= issueMessage(issue);
  }
  return { ok: false, errors };
}

/** A sample reintegration date: month numbers are counted from it. */
const SAMPLE_START = '2000-01-15';

/** The months after reintegration with a follow-up visit under the rule as typed, or null while it is not valid. */
export function previewMonths(state: CaseSettingsFormState): number[] | null {
  const parsed = followUpRuleSchema.safeParse(toInput(state).followUpRule);
  if (!parsed.success) return null;
  return followUpSchedule(SAMPLE_START, parsed.data).map((date) => {
    const [year, month] = date.split('-').map(Number) as [number, number];
    return (year - 2000) * 12 + (month - 1);
  });
}
