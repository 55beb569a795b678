import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoginCode } from '../api/auth.resource';
import { isApiError } from '../api/http';
import { accountErrorMessage } from '../account/account-messages';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import type { FieldErrors, Message } from '../forms/messages';

interface SecondFactorStepProps {
  challenge: string;
  onSignedIn: () => void;
  /** Back to email and password, when the challenge has expired or the user wants to. */
  onRestart: (message: Message | null) => void;
}

/** The second step of signing in: a code from the authenticator app, or one recovery code. */
export function SecondFactorStep({ challenge, onSignedIn, onRestart }: SecondFactorStepProps) {
  const { t } = useTranslation();
  const loginCode = useLoginCode();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);

  useEffect(() => inputRef.current?.focus(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '') {
      setErrors({ code: { key: 'account:code.required' } });
      inputRef.current?.focus();
      return;
    }
    setErrors({});
    setGeneral(null);
    loginCode.mutate(
      { challenge, code },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          if (isApiError(error) && (error.code === 'challenge_expired' || error.code === 'locked')) {
            onRestart(accountErrorMessage(error));
            return;
          }
          if (isApiError(error, 401)) setErrors({ code: accountErrorMessage(error) });
          else setGeneral(accountErrorMessage(error));
          setCode('');
          inputRef.current?.focus();
        },
      },
    );
  };

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('account:code.title')}</h2>
      <p>{t('account:code.intro')}</p>
      <FormAlert message={general} />
      <Field
        id="login-code"
        name="code"
        label={t('account:code.label')}
        hint={t('account:code.hint')}
        required
        error={errors.code}
      >
        {(control) => (
          <input
            {...control}
            ref={inputRef}
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            className="code-input"
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setErrors({});
            }}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={loginCode.isPending}>
          {loginCode.isPending ? t('login.signingIn') : t('account:code.submit')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onRestart(null)}>
          {t('account:code.restart')}
        </button>
      </div>
    </form>
  );
}
