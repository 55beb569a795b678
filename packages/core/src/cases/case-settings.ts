import { z } from 'zod';
import { APPROVAL_SUBJECTS } from '../codes/care-codes';
import { DEFAULT_FOLLOW_UP_RULE, followUpRuleSchema } from './follow-up-schedule';

/**
 * What an organisation decides about its own casework: which steps wait for a supervisor's approval, and
 * its programme's follow-up rule. Configuration, not code.
 */
export const caseSettingsSchema = z.object({
  approvalGates: z.array(z.enum(APPROVAL_SUBJECTS)).default(['care_plan', 'reintegration', 'closure']),
  followUpRule: followUpRuleSchema.default(DEFAULT_FOLLOW_UP_RULE),
  /**
   * Anonymised reports of the organisation's cases (a department's, or any asked anonymised) hide counts below
   * this; a reader may ask for more, never for less.
   */
  reportSuppressionFloor: z.number().int().min(2).max(50).default(5),
});
export type CaseSettings = z.output<typeof caseSettingsSchema>;

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  approvalGates: ['care_plan', 'reintegration', 'closure'],
  followUpRule: DEFAULT_FOLLOW_UP_RULE,
  reportSuppressionFloor: 5,
};
