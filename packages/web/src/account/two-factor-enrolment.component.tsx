import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { twoFactorConfirmSchema, type TwoFactorSetupResult } from '@homeward/core';
import { useConfirmTwoFactor, useStartTwoFactor } from '../api/account.resource';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import type { FieldErrors, Message } from '../forms/messages';
import { accountFieldErrors } from './account-messages';
import { PasswordAgainField } from './password-again-field.component';
import { QrCode } from './qr-code.component';
import { RecoveryCodeList } from './recovery-codes.component';

type Stage = { step: 'password' } | { step: 'scan'; setup: TwoFactorSetupResult } | { step: 'codes'; codes: string[] };

/**
 * Enrolment in three steps: the password again, then the QR code (and the secret as text) confirmed by a
 * first code, then the recovery codes, shown this once.
 */
export function TwoFactorEnrolment({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation();
  const start = useStartTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [stage, setStage] = useState<Stage>({ step: 'password' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const fail = (error: unknown, field: string) => {
    const { fields, general: other } = accountFieldErrors(error, [field]);
    setErrors(fields);
    setGeneral(other);
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  };

  const onPassword = (event: FormEvent) => {
    event.preventDefault();
    if (password === '') {
      setErrors({ password: { key: 'errors.passwordRequired' } });
      return;
    }
    setErrors({});
    setGeneral(null);
    start.mutate(
      { password },
      {
        onSuccess: (setup) => {
          setPassword('');
          setStage({ step: 'scan', setup });
        },
        onError: (error) => fail(error, 'password'),
      },
    );
  };

  const onCode = (event: FormEvent) => {
    event.preventDefault();
    const parsed = twoFactorConfirmSchema.safeParse({ code });
    if (!parsed.success) {
      setErrors({ code: { key: 'account:enrol.codeFormat' } });
      return;
    }
    setErrors({});
    setGeneral(null);
    confirm.mutate(parsed.data, {
      onSuccess: ({ recoveryCodes }) => setStage({ step: 'codes', codes: recoveryCodes }),
      onError: (error) => {
        setCode('');
        fail(error, 'code');
      },
    });
  };

  if (stage.step === 'codes') {
    return (
      <div className="card" data-testid="recovery-codes">
        <h3>{t('account:enrol.codesTitle')}</h3>
        <p>{t('account:enrol.codesIntro')}</p>
        <RecoveryCodeList codes={stage.codes} />
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={onFinished}>
            {t('account:enrol.codesSaved')}
          </button>
        </div>
      </div>
    );
  }

  if (stage.step === 'scan') {
    return (
      <form ref={formRef} className="form card" noValidate onSubmit={onCode} aria-labelledby="enrol-scan-title">
        <h3 id="enrol-scan-title">{t('account:enrol.scanTitle')}</h3>
        <ol className="enrol-steps">
          <li>{t('account:enrol.stepApp')}</li>
          <li>{t('account:enrol.stepScan')}</li>
          <li>{t('account:enrol.stepCode')}</li>
        </ol>
        <div className="enrol-secret">
          <QrCode value={stage.setup.uri} label={t('account:enrol.qrLabel')} />
          <div>
            <p className="field__hint">{t('account:enrol.secretHint')}</p>
            <code className="enrol-secret__text" data-testid="totp-secret">
              {stage.setup.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </div>
        </div>
        <FormAlert message={general} />
        <Field id="enrol-code" name="code" label={t('account:enrol.codeLabel')} required error={errors.code}>
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="code-input"
              value={code}
              onChange={(event) => {
                setCode(event.target.value.trim());
                setErrors({});
              }}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={confirm.isPending}>
            {confirm.isPending ? t('saving') : t('account:enrol.confirm')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form ref={formRef} className="form card" noValidate onSubmit={onPassword} aria-labelledby="enrol-start-title">
      <h3 id="enrol-start-title">{t('account:enrol.startTitle')}</h3>
      <p>{t('account:enrol.startIntro')}</p>
      <FormAlert message={general} />
      <PasswordAgainField
        id="enrol-password"
        value={password}
        error={errors.password}
        onChange={(value) => {
          setPassword(value);
          setErrors({});
        }}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={start.isPending}>
          {start.isPending ? t('loading') : t('account:enrol.start')}
        </button>
      </div>
    </form>
  );
}
