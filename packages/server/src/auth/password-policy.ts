import { invalid, PASSWORD_IS_EMAIL, passwordIsEmail } from '@homeward/core';
import { isCommonPassword } from './common-passwords';

/**
 * The rules of a new password the browser cannot check on its own (the schema in core already checked the
 * length): not the account's email, not a well-known password.
 */
export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  if (passwordIsEmail(password, email)) throw invalid(field, PASSWORD_IS_EMAIL, 'password_is_email');
  if (isCommonPassword(password))
    throw invalid(field, 'This password is on a list of common passwords: choose another.', 'common_password');
}
