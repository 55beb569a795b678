import { z } from 'zod';
import { LANGUAGES } from '../locales/languages';

/** Asking for a child's whole file; the passphrase travels in a body, never in a URL that logs and histories keep. */
export const caseFileRequestSchema = z.object({
  language: z.enum(LANGUAGES).default('en'),
  passphrase: z
    .string()
    .min(10, { message: 'A passphrase has 10 characters or more.' })
    .max(200, { message: 'A passphrase has at most 200 characters.' })
    .optional(),
});
export type CaseFileRequest = z.input<typeof caseFileRequestSchema>;

export const caseFileQuerySchema = z.object({ language: z.enum(LANGUAGES).default('en') });

export const caseDeletionSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(10, { message: 'Say why this case is deleted, in a few words (10 characters or more).' })
    .max(1000, { message: 'At most 1000 characters.' }),
  /** The case number typed again, so that a case is never deleted by a slip. */
  confirmCaseNumber: z.string().trim().min(1, { message: 'Type the case number to confirm.' }).max(40),
});
export type CaseDeletion = z.input<typeof caseDeletionSchema>;
