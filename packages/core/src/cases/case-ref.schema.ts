import { z } from 'zod';
import { FIELD_TIERS } from '../access/policy';

/**
 * A case as the lists of cases name it (supervision, tasks, a facility's children): its number, the child's names
 * in both scripts and the alias. Names are null where the reader's tiers or scope withhold them, and `hidden` then
 * says so, as on the case itself.
 */
export const caseRefShape = {
  caseId: z.uuid(),
  caseNumber: z.string(),
  familyNameKm: z.string().nullable(),
  givenNameKm: z.string().nullable(),
  familyNameLatin: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  alias: z.string().nullable(),
  hidden: z.array(z.enum(FIELD_TIERS)),
};
export const caseRefSchema = z.object(caseRefShape);
export type CaseRef = z.infer<typeof caseRefSchema>;
