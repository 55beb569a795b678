import { fieldConflictSchema } from '@homeward/core';
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    conflicts: z.array(fieldConflictSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json' });

export const idParams = z.object({ id: z.uuid({ message: 'Not a valid id.' }) });

/** The refusals every signed-in endpoint can give. */
export const commonErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema } as const;
