import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/**
 * The ~49,000 most common passwords from breach corpora, as shipped by zxcvbn-ts (offline, no lookup
 * service). Built into a set on first use, once per process.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
