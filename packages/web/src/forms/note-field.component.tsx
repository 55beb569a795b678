import type { Dispatch, SetStateAction } from 'react';
import { Field } from './field.component';
import type { FieldErrors, Message } from './messages';
import { withoutError } from './without-error';

interface NoteFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  testId?: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  /** The form's errors: typing in the note takes its error away. */
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
}

/** A few lines of free text in a form whose errors are kept by field name (a note, a reason). */
export function NoteField(props: NoteFieldProps) {
  const { id, name, label, hint, required, maxLength, testId, value, onChange, errors, setErrors } = props;
  const error: Message | undefined = errors[name];
  return (
    <Field
      id={id}
      name={name}
      label={label}
      error={error}
      {...(hint ? { hint } : {})}
      {...(required ? { required } : {})}
    >
      {(control) => (
        <textarea
          {...control}
          rows={3}
          {...(maxLength ? { maxLength } : {})}
          {...(testId ? { 'data-testid': testId } : {})}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setErrors((current) => withoutError(current, name));
          }}
        />
      )}
    </Field>
  );
}
