import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRenewRecoveryCodes } from '../api/account.resource';
import { FormAlert } from '../forms/form-alert.component';
import { useFormFailure } from '../forms/use-form-failure';
import { accountFieldErrors } from './account-messages';
import { PasswordAgainField } from './password-again-field.component';

/** Recovery codes as they are shown, this once: a numbered list to copy on paper, and the warning. */
export function RecoveryCodeList({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <ol className="recovery-codes">
        {codes.map((recovery) => (
          <li key={recovery}>
            <code>{recovery}</code>
          </li>
        ))}
      </ol>
      <p className="field__hint">{t('account:enrol.codesWarning')}</p>
    </>
  );
}

/** New recovery codes for the signed-in user, after her password; the old ones stop working. */
export function RecoveryCodesRenewal() {
  const { t } = useTranslation();
  const renew = useRenewRecoveryCodes();
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const { errors, setErrors, general, fail } = useFormFailure(formRef);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return fail({ password: { key: 'errors.passwordRequired' } }, null);
    renew.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setErrors({});
        },
        onError: (error) => {
          const { fields, general: other } = accountFieldErrors(error, ['password']);
          fail(fields, other);
        },
      },
    );
  };

  if (renew.data)
    return (
      <div className="card" data-testid="recovery-codes">
        <h3>{t('account:enrol.codesTitle')}</h3>
        <p>{t('account:recovery.done')}</p>
        <RecoveryCodeList codes={renew.data.recoveryCodes} />
      </div>
    );

  return (
    <form ref={formRef} className="form form--narrow" noValidate onSubmit={onSubmit} data-testid="recovery-renew">
      <p>{t('account:recovery.intro')}</p>
      <FormAlert message={general} />
      <PasswordAgainField
        id="recovery-password"
        value={password}
        error={errors.password}
        onChange={(value) => {
          setPassword(value);
          setErrors({});
        }}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={renew.isPending}>
          {renew.isPending ? t('saving') : t('account:recovery.submit')}
        </button>
      </div>
    </form>
  );
}
