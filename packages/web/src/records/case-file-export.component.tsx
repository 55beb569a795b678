import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, LANGUAGES, type Language } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { PassphraseField } from '../forms/passphrase-field.component';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { useLanguage } from '../text/use-language';
import { downloadCaseFile } from './records.resource';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', km: 'ខ្មែរ' };
const MIN_PASSPHRASE = 10;

/** Hands the browser a file made in memory, as if it had been a link. */
function saveAs(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** The child's whole file for the child or a court: locked with a passphrase unless the user decides otherwise. */
export function CaseFileExport({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const ids = useId();
  const [language, setLanguage] = useState<Language>(useLanguage());
  const [encrypted, setEncrypted] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [passphraseError, setPassphraseError] = useState<Message | undefined>();
  const [done, setDone] = useState(false);
  if (!can(user.access, 'case.export')) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setError(null);
    if (encrypted && passphrase.length < MIN_PASSPHRASE) {
      setPassphraseError({ key: 'records:export.passphraseShort' });
      document.getElementById(`${ids}-passphrase`)?.focus();
      return;
    }
    setPassphraseError(undefined);
    setPending(true);
    try {
      const blob = await downloadCaseFile(caseId, { language, ...(encrypted ? { passphrase } : {}) });
      saveAs(blob, `${caseNumber}.zip`);
      setPassphrase('');
      setDone(true);
    } catch (failure) {
      setError(requestErrorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card case-file-export" aria-labelledby={`${ids}-title`} data-testid="case-file-export">
      <h2 id={`${ids}-title`}>{t('records:export.title')}</h2>
      <p className="muted">{t('records:export.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <FormAlert message={error} />
        <Field id={`${ids}-language`} name="language" label={t('records:export.language')}>
          {(control) => (
            <select {...control} value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="choice">
          <input type="checkbox" checked={encrypted} onChange={(event) => setEncrypted(event.target.checked)} />
          {t('records:export.encrypted')}
        </label>
        {encrypted ? (
          <PassphraseField
            id={`${ids}-passphrase`}
            name="passphrase"
            label={t('records:export.passphrase')}
            hint={t('records:export.passphraseHint')}
            error={passphraseError}
            value={passphrase}
            onChange={setPassphrase}
            testId="export-passphrase"
          />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending} data-testid="export-download">
            {pending ? t('records:export.preparing') : t('records:export.download')}
          </button>
          <p className="form__status" role="status">
            {done ? t('records:export.done') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
