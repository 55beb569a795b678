import { z } from 'zod';
import { onceValid } from '../validation/cross-field';
import { isoDate } from '../text/dates';

/** One line of the audit log as supervisors and administrators read it: who, in which role, did what, when, from where. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  roles: z.array(z.string()),
  action: z.string(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const accessLogSchema = z.object({ items: z.array(auditEntrySchema) });
export type AccessLog = z.infer<typeof accessLogSchema>;

export const auditQuerySchema = z
  .object({
    userId: z.uuid({ message: 'Not a valid user id.' }).optional(),
    caseNumber: z.string().trim().min(1).max(40).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,60}$/, { message: 'An action is written like case.read.' })
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'The end of the period is before its start.',
    ...onceValid('from', 'to'),
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), total: z.number().int() });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The MoSVY forms a case can be printed on; a print is recorded with the form's id. */
export const PRINTABLE_FORMS = [
  'initial-information',
  'assessment',
  'service-plan',
  'placement',
  'follow-up',
  'closure',
] as const;

export const casePrintSchema = z.object({
  form: z.enum(PRINTABLE_FORMS, { message: 'Not a form that can be printed.' }),
  /** Printed with the alias instead of the child's names. */
  alias: z.boolean().default(false),
});
export type CasePrint = z.input<typeof casePrintSchema>;
