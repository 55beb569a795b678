import { z } from 'zod';
import { CASE_TYPES, CHILD_TYPES, REFERRAL_SOURCES, RISK_LEVELS, SEXES } from '../codes/case-codes';
import { INTERVIEWEES } from '../codes/care-codes';
import { FIELD_TIERS } from '../access/policy';
import { caseReachSchema } from '../access/case-sections';
import { isoDate } from '../text/dates';
import { onceValid } from '../validation/cross-field';
import { isVillageCode } from '../gazetteer/index';
import { CASE_STATUSES } from './case-projection';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters.` })
    .optional()
    .transform((value) => (value === '' ? undefined : value));

export const villageCode = z
  .string()
  .regex(/^\d{8}$/, { message: 'A village code has 8 digits.', abort: true })
  .refine(isVillageCode, { message: 'No village has this code in the gazetteer.' });

export const referralSchema = z.object({
  source: z.enum(REFERRAL_SOURCES),
  /** The referring body by name: "Poipet Transit Centre", "IOM", "Anti-Trafficking Police, Svay Rieng". */
  sourceName: optionalText(160),
  referredOn: isoDate,
  reason: optionalText(4000),
});
export type Referral = z.infer<typeof referralSchema>;

/** The referral as stored and returned: already trimmed, so without the input's transforms. */
export const storedReferralSchema = z.object({
  source: z.enum(REFERRAL_SOURCES),
  sourceName: z.string().optional(),
  referredOn: isoDate,
  reason: z.string().optional(),
});

/** Who the child is: the part of a new case that each child of a group intake has on its own. */
export const childIdentityShape = {
  /** Client-generated, so a case made offline keeps its id when it reaches the server. */
  id: z.uuid().optional(),
  familyNameKm: optionalText(80),
  givenNameKm: optionalText(80),
  familyNameLatin: optionalText(80),
  givenNameLatin: optionalText(80),
  /** The name used in publications and anonymised reports. */
  alias: optionalText(80),
  sex: z.enum(SEXES, { message: 'Choose the sex of the child.' }),
  dateOfBirth: isoDate.optional(),
  dateOfBirthEstimated: z.boolean().default(false),
  estimatedAge: z.number().int().min(0).max(30).optional(),
  villageCode: villageCode.optional(),
};

interface IdentityCheck {
  givenNameKm?: string | undefined;
  givenNameLatin?: string | undefined;
  dateOfBirth?: string | undefined;
  estimatedAge?: number | undefined;
}

/** The fields `checkIdentity` reads; it runs once they are valid, whatever the others. */
export const IDENTITY_FIELDS_VALID = onceValid('givenNameKm', 'givenNameLatin', 'dateOfBirth', 'estimatedAge');

/** The checks across fields that every child's identity must pass. */
export function checkIdentity(input: IdentityCheck, ctx: z.RefinementCtx): void {
  if (!input.givenNameKm && !input.givenNameLatin) {
    ctx.addIssue({
      code: 'custom',
      path: ['givenNameKm'],
      message: 'Enter the child’s given name in Khmer script or in Latin letters.',
    });
  }
  if (input.dateOfBirth === undefined && input.estimatedAge === undefined) {
    ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter a date of birth or an estimated age.' });
  }
  if (input.dateOfBirth !== undefined && input.estimatedAge !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['estimatedAge'],
      message: 'Enter a date of birth or an estimated age, not both.',
    });
  }
}

export const newCaseSchema = z
  .object({
    ...childIdentityShape,
    caseTypes: z
      .array(z.enum(CASE_TYPES))
      .min(1, { message: 'Choose at least one case type.' })
      .refine((types) => new Set(types).size === types.length, { message: 'A case type is listed twice.' }),
    childType: z.enum(CHILD_TYPES).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    interviewed: z.array(z.enum(INTERVIEWEES)).optional(),
    referral: referralSchema,
  })
  .superRefine(checkIdentity, IDENTITY_FIELDS_VALID);
export type NewCaseInput = z.input<typeof newCaseSchema>;
export type NewCase = z.output<typeof newCaseSchema>;

export const caseSummarySchema = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  organisationId: z.uuid(),
  familyNameKm: z.string().nullable(),
  givenNameKm: z.string().nullable(),
  familyNameLatin: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  alias: z.string().nullable(),
  sex: z.enum(SEXES),
  /** Null when the user's role may not see who the child is (with the names, the village and the account). */
  dateOfBirth: isoDate.nullable(),
  dateOfBirthEstimated: z.boolean(),
  caseTypes: z.array(z.enum(CASE_TYPES)),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  openedOn: isoDate,
  villageCode: z.string().nullable(),
  assignedWorkerId: z.uuid().nullable(),
  version: z.number().int(),
  /** The sensitive tiers withheld from this user; the fields are null. */
  hidden: z.array(z.enum(FIELD_TIERS)).optional(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  nationality: z.string().nullable(),
  childType: z.enum(CHILD_TYPES).nullable(),
  referral: storedReferralSchema,
  assignedWorkerName: z.string().nullable(),
  createdAt: z.string(),
  /**
   * The version of each correctable field (0: as entered at intake), the base a correction is made from. Names
   * as in this object; the referral's fields by their path (`referral.source`).
   */
  fieldVersions: z.record(z.string(), z.number().int()),
  /** How far the reader's organisation reaches this case: its lead, a participant (which sections), or neither. */
  reach: caseReachSchema,
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** The orders a case list can be read in; each breaks ties by case number so pages never overlap. */
export const CASE_SORTS = ['openedOn', 'lastEventOn', 'nextFollowUpOn', 'riskLevel', 'caseNumber'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
/** "open" is every status but closed: the caseload a worker still carries. */
export const CASE_STATUS_FILTERS = ['open', ...CASE_STATUSES] as const;
export type CaseStatusFilter = (typeof CASE_STATUS_FILTERS)[number];
/** The cases no one is assigned to, as a worker filter. */
export const UNASSIGNED = 'none';

export const caseListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(CASE_STATUS_FILTERS).optional(),
  worker: z.union([z.uuid(), z.literal(UNASSIGNED)]).optional(),
  caseType: z.enum(CASE_TYPES).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  facility: z.uuid().optional(),
  /** Only the cases in follow-up whose next visit is past. */
  overdue: z.stringbool().optional(),
  /** Newest first when not given. */
  sort: z.enum(CASE_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseListSchema = z.object({ items: z.array(caseSummarySchema), total: z.number().int() });
export type CaseList = z.infer<typeof caseListSchema>;

export const duplicateResolutionSchema = z.object({
  otherCaseId: z.uuid(),
  resolution: z.enum(['linked', 'merged_into_other', 'not_duplicate']),
  note: z.string().trim().max(2000).optional(),
});
export type DuplicateResolution = z.infer<typeof duplicateResolutionSchema>;
