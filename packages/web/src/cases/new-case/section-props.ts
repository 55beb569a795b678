import type { FieldErrors } from '../../forms/messages';
import type { NewCaseFormState } from '../new-case-form';

export interface SectionProps {
  state: NewCaseFormState;
  update: (patch: Partial<NewCaseFormState>) => void;
  errors: FieldErrors;
}

/** Element ids follow the field's path, so the page and the tests can find a field by its name. */
export function fieldId(path: string): string {
  return `case-${path.replace(/\./g, '-')}`;
}
