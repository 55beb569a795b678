import { z } from 'zod';
import { APPROVAL_SUBJECTS } from '../codes/care-codes';
import { caseRefShape } from '../cases/case-ref.schema';
import { isoDate } from '../text/dates';

/** The supervisor's view, checked by the web app as it arrives and used by the server as its response schema. */
export const supervisionSchema = z.object({
  /** `workerId` is null for the row of cases nobody is assigned to. */
  caseloadByWorker: z.array(
    z.object({
      workerId: z.uuid().nullable(),
      workerName: z.string().nullable(),
      open: z.number().int(),
      followUp: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  overdueFollowUps: z.array(z.object({ ...caseRefShape, dueOn: isoDate, workerName: z.string().nullable() })),
  pendingApprovals: z.array(
    z.object({
      ...caseRefShape,
      requestId: z.uuid(),
      subject: z.enum(APPROVAL_SUBJECTS),
      requestedOn: isoDate,
      requestedBy: z.string().nullable(),
    }),
  ),
  withoutAssessment: z.array(z.object({ ...caseRefShape, openedOn: isoDate })),
  withoutCarePlan: z.array(z.object({ ...caseRefShape, openedOn: isoDate })),
  facilities: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      careType: z.string(),
      capacity: z.number().int(),
      occupancy: z.number().int(),
    }),
  ),
});
export type Supervision = z.infer<typeof supervisionSchema>;
