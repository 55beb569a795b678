import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';

type Params = Record<string, string | number>;

/**
 * A message kept untranslated until it is shown, so that errors already on screen follow a change of language.
 * - `key`: one of ours.
 * - `server`: English text from the server, shown only when its `code` has no translation.
 * - `schema`: a zod message that none of our keys covers; shown in English only, never inside the Khmer UI.
 */
export type Message = { key: string; params?: Params } | { server: string; code?: string } | { schema: string };

/** Errors by dotted field path (`referral.referredOn`), as the server and the schemas name fields. */
export type FieldErrors = Partial<Record<string, Message>>;

export function useMessageText(): (message: Message) => string {
  const { t, i18n } = useTranslation();
  return (message) => {
    if ('key' in message) return t(message.key, message.params);
    if ('server' in message) {
      // The sign-in screen's refusals are in `common`; the signed-in screens' in `forms`, loaded with them.
      const keys = message.code ? [`common:errors.${message.code}`, `forms:errors.${message.code}`] : [];
      const key = keys.find((candidate) => i18n.exists(candidate));
      return key ? t(key) : message.server;
    }
    return i18n.resolvedLanguage === 'en' ? message.schema : t('common:errors.invalid');
  };
}

/** The message for a failed request as a whole: network, lock-out, throttling, not found, or the server's own. */
export function requestErrorMessage(error: unknown): Message {
  if (!isApiError(error)) return { key: 'common:errors.unexpected' };
  if (error.status === 0) return { key: 'common:errors.network' };
  if (error.code === 'locked' || error.code === 'throttled') {
    const minutes = error.retryAfterSeconds === undefined ? undefined : Math.ceil(error.retryAfterSeconds / 60);
    return minutes === undefined
      ? { key: `common:errors.${error.code}` }
      : { key: `common:errors.${error.code}_retry`, params: { count: minutes } };
  }
  return error.detail
    ? { server: error.detail, ...(error.code === undefined ? {} : { code: error.code }) }
    : { key: error.code ? `common:errors.${error.code}` : 'common:errors.unexpected' };
}

/**
 * Splits a failed request's field errors into those a form shows beside its fields and the rest, which it
 * shows at the top. `rename` lets a form move an error to the control that is actually on screen.
 */
export function serverFieldErrors(
  error: unknown,
  knownFields: readonly string[],
  rename: (field: string) => string = (field) => field,
): { fields: FieldErrors; general: Message | null } {
  if (!isApiError(error) || error.fieldErrors.length === 0) {
    return { fields: {}, general: requestErrorMessage(error) };
  }
  const fields: FieldErrors = {};
  let general: Message | null = null;
  for (const issue of error.fieldErrors) {
    const field = rename(issue.field);
    const message: Message = { server: issue.message, ...(issue.code === undefined ? {} : { code: issue.code }) };
    if (knownFields.includes(field)) fields[field] ??= message;
    else general ??= message;
  }
  return { fields, general };
}
