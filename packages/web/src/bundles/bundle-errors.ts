import { isApiError } from '../api/http';
import { requestErrorMessage, type Message } from '../forms/messages';

/**
 * A refused card, bundle or import, in the reader's language: the codes of decision 0012 are translated in the
 * `bundles` namespace (kept out of `common`, which the sign-in screen downloads); any other failure as usual.
 */
export function bundleErrorMessage(error: unknown, exists: (key: string) => boolean): Message {
  if (isApiError(error) && error.code && exists(`bundles:errors.${error.code}`)) {
    return { key: `bundles:errors.${error.code}` };
  }
  return requestErrorMessage(error);
}
