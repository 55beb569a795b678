import type { FieldErrors } from './messages';

/** The errors minus one field's, once the user starts correcting it; the same object when nothing changes. */
export function withoutError(errors: FieldErrors, field: string): FieldErrors {
  if (!errors[field]) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([name]) => name !== field));
}
