import { z } from 'zod';
import { onceValid } from '../validation/cross-field';
import { accessSchema } from '../access/policy';
import { ROLES } from '../access/roles';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }));

export const PASSWORD_MIN_LENGTH = 10;

/**
 * What the browser can check of a new password. The server also refuses the common passwords of an offline
 * list, which is too large to ship to every phone.
 */
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.` })
  .max(200)
  .refine((value) => new Set(value).size >= 4, { message: 'This password is too easy to guess.' });

/** A password that is the account's own email (or the part before the @) is the first thing anyone tries. */
export function passwordIsEmail(password: string, emailAddress: string): boolean {
  const value = password.trim().toLowerCase();
  const address = emailAddress.trim().toLowerCase();
  return value === address || value === address.split('@')[0];
}

export const PASSWORD_IS_EMAIL = 'The password cannot be the email address.';

/** `POST /account/password`: the signed-in user changes her own password, proving she knows the current one. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'Enter your current password.' }).max(200),
    newPassword,
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    message: 'Choose a password different from the current one.',
    path: ['newPassword'],
    ...onceValid('currentPassword', 'newPassword'),
  });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;
export const passwordChangeResultSchema = z.object({ sessionsEnded: z.number().int() });

export const loginSchema = z.object({
  email,
  password: z.string().min(1, { message: 'Enter your password.' }).max(200),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const loginResultSchema = z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string() });

export const ORGANISATION_KINDS = ['ngo', 'government', 'service_provider'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const setupSchema = z
  .object({
    organisationName: z.string().trim().min(2, { message: 'Enter the organisation’s name.' }).max(160),
    adminName: z.string().trim().min(1, { message: 'Enter your name.' }).max(120),
    email,
    password: newPassword,
  })
  .refine((input) => !passwordIsEmail(input.password, input.email), {
    message: PASSWORD_IS_EMAIL,
    path: ['password'],
    ...onceValid('password', 'email'),
  });
export type SetupInput = z.infer<typeof setupSchema>;

export const currentUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** What the server will allow, so the browser can hide what it would refuse. */
  access: accessSchema,
  organisationId: z.uuid(),
  organisationName: z.string(),
  locale: z.enum(['en', 'km']),
  /** The organisation's time zone, which decides what "today" is on every screen, as on the server. */
  timeZone: z.string(),
  csrfToken: z.string(),
  /** `mustEnrol`: the organisation requires a second factor of this user, who has none yet. */
  twoFactor: z.object({ enrolled: z.boolean(), mustEnrol: z.boolean() }),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });

/** What the demo load is doing, in order; `starting` until it begins (hashing the demo password takes a while). */
export const DEMO_LOAD_STEPS = ['starting', 'organisations', 'facilities', 'children', 'referrals', 'targets'] as const;
export type DemoLoadStep = (typeof DEMO_LOAD_STEPS)[number];

/** How far the demo load has come: `done` of `total` pieces of work, across every step. */
export const demoProgressSchema = z.object({
  step: z.enum(DEMO_LOAD_STEPS),
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
});
export type DemoProgress = z.infer<typeof demoProgressSchema>;
