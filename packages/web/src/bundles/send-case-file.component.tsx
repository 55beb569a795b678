import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { PassphraseField } from '../forms/passphrase-field.component';
import { FormAlert } from '../forms/form-alert.component';
import { type Message } from '../forms/messages';
import { bundleErrorMessage } from './bundle-errors';
import { saveAs, sendBundle, useInstallation } from './bundles.resource';
import { PhoneFold } from '../layout/phone-fold.component';

const MIN_PASSPHRASE = 12;

/**
 * "Send case file to another installation": a signed, encrypted bundle for a trusted partner, or locked with a
 * passphrase. The server refuses without the child's consent to share, and says so.
 */
export function SendCaseFile({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const ids = useId();
  const allowed = can(user.access, 'case.export');
  const installation = useInstallation(allowed);
  const [mode, setMode] = useState<'partner' | 'passphrase'>('partner');
  const [partnerId, setPartnerId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [fieldError, setFieldError] = useState<Message | undefined>();
  const [done, setDone] = useState(false);
  if (!allowed) return null;
  const partners = installation.data?.partners ?? [];
  const chosen = partnerId || partners[0]?.id || '';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setError(null);
    if (mode === 'passphrase' && passphrase.length < MIN_PASSPHRASE) {
      setFieldError({ key: 'bundles:send.passphraseShort' });
      return;
    }
    if (mode === 'partner' && !chosen) {
      setFieldError({ key: 'bundles:send.choosePartnerError' });
      return;
    }
    setFieldError(undefined);
    setPending(true);
    try {
      const receiver =
        mode === 'partner'
          ? { kind: 'partner' as const, partnerId: chosen }
          : { kind: 'passphrase' as const, passphrase };
      saveAs(await sendBundle({ caseIds: [caseId], receiver }), `${caseNumber}.homeward-bundle`);
      setPassphrase('');
      setDone(true);
    } catch (failure) {
      setError(bundleErrorMessage(failure, (key) => i18n.exists(key)));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card send-case-file" aria-labelledby={`${ids}-title`} data-testid="send-case-file">
      <h2 id={`${ids}-title`}>{t('bundles:send.title')}</h2>
      <p className="muted">{t('bundles:send.intro')}</p>
      <PhoneFold label={t('bundles:send.title')} testId="send-case-file-fold">
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          <FormAlert message={error} />
          <fieldset className="choice-group">
            <legend>{t('bundles:send.receiver')}</legend>
            <label className="choice">
              <input
                type="radio"
                name={`${ids}-mode`}
                checked={mode === 'partner'}
                onChange={() => setMode('partner')}
                data-testid="send-mode-partner"
              />
              {t('bundles:send.partner')}
            </label>
            <label className="choice">
              <input
                type="radio"
                name={`${ids}-mode`}
                checked={mode === 'passphrase'}
                onChange={() => setMode('passphrase')}
                data-testid="send-mode-passphrase"
              />
              {t('bundles:send.passphrase')}
            </label>
          </fieldset>
          {mode === 'partner' ? (
            partners.length === 0 && installation.isSuccess ? (
              <p className="muted" data-testid="send-no-partners">
                {t('bundles:send.noPartners')}
              </p>
            ) : (
              <Field
                id={`${ids}-partner`}
                name="receiver.partnerId"
                label={t('bundles:send.choosePartner')}
                error={fieldError}
              >
                {(control) => (
                  <select
                    {...control}
                    value={chosen}
                    onChange={(event) => setPartnerId(event.target.value)}
                    data-testid="send-partner"
                  >
                    {partners.map((partner) => (
                      <option key={partner.id} value={partner.id}>
                        {partner.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )
          ) : (
            <PassphraseField
              id={`${ids}-passphrase`}
              name="receiver.passphrase"
              label={t('bundles:send.passphraseLabel')}
              hint={t('bundles:send.passphraseHint')}
              error={fieldError}
              value={passphrase}
              onChange={setPassphrase}
              testId="send-passphrase"
            />
          )}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending} data-testid="send-download">
              {pending ? t('bundles:send.preparing') : t('bundles:send.download')}
            </button>
            <p className="form__status" role="status">
              {done ? t('bundles:send.done') : ''}
            </p>
          </div>
        </form>
      </PhoneFold>
    </section>
  );
}
