import { z } from 'zod';
import type { Role } from '../access/roles';
import { loginResultSchema } from '../auth/auth.schema';

/** The roles whose accounts open the most data: an organisation can require a second factor of them. */
export const TWO_FACTOR_ROLES = ['org_admin', 'system_admin', 'government_officer'] as const satisfies readonly Role[];

function holdsTwoFactorRole(roles: readonly Role[]): boolean {
  return roles.some((role) => (TWO_FACTOR_ROLES as readonly Role[]).includes(role));
}

/** Whether a user, signed in with the password only, may do nothing but enrol a second factor (or sign out). */
export function mustEnrolTwoFactor(user: {
  roles: readonly Role[];
  enrolled: boolean;
  organisationRequiresTwoFactor: boolean;
}): boolean {
  return user.organisationRequiresTwoFactor && !user.enrolled && holdsTwoFactorRole(user.roles);
}

export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** After a right password, for an account with a second factor: the code comes next, with this challenge. */
export const secondFactorChallengeSchema = z.object({
  secondFactor: z.literal('required'),
  challenge: z.string(),
  expiresAt: z.string(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;

export const loginAnswerSchema = z.union([loginResultSchema, secondFactorChallengeSchema]);
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

/** A six-digit code from the authenticator app, or one recovery code (spaces and dashes do not matter). */
export const loginCodeSchema = z.object({
  challenge: z.string().min(1).max(200),
  code: z.string().trim().min(1, { message: 'Enter the code from your authenticator app or a recovery code.' }).max(40),
});
export type LoginCodeInput = z.infer<typeof loginCodeSchema>;

/** Starting enrolment asks for the password again, so an unattended open session cannot add its own factor. */
export const twoFactorSetupSchema = z.object({
  password: z.string().min(1, { message: 'Enter your password.' }).max(200),
});
export type TwoFactorSetupInput = z.infer<typeof twoFactorSetupSchema>;

export const twoFactorSetupResultSchema = z.object({
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: z.string(),
  /** The `otpauth://` address the QR code holds. */
  uri: z.string(),
});
export type TwoFactorSetupResult = z.infer<typeof twoFactorSetupResultSchema>;

export const twoFactorConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'Enter the six-digit code from the authenticator app.' }),
});
export type TwoFactorConfirmInput = z.infer<typeof twoFactorConfirmSchema>;

/** Shown once, at enrolment: only their hashes are kept. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
