import { z } from 'zod';
import { APPROVAL_SUBJECTS, CARE_TYPES, CONSENT_SCOPES, REINTEGRATION_DESTINATIONS } from '../codes/care-codes';
import { RISK_LEVELS } from '../codes/case-codes';
import { isoDate } from '../text/dates';
import { CASE_STATUSES } from './case-projection';

/** The projection as the API returns it with a case: what the case page shows as "now". */
export const caseStateSchema = z.object({
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  placement: z
    .object({
      careType: z.enum(CARE_TYPES),
      facilityId: z.uuid().nullable(),
      facilityName: z.string().nullable(),
      since: isoDate,
    })
    .nullable(),
  /** With whom and where a reintegrated child lives; the carer's name and village follow the reader's tiers. */
  livingWith: z
    .object({
      destination: z.enum(REINTEGRATION_DESTINATIONS),
      carerName: z.string().nullable(),
      villageCode: z.string().nullable(),
      since: isoDate,
    })
    .nullable(),
  reintegratedOn: isoDate.nullable(),
  closedOn: isoDate.nullable(),
  consents: z.record(z.enum(CONSENT_SCOPES), z.boolean()),
  hasAssessment: z.boolean(),
  carePlan: z.object({ eventId: z.uuid().nullable(), reviewOn: isoDate, approved: z.boolean() }).nullable(),
  approvals: z.array(
    z.object({
      requestId: z.uuid(),
      subject: z.enum(APPROVAL_SUBJECTS),
      eventId: z.uuid().nullable(),
      requestedOn: isoDate,
      decision: z.enum(['pending', 'approved', 'rejected']),
      used: z.boolean(),
    }),
  ),
  followUp: z.object({
    due: z.array(isoDate),
    done: z.array(isoDate),
    next: isoDate.nullable(),
    overdue: z.array(isoDate),
  }),
  /** Which steps this organisation puts behind a supervisor's approval. */
  approvalGates: z.array(z.enum(APPROVAL_SUBJECTS)),
});
export type CaseState = z.infer<typeof caseStateSchema>;
