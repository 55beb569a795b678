import type { ReactNode } from 'react';
import { FieldError, RequiredMark } from './field.component';
import { useMessageText, type Message } from './messages';

export interface Choice<T extends string> {
  value: T;
  label: ReactNode;
}

interface ChoiceGroupProps<T extends string> {
  id: string;
  /** The dotted path the schemas and the server use. */
  name: string;
  legend: string;
  hint?: string;
  choices: readonly Choice<T>[];
  error?: Message | undefined;
  required?: boolean;
  className?: string;
}

interface RadioGroupProps<T extends string> extends ChoiceGroupProps<T> {
  value: T | '';
  onChange: (value: T) => void;
}

interface CheckboxGroupProps<T extends string> extends ChoiceGroupProps<T> {
  values: readonly T[];
  onChange: (values: T[]) => void;
}

export function RadioGroup<T extends string>({ value, onChange, ...group }: RadioGroupProps<T>) {
  return (
    <ChoiceGroup
      {...group}
      type="radio"
      isChecked={(choice) => choice === value}
      onToggle={(choice) => onChange(choice)}
    />
  );
}

export function CheckboxGroup<T extends string>({ values, onChange, ...group }: CheckboxGroupProps<T>) {
  return (
    <ChoiceGroup
      {...group}
      type="checkbox"
      isChecked={(choice) => values.includes(choice)}
      onToggle={(choice, checked) =>
        // Keep the order of the choices, not of the clicks, so the saved list reads the same everywhere.
        onChange(group.choices.map((c) => c.value).filter((v) => (v === choice ? checked : values.includes(v))))
      }
    />
  );
}

interface InternalProps<T extends string> extends ChoiceGroupProps<T> {
  type: 'radio' | 'checkbox';
  isChecked: (value: T) => boolean;
  onToggle: (value: T, checked: boolean) => void;
}

/** A fieldset of radios or checkboxes; its legend is the question and its error is read with each option. */
function ChoiceGroup<T extends string>(props: InternalProps<T>) {
  const { id, name, legend, hint, choices, error, required, className, type, isChecked, onToggle } = props;
  const text = useMessageText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      id={id}
      className={['field', 'choice-group', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}
      data-field={name}
    >
      <legend className="field__label">
        {legend}
        {required ? <RequiredMark /> : null}
      </legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="choice-group__options">
        {choices.map((choice) => {
          const optionId = `${id}-${choice.value}`;
          return (
            <div key={choice.value} className="choice">
              <input
                id={optionId}
                type={type}
                name={name}
                value={choice.value}
                checked={isChecked(choice.value)}
                onChange={(event) => onToggle(choice.value, event.target.checked)}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
              />
              <label htmlFor={optionId}>{choice.label}</label>
            </div>
          );
        })}
      </div>
      {error && errorId ? <FieldError id={errorId}>{text(error)}</FieldError> : null}
    </fieldset>
  );
}
