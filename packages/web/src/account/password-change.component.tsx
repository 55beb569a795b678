import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordChangeSchema, PASSWORD_MIN_LENGTH } from '@homeward/core';
import { useChangePassword } from '../api/account.resource';
import { Field, type ControlProps } from '../forms/field.component';
import { useFormFailure } from '../forms/use-form-failure';
import { FormAlert } from '../forms/form-alert.component';
import type { FieldErrors, Message } from '../forms/messages';
import { issuePath } from '../forms/schema-issues';
import { accountFieldErrors } from './account-messages';

const FIELDS = ['currentPassword', 'newPassword'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** The browser's wording for what the schema in core refuses. */
function schemaMessage(field: string, code: string, values: Values): Message {
  if (field === 'currentPassword') return { key: 'errors.passwordRequired' };
  if (code === 'too_small') return { key: 'errors.passwordTooShort', params: { min: PASSWORD_MIN_LENGTH } };
  if (values.newPassword === values.currentPassword) return { key: 'account:password.sameAsCurrent' };
  return { key: 'account:errors.common_password' };
}

/** Changing one's own password: the current one, then a new one; the server signs out every other session. */
export function PasswordChange() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>({ currentPassword: '', newPassword: '' });
  const { errors, setErrors, general, fail } = useFormFailure(formRef);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.reset();
    const parsed = passwordChangeSchema.safeParse(values);
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issuePath(issue);
        fields[field] ??= schemaMessage(field, issue.code, values);
      }
      fail(fields, null);
      return;
    }
    change.mutate(parsed.data, {
      onSuccess: () => {
        // The device store's key is wrapped by the password: wrap it again, or its waiting changes would be lost.
        void import('../offline/device-session').then((session) =>
          session.changeDevicePassword(parsed.data.currentPassword, parsed.data.newPassword),
        );
        setValues({ currentPassword: '', newPassword: '' });
        fail({}, null);
      },
      onError: (error) => {
        const { fields, general: other } = accountFieldErrors(error, FIELDS);
        fail(fields, other);
      },
    });
  };

  const input = (field: keyof Values, autoComplete: string) => (control: ControlProps) => (
    <input
      {...control}
      type="password"
      autoComplete={autoComplete}
      value={values[field]}
      onChange={(event) => {
        setValues({ ...values, [field]: event.target.value });
        setErrors(({ [field]: _cleared, ...rest }) => rest);
      }}
    />
  );

  return (
    <form ref={formRef} className="form form--narrow" noValidate onSubmit={onSubmit} data-testid="password-change">
      <p>{t('account:password.intro')}</p>
      <FormAlert message={general} />
      {change.isSuccess ? (
        <p className="card card--note" role="status" data-testid="password-changed">
          {t('account:password.done')}
        </p>
      ) : null}
      <Field
        id="current-password"
        name="currentPassword"
        label={t('account:password.current')}
        required
        error={errors.currentPassword}
      >
        {input('currentPassword', 'current-password')}
      </Field>
      <Field
        id="new-password"
        name="newPassword"
        label={t('account:password.new')}
        hint={t('account:passwordRules', { min: PASSWORD_MIN_LENGTH })}
        required
        error={errors.newPassword}
      >
        {input('newPassword', 'new-password')}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? t('saving') : t('account:password.submit')}
        </button>
      </div>
    </form>
  );
}
