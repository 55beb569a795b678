import { z } from 'zod';
import { FAMILY_VISIT_KINDS, RELATIONSHIPS, TRACING_OUTCOMES, VISIT_OCCASIONS } from '../../codes/care-codes';
import { optionalText, requiredText } from './fields';

/** Adds a family member or contact, or updates one: the latest event for a `memberId` is what is known now. */
export const familyMember = z.object({
  memberId: z.uuid(),
  name: requiredText('Write the name.', 160),
  relationship: z.enum(RELATIONSHIPS),
  phone: optionalText(40),
  whereaboutsKnown: z.boolean(),
  villageCode: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  note: optionalText(),
});

export const tracingAttempt = z.object({
  memberId: z.uuid().optional(),
  method: requiredText('Say how the family was sought.', 500),
  outcome: z.enum(TRACING_OUTCOMES),
  note: optionalText(),
});

export const familyVisit = z.object({
  kind: z.enum(FAMILY_VISIT_KINDS),
  occasion: z.enum(VISIT_OCCASIONS),
  note: optionalText(),
});
