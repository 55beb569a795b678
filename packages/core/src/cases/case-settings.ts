import { z } from 'zod';
import { APPROVAL_SUBJECTS } from '../codes/care-codes';
import { DEFAULT_FOLLOW_UP_RULE, followUpRuleSchema } from './follow-up-schedule';

/**
 * What an organisation decides about its own casework: which steps wait for a supervisor's approval, and
 * its programme's follow-up rule. Configuration, not code.
 */
/** How long a referral may wait for an answer before it shows as overdue, in days (case settings). */
export const referralReminderSchema = z.object({
  normalDays: z.number().int().min(1).max(60).default(3),
  urgentDays: z.number().int().min(1).max(30).default(1),
});
export const DEFAULT_REFERRAL_REMINDER = { normalDays: 3, urgentDays: 1 };

/** What the organisation's devices do with the cases they keep offline (issue 11, decision 0013). */
export const offlineSettingsSchema = z.object({
  /** A device wipes its store when it has not synced for this many days. */
  wipeAfterDays: z.number().int().min(1).max(365),
  /** The store locks after this many idle minutes. */
  lockAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export const DEFAULT_OFFLINE_SETTINGS = { wipeAfterDays: 30, lockAfterMinutes: 15 };

export const caseSettingsSchema = z.object({
  approvalGates: z.array(z.enum(APPROVAL_SUBJECTS)).default(['care_plan', 'reintegration', 'closure']),
  followUpRule: followUpRuleSchema.default(DEFAULT_FOLLOW_UP_RULE),
  /**
   * Anonymised reports of the organisation's cases (a department's, or any asked anonymised) hide counts below
   * this; a reader may ask for more, never for less.
   */
  reportSuppressionFloor: z.number().int().min(2).max(50).default(5),
  /** Days a referral may wait for this organisation's answer before it shows as overdue (issue 10). */
  referralReminder: referralReminderSchema.default(DEFAULT_REFERRAL_REMINDER),
  offline: offlineSettingsSchema.default(DEFAULT_OFFLINE_SETTINGS),
});
export type CaseSettings = z.output<typeof caseSettingsSchema>;

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  approvalGates: ['care_plan', 'reintegration', 'closure'],
  followUpRule: DEFAULT_FOLLOW_UP_RULE,
  reportSuppressionFloor: 5,
  referralReminder: DEFAULT_REFERRAL_REMINDER,
  offline: DEFAULT_OFFLINE_SETTINGS,
};
