import { useMutation } from '@tanstack/react-query';
import {
  passwordChangeResultSchema,
  recoveryCodesSchema,
  twoFactorSetupResultSchema,
  type PasswordChangeInput,
  type TwoFactorConfirmInput,
  type TwoFactorSetupInput,
} from '@homeward/core';
import { request } from './http';
import { useRefreshCurrentUser } from './auth.resource';

export function useStartTwoFactor() {
  return useMutation({
    mutationFn: (input: TwoFactorSetupInput) =>
      request('/account/two-factor/setup', twoFactorSetupResultSchema, { method: 'POST', body: input }),
  });
}

/** Refreshes the user afterwards: a user held at the enrolment screen is let through by it. */
export function useConfirmTwoFactor() {
  const refreshUser = useRefreshCurrentUser();
  return useMutation({
    mutationFn: (input: TwoFactorConfirmInput) =>
      request('/account/two-factor/confirm', recoveryCodesSchema, { method: 'POST', body: input }),
    onSuccess: refreshUser,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: PasswordChangeInput) =>
      request('/account/password', passwordChangeResultSchema, { method: 'POST', body: input }),
  });
}

/** Ten new recovery codes, shown once; the old ones stop working. */
export function useRenewRecoveryCodes() {
  return useMutation({
    mutationFn: (input: TwoFactorSetupInput) =>
      request('/account/two-factor/recovery-codes', recoveryCodesSchema, { method: 'POST', body: input }),
  });
}
