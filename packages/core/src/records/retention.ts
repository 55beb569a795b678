import { z } from 'zod';
import { CASE_STATUSES, type CaseStatus } from '../cases/case-projection';

/**
 * An organisation's retention rules: for cases in a status, what happens how many years after they reached it.
 * Off unless an administrator sets a rule: deleting or blurring a child's identity is never a default.
 */
export const RETENTION_ACTIONS = ['pseudonymise'] as const;

export const retentionRuleSchema = z.object({
  status: z.enum(CASE_STATUSES),
  action: z.enum(RETENTION_ACTIONS),
  afterYears: z.number().int().min(1, { message: 'At least 1 year.' }).max(100, { message: 'At most 100 years.' }),
});
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

export const retentionSettingsSchema = z
  .object({ rules: z.array(retentionRuleSchema).max(CASE_STATUSES.length).default([]) })
  .refine((settings) => new Set(settings.rules.map((rule) => rule.status)).size === settings.rules.length, {
    path: ['rules'],
    message: 'One rule per case status.',
  });
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** What the rules need to know of a case; no name, so a preview can never show one. */
export interface RetentionCandidate {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  /** The day the case reached its status: closure for a closed case, otherwise its last recorded event. */
  since: string;
  pseudonymised: boolean;
}

export interface RetentionDue {
  caseId: string;
  caseNumber: string;
  rule: RetentionRule;
  /** The day the rule applied from. */
  dueOn: string;
}

function addYears(date: string, years: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  // 29 February moves to 1 March in a year that has none, never to a day that does not exist.
  const shifted = new Date(Date.UTC(year + years, month - 1, day));
  return shifted.toISOString().slice(0, 10);
}

/** The cases the rules apply to today, oldest due first. */
export function dueForRetention(
  cases: readonly RetentionCandidate[],
  settings: RetentionSettings,
  today: string,
): RetentionDue[] {
  const ruleFor = new Map(settings.rules.map((rule) => [rule.status, rule]));
  return cases
    .flatMap((candidate) => {
      const rule = ruleFor.get(candidate.status);
      if (!rule || candidate.pseudonymised) return [];
      const dueOn = addYears(candidate.since, rule.afterYears);
      return dueOn <= today ? [{ caseId: candidate.id, caseNumber: candidate.caseNumber, rule, dueOn }] : [];
    })
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.caseNumber.localeCompare(b.caseNumber)));
}

export const retentionPreviewSchema = z.object({
  today: z.string(),
  items: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), rule: retentionRuleSchema, dueOn: z.string() })),
});
export type RetentionPreview = z.infer<typeof retentionPreviewSchema>;
