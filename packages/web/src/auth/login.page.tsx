import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { loginSchema } from '@homeward/core';
import { useCurrentUser, useLogin } from '../api/auth.resource';
import { isApiError } from '../api/http';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { withoutError } from '../forms/without-error';
import { useFormFailure } from '../forms/use-form-failure';
import { requestErrorMessage, type FieldErrors, type Message } from '../forms/messages';
import { issuePath } from '../forms/schema-issues';
import { useDocumentTitle } from '../text/use-document-title';
import { DemoUsersHint } from './demo-users-hint.component';
import { SecondFactorStep } from './second-factor-step.component';
import { readLoginState } from './login-state';

function loginErrorMessage(error: unknown): Message {
  // The server words a wrong password in English; any 401 here means the same thing.
  if (isApiError(error, 401)) return { key: 'errors.invalid_credentials' };
  return requestErrorMessage(error);
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { from, demo } = readLoginState(location.state);
  useDocumentTitle(t('login.title'));
  const { data: user } = useCurrentUser();
  const login = useLogin();
  // The password opens this user's offline copy, in memory only; the offline code is loaded only now.
  const openDeviceStore = () =>
    void import('../offline/device-session').then((session) => session.startAfterSignIn(password));
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** Set after a right password for an account with a second factor: the code step comes next. */
  const [challenge, setChallenge] = useState<string | null>(null);
  const { errors, setErrors, general, setGeneral, fail } = useFormFailure(formRef);

  if (user && !login.isPending) return <Navigate to={from} replace />;

  if (challenge) {
    return (
      <section className="page">
        <h1>{t('login.title')}</h1>
        <SecondFactorStep
          challenge={challenge}
          onSignedIn={() => {
            openDeviceStore();
            void navigate(from, { replace: true });
          }}
          onRestart={(message) => {
            setChallenge(null);
            setPassword('');
            setGeneral(message);
          }}
        />
      </section>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginSchema.safeParse({ email, password });
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issuePath(issue);
        fields[path] ??= { key: path === 'email' ? 'errors.email' : 'errors.passwordRequired' };
      }
      fail(fields, null);
      return;
    }
    setErrors({});
    setGeneral(null);
    login.mutate(parsed.data, {
      onSuccess: (answer) => {
        if ('challenge' in answer) setChallenge(answer.challenge);
        else {
          openDeviceStore();
          void navigate(from, { replace: true });
        }
      },
      onError: (error) => {
        // No field errors to keep: they were cleared before sending, and the button is disabled until the answer.
        fail({}, loginErrorMessage(error));
        setPassword('');
      },
    });
  };

  const fillDemoUser = (demoEmail: string, demoPassword: string) => {
    setEmail(demoEmail);
    setPassword(demoPassword);
    // The form is below the list on a phone: bring its button into view, ready to press.
    submitRef.current?.focus();
  };

  return (
    <section className="page">
      <h1>{t('login.title')}</h1>
      {demo && demo.users.length > 0 ? <DemoUsersHint demo={demo} onUse={fillDemoUser} /> : null}
      <form ref={formRef} className="form card" noValidate onSubmit={onSubmit} aria-label={t('login.title')}>
        <FormAlert message={general} />
        <Field id="login-email" name="email" label={t('email')} required error={errors.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="username"
              inputMode="email"
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                setErrors((current) => withoutError(current, 'email'));
              }}
            />
          )}
        </Field>
        <Field id="login-password" name="password" label={t('password')} required error={errors.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
                setErrors((current) => withoutError(current, 'password'));
              }}
            />
          )}
        </Field>
        <div className="form__actions">
          <button ref={submitRef} type="submit" className="button button--primary" disabled={login.isPending}>
            {login.isPending ? t('login.signingIn') : t('signIn')}
          </button>
        </div>
      </form>
    </section>
  );
}
