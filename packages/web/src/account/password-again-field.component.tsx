import { useTranslation } from 'react-i18next';
import { Field } from '../forms/field.component';
import type { Message } from '../forms/messages';

interface PasswordAgainFieldProps {
  id: string;
  value: string;
  error: Message | undefined;
  /** Typing clears the form's errors: the one shown was about the password. */
  onChange: (value: string) => void;
}

/** The signed-in user's password asked again before a change to her second factor. */
export function PasswordAgainField({ id, value, error, onChange }: PasswordAgainFieldProps) {
  const { t } = useTranslation();
  return (
    <Field id={id} name="password" label={t('password')} required error={error}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
