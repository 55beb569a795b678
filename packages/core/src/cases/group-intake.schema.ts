import { z } from 'zod';
import { CASE_TYPES, CHILD_TYPES } from '../codes/case-codes';
import {
  caseDetailSchema,
  checkIdentity,
  childIdentityShape,
  IDENTITY_FIELDS_VALID,
  referralSchema,
} from './case.schema';

/**
 * One referral bringing many children at once (fifteen returnees from Malaysia through IOM): the referral and
 * classification are shared, each child has their own identity, and all the cases open together or none do.
 */
export const groupIntakeSchema = z.object({
  referral: referralSchema,
  caseTypes: z
    .array(z.enum(CASE_TYPES))
    .min(1, { message: 'Choose at least one case type.' })
    .refine((types) => new Set(types).size === types.length, { message: 'A case type is listed twice.' }),
  childType: z.enum(CHILD_TYPES).optional(),
  children: z
    .array(z.object(childIdentityShape).superRefine(checkIdentity, IDENTITY_FIELDS_VALID))
    .min(1, { message: 'Add at least one child.' })
    .max(200, { message: 'At most 200 children in one group.' })
    .superRefine((children, ctx) => {
      const seen = new Set<string>();
      children.forEach((child, index) => {
        if (child.id === undefined) return;
        if (seen.has(child.id))
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Two children have the same id.' });
        seen.add(child.id);
      });
    }),
});
export type GroupIntakeInput = z.input<typeof groupIntakeSchema>;
export type GroupIntake = z.output<typeof groupIntakeSchema>;

/** The cases group intake opened, one per child. */
export const groupIntakeResultSchema = z.object({ items: z.array(caseDetailSchema) });
export type GroupIntakeResult = z.infer<typeof groupIntakeResultSchema>;
