import type { ReactNode } from 'react';
import { useMessageText, type Message } from './messages';

export interface ControlProps {
  id: string;
  name: string;
  required: boolean | undefined;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  /** The dotted path the schemas and the server use, so errors find their field. */
  name: string;
  label: string;
  hint?: string;
  error?: Message | undefined;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label, an optional hint, the control and its error, wired together for assistive technology. */
export function Field({ id, name, label, hint, error, required, className, children }: FieldProps) {
  const text = useMessageText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}
      data-field={name}
    >
      {/* The mark stays outside the label, so the field's name is just its label ("Email", not "Email *"). */}
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
        {required ? <RequiredMark /> : null}
      </div>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        name,
        required: required || undefined,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {error ? <FieldError id={`${id}-error`}>{text(error)}</FieldError> : null}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__error">
      {children}
    </p>
  );
}

/** The asterisk is decoration; the control's `required` tells assistive technology. */
export function RequiredMark() {
  return (
    <span className="field__required" aria-hidden="true">
      {' *'}
    </span>
  );
}
