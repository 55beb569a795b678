import { z } from 'zod';
import { onceValid } from '../validation/cross-field';
import { ROLES } from '../access/roles';
import { email, newPassword, PASSWORD_IS_EMAIL, passwordIsEmail } from '../auth/auth.schema';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const userRolesField = z
  .array(z.enum(ROLES))
  .min(1, { message: 'Choose at least one role.' })
  .max(ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, { message: 'A role is listed twice.' });

/** One of the organisation's users, as its administrators see them. */
export const userSummarySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(USER_STATUSES),
  twoFactorEnrolled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  activeSessions: z.number().int(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListSchema = z.object({ users: z.array(userSummarySchema) });

export const newUserSchema = z
  .object({
    email,
    displayName: z.string().trim().min(1, { message: 'Enter the person’s name.' }).max(120),
    roles: userRolesField,
    password: newPassword,
  })
  .refine((input) => !passwordIsEmail(input.password, input.email), {
    message: PASSWORD_IS_EMAIL,
    path: ['password'],
    ...onceValid('password', 'email'),
  });
export type NewUserInput = z.infer<typeof newUserSchema>;

export const userRolesSchema = z.object({ roles: userRolesField });
export type UserRolesInput = z.infer<typeof userRolesSchema>;

/** The server checks it against the user's email too, which the browser form may not have at hand. */
export const passwordResetSchema = z.object({ password: newPassword });
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

export const securitySettingsSchema = z.object({
  /** Administrators and government officers must enrol a second factor before they can work. */
  requireTwoFactor: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
