import { z } from 'zod';
import { FIELD_TIERS } from '../access/policy';
import { APPROVAL_SUBJECTS } from '../codes/care-codes';
import { SEXES } from '../codes/case-codes';
import { caseDetailSchema, caseSummarySchema } from '../cases/case.schema';
import type { MatchReason } from '../duplicates/duplicate-match';
import { isoDate } from '../text/dates';

/**
 * The answers of the oversight endpoints (supervision, tasks, a facility's children, the duplicate check and
 * group intake), checked by the web app as they arrive and usable by the server as its response schemas.
 */

/**
 * A case as the oversight lists name it: its number, the child's names in both scripts and the alias. Names are
 * null where the reader's tiers or scope withhold them, and `hidden` then says so, as on the case itself.
 */
const caseRefShape = {
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

export const facilityChildListSchema = z.object({
  items: z.array(z.object({ ...caseRefShape, since: isoDate.nullable() })),
});
export type FacilityChildList = z.infer<typeof facilityChildListSchema>;

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

/** `task`: given by a person; the others fall due from the worker's cases. */
export const TASK_KINDS = ['task', 'follow_up', 'care_plan_review', 'approval'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const taskListSchema = z.object({
  items: z.array(
    z.object({
      ...caseRefShape,
      kind: z.enum(TASK_KINDS),
      dueOn: isoDate,
      overdue: z.boolean(),
      /** For an approval: what is to be approved. */
      subject: z.enum(APPROVAL_SUBJECTS).nullish(),
      /** For a task given by a person: its id, what to do, and who gave it. */
      taskId: z.uuid().optional(),
      title: z.string().optional(),
      assignedBy: z.string().nullable().optional(),
    }),
  ),
});
export type TaskList = z.infer<typeof taskListSchema>;
export type Task = TaskList['items'][number];

/** What the intake form knows so far; every part optional, since the check runs while the form is filled. */
export const duplicateQuerySchema = z.object({
  familyNameKm: z.string().trim().max(80).optional(),
  givenNameKm: z.string().trim().max(80).optional(),
  familyNameLatin: z.string().trim().max(80).optional(),
  givenNameLatin: z.string().trim().max(80).optional(),
  sex: z.enum(SEXES).optional(),
  dateOfBirth: isoDate.optional(),
  dateOfBirthEstimated: z.boolean().optional(),
  villageCode: z
    .string()
    .regex(/^(\d{2}){1,4}$/)
    .optional(),
});
export type DuplicateQuery = z.infer<typeof duplicateQuerySchema>;

export const matchReasonSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('name'),
    detail: z.enum(['same-phonetic', 'similar', 'swapped-order', 'different', 'unknown']),
    score: z.number(),
    scripts: z.enum(['khmer', 'latin', 'khmer-latin']).optional(),
    viaAlias: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('birth'),
    detail: z.enum(['same', 'within-tolerance', 'far', 'unknown']),
    days: z.number().optional(),
    estimated: z.boolean(),
    typo: z.enum(['day-month-swapped', 'digits-transposed']).optional(),
  }),
  z.object({ kind: z.literal('sex'), same: z.boolean().nullable() }),
  z.object({
    kind: z.literal('place'),
    detail: z.enum(['same-village', 'same-commune', 'same-district', 'same-province', 'different', 'unknown']),
  }),
]) satisfies z.ZodType<MatchReason>;

export const duplicateResultSchema = z.object({
  items: z.array(
    z.object({
      case: caseSummarySchema,
      score: z.number(),
      level: z.enum(['likely', 'possible']),
      reasons: z.array(matchReasonSchema),
    }),
  ),
});
export type DuplicateResult = z.infer<typeof duplicateResultSchema>;
export type DuplicateMatch = DuplicateResult['items'][number];

export const groupIntakeResultSchema = z.object({ items: z.array(caseDetailSchema) });
export type GroupIntakeResult = z.infer<typeof groupIntakeResultSchema>;
