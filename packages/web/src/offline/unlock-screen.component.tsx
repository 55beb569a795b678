import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '@homeward/core';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import type { Message } from '../forms/messages';
import { WrongPasswordError } from './device-crypto';
import { unlockOffline } from './device-session';
import { StoreExpiredError } from './device-store';

interface UnlockScreenProps {
  /** `offline`: the server cannot be reached; `locked`: the store locked itself after idle minutes. */
  reason: 'offline' | 'locked';
  onUnlocked: (user: CurrentUser) => void;
  /** Offered when the server cannot be reached: it may answer again. */
  onRetry?: () => void;
}

/** The password opens the device store; nothing about the caseload shows before it does. */
export function UnlockScreen({ reason, onUnlocked, onRetry }: UnlockScreenProps) {
  // Before sign-in (offline) this namespace is not loaded yet; asking for it here loads it.
  const { t } = useTranslation('offline');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [expired, setExpired] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError({ key: 'offline:unlock.wrongPassword' });
      return;
    }
    setBusy(true);
    setError(null);
    unlockOffline(password).then(onUnlocked, (failure: unknown) => {
      setBusy(false);
      setPassword('');
      if (failure instanceof StoreExpiredError) setExpired(true);
      else if (failure instanceof WrongPasswordError) setError({ key: 'offline:unlock.wrongPassword' });
      else throw failure;
    });
  };

  // Locked inside the signed-in app, it is a box above the screen's own heading, not a screen of its own.
  const Heading = reason === 'locked' ? 'h2' : 'h1';
  return (
    <section
      className={reason === 'locked' ? 'unlock unlock--inline' : 'page unlock'}
      aria-labelledby="unlock-title"
      data-testid="unlock-screen"
    >
      <Heading id="unlock-title">{t('offline:unlock.title')}</Heading>
      {expired ? (
        <p role="alert">{t('offline:unlock.expired')}</p>
      ) : (
        <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="unlock-title">
          <p>{t(reason === 'offline' ? 'offline:unlock.intro' : 'offline:unlock.lockedIntro')}</p>
          <FormAlert message={error} />
          <Field id="unlock-password" name="password" label={t('offline:unlock.password')} required>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('offline:unlock.unlocking') : t('offline:unlock.submit')}
            </button>
          </div>
        </form>
      )}
      {onRetry ? (
        <p>
          <button type="button" className="button button--quiet" onClick={onRetry}>
            {t('offline:unlock.retry')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
