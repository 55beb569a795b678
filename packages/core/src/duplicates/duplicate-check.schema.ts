import { z } from 'zod';
import { SEXES } from '../codes/case-codes';
import { caseSummarySchema } from '../cases/case.schema';
import { isoDate } from '../text/dates';
import type { MatchReason } from './duplicate-match';

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
