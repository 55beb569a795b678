import { z } from 'zod';
import { FIELD_TIERS } from './policy';

/**
 * A case referred or handed over to a Department of Social Affairs: the department's officers may then read it
 * (never change it), as DOMAIN.md's government oversight describes.
 */
export const CASE_SHARE_KINDS = ['referral', 'handover'] as const;

export const newCaseShareSchema = z.object({
  organisationId: z.uuid({ message: 'Choose the department.' }),
  kind: z.enum(CASE_SHARE_KINDS),
  note: z.string().trim().max(2000).optional(),
});
export type NewCaseShare = z.infer<typeof newCaseShareSchema>;

export const caseShareSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  kind: z.enum(CASE_SHARE_KINDS),
  note: z.string().nullable(),
  sharedOn: z.string(),
  sharedByName: z.string().nullable(),
  /** The note is an account of the case: null, and 'narrative' listed here, for a role that may not read one. */
  hidden: z.array(z.enum(FIELD_TIERS)).optional(),
});
export type CaseShare = z.infer<typeof caseShareSchema>;
export const caseShareListSchema = z.object({ items: z.array(caseShareSchema) });

export const departmentListSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), provinceCode: z.string().nullable() })),
});
export type DepartmentList = z.infer<typeof departmentListSchema>;

export const caseAssignmentSchema = z.object({ workerId: z.uuid({ message: 'Choose a colleague.' }) });
export type CaseAssignment = z.infer<typeof caseAssignmentSchema>;
