import { z } from 'zod';
import { ROLES } from '../access/roles';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }));

export const PASSWORD_MIN_LENGTH = 10;

/** The issue on access control adds the offline list of common passwords; length is the rule that matters most. */
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.` })
  .max(200)
  .refine((value) => new Set(value).size >= 4, { message: 'This password is too easy to guess.' });

export const loginSchema = z.object({
  email,
  password: z.string().min(1, { message: 'Enter your password.' }).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const loginResultSchema = z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string() });

export const ORGANISATION_KINDS = ['ngo', 'government', 'service_provider'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const setupSchema = z.object({
  organisationName: z.string().trim().min(2, { message: 'Enter the organisation’s name.' }).max(160),
  adminName: z.string().trim().min(1, { message: 'Enter your name.' }).max(120),
  email,
  password: newPassword,
});
export type SetupInput = z.infer<typeof setupSchema>;

export const currentUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisationId: z.uuid(),
  organisationName: z.string(),
  locale: z.enum(['en', 'km']),
  /** The organisation's time zone, which decides what "today" is on every screen, as on the server. */
  timeZone: z.string(),
  csrfToken: z.string(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });
