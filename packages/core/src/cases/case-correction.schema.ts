import { z } from 'zod';
import { CASE_TYPES, CHILD_TYPES, REFERRAL_SOURCES, RISK_LEVELS, SEXES } from '../codes/case-codes';
import type { FieldTier } from '../access/policy';
import { isoDate } from '../text/dates';
import { villageCode } from './case.schema';

/** Optional text as a correction sends it: an emptied field is null, so "remove the alias" can be said. */
const clearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `At most ${max} characters.` })
    .nullable()
    .transform((value) => (value === '' ? null : value));

/**
 * Every field of a case a correction may change, named as `GET /cases/{id}` names them; the referral's fields
 * are named by their path (`referral.source`), so every field is one flat key with one version.
 */
export const correctableFieldSchemas = {
  familyNameKm: clearableText(80),
  givenNameKm: clearableText(80),
  familyNameLatin: clearableText(80),
  givenNameLatin: clearableText(80),
  alias: clearableText(80),
  sex: z.enum(SEXES),
  dateOfBirth: isoDate,
  dateOfBirthEstimated: z.boolean(),
  villageCode: villageCode.nullable(),
  nationality: clearableText(80),
  caseTypes: z
    .array(z.enum(CASE_TYPES))
    .min(1, { message: 'Choose at least one case type.' })
    .refine((types) => new Set(types).size === types.length, { message: 'A case type is listed twice.' }),
  childType: z.enum(CHILD_TYPES).nullable(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  'referral.source': z.enum(REFERRAL_SOURCES),
  'referral.sourceName': clearableText(160),
  'referral.referredOn': isoDate,
  'referral.reason': clearableText(4000),
} as const;

export type CorrectableField = keyof typeof correctableFieldSchemas;
export const CORRECTABLE_FIELDS = Object.keys(correctableFieldSchemas) as CorrectableField[];
export type CaseProfile = { [F in CorrectableField]: z.output<(typeof correctableFieldSchemas)[F]> };

/**
 * The tier a correction of each field writes to. Sex, the estimate flag and nationality say who the child is,
 * so a role that may not write identity may not correct them either, though they are shown more widely.
 */
export const CORRECTION_TIER: Readonly<Partial<Record<CorrectableField, FieldTier>>> = {
  familyNameKm: 'identity',
  givenNameKm: 'identity',
  familyNameLatin: 'identity',
  givenNameLatin: 'identity',
  sex: 'identity',
  dateOfBirth: 'identity',
  dateOfBirthEstimated: 'identity',
  nationality: 'identity',
  villageCode: 'location',
  'referral.reason': 'narrative',
};

/** Each field optional, and no other key: a misspelled field name is refused, not ignored. */
const changesShape = Object.fromEntries(
  CORRECTABLE_FIELDS.map((field) => [field, correctableFieldSchemas[field].optional()]),
) as { [F in CorrectableField]: z.ZodOptional<(typeof correctableFieldSchemas)[F]> };
const changesSchema = z.object(changesShape).strict();

/** `PATCH /cases/{id}`: the fields changed and the version of each the writer started from. */
export const caseCorrectionSchema = z
  .object({
    /** Client-generated, so a retry of the same correction is recognised and written once. */
    id: z.uuid().optional(),
    changes: changesSchema,
    baseVersions: z.partialRecord(z.enum(CORRECTABLE_FIELDS), z.number().int().min(0)),
  })
  .superRefine((input, ctx) => {
    const fields = Object.keys(input.changes);
    if (fields.length === 0) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'Change at least one field.' });
    for (const field of fields) {
      if (input.baseVersions[field as CorrectableField] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['baseVersions', field],
          message: 'Give the version of this field the change was made from.',
        });
      }
    }
  });
export type CaseCorrectionInput = z.input<typeof caseCorrectionSchema>;
export type CaseCorrection = z.output<typeof caseCorrectionSchema>;

/** One field of a `profile_correction` event: both values stay in the history, with the versions. */
export const correctedFieldSchema = z.object({
  from: z.unknown(),
  to: z.unknown(),
  baseVersion: z.number().int(),
  version: z.number().int(),
});
export type CorrectedField = z.infer<typeof correctedFieldSchema>;

/** The 409 answer to a stale correction: each field held back, your value beside the current one. */
export const fieldConflictSchema = z.object({
  field: z.enum(CORRECTABLE_FIELDS),
  yours: z.unknown(),
  current: z.unknown(),
  currentVersion: z.number().int(),
  /** Who made the current value, and when, where the history says. */
  changedBy: z.string().nullable().optional(),
  changedAt: z.string().nullable().optional(),
});
export type FieldConflictDetail = z.infer<typeof fieldConflictSchema>;

export const fieldVersionsSchema = z.partialRecord(z.enum(CORRECTABLE_FIELDS), z.number().int());
export type FieldVersions = z.infer<typeof fieldVersionsSchema>;
