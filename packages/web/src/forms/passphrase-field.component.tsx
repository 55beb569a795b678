import { Field } from './field.component';
import type { Message } from './messages';

interface PassphraseFieldProps {
  id: string;
  name: string;
  label: string;
  hint: string;
  error: Message | undefined;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}

/** A new passphrase that encrypts a file leaving the installation: never filled in by the browser's memory. */
export function PassphraseField({ id, name, label, hint, error, value, onChange, testId }: PassphraseFieldProps) {
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error} required>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="new-password"
          value={value}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
