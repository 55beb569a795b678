import { z } from 'zod';
import { APPROVAL_DECISIONS, APPROVAL_SUBJECTS, CSI_DOMAINS } from '../../codes/care-codes';
import { isoDate } from '../../text/dates';
import { optionalText, requiredText } from './fields';

export const carePlan = z.object({
  goals: z
    .array(
      z.object({
        domain: z.enum([...CSI_DOMAINS, 'family']),
        goal: requiredText('Write the goal.', 1000),
        actions: z
          .array(
            z.object({
              action: requiredText('Write the action.', 1000),
              who: requiredText('Say who does it.', 200),
              by: isoDate,
            }),
          )
          .min(1, { message: 'Add at least one action.' }),
      }),
    )
    .min(1, { message: 'Add at least one goal.' }),
  reviewOn: isoDate,
});

/** Asks a supervisor to approve a step; `proposal` says what is proposed (e.g. the reintegration's destination). */
export const approvalRequest = z.object({
  subject: z.enum(APPROVAL_SUBJECTS),
  /** The event approved, where it is already recorded (a care plan). */
  eventId: z.uuid().optional(),
  note: optionalText(),
});

export const approvalDecision = z.object({
  requestId: z.uuid(),
  decision: z.enum(APPROVAL_DECISIONS),
  comment: optionalText(),
});
