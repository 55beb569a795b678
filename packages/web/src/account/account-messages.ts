import { isApiError } from '../api/http';
import { requestErrorMessage, serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';

/** The server's codes for sign-in and account refusals, each worded in the `account` namespace. */
const ACCOUNT_CODES = new Set([
  'invalid_code',
  'challenge_expired',
  'wrong_password',
  'email_taken',
  'common_password',
  'password_is_email',
  'role_not_assignable',
  'own_account',
  'already_enrolled',
  'no_pending_secret',
  'two_factor_enrolment_required',
]);

function translated(message: Message): Message {
  return 'server' in message && message.code && ACCOUNT_CODES.has(message.code)
    ? { key: `account:errors.${message.code}` }
    : message;
}

export function accountErrorMessage(error: unknown): Message {
  if (isApiError(error) && error.code && ACCOUNT_CODES.has(error.code)) return { key: `account:errors.${error.code}` };
  return requestErrorMessage(error);
}

export function accountFieldErrors(
  error: unknown,
  knownFields: readonly string[],
): { fields: FieldErrors; general: Message | null } {
  const { fields, general } = serverFieldErrors(error, knownFields);
  return {
    fields: Object.fromEntries(
      Object.entries(fields).map(([field, message]) => [field, message && translated(message)]),
    ),
    general:
      general &&
      (isApiError(error) && error.fieldErrors.length === 0 ? accountErrorMessage(error) : translated(general)),
  };
}
