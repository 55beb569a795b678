import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { can, fingerprintGroups, type ImportChoice, type ImportResult } from '@homeward/core';
import { useQueryClient } from '@tanstack/react-query';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { type Message } from '../forms/messages';
import { bundleErrorMessage } from './bundle-errors';
import { formatDate } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { importBundle } from './bundles.resource';

/**
 * `/cases/import`: a case file from a trusted partner. The server checks it whole before storing anything; when
 * a child may already be known here, it answers the matches and the user chooses to link or create, then sends
 * the same file again with the choices.
 */
export function ImportCaseFilePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const ids = useId();
  const language = useLanguage();
  const queryClient = useQueryClient();
  useDocumentTitle(t('bundles:import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [fileError, setFileError] = useState<Message | undefined>();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [choices, setChoices] = useState<Record<string, ImportChoice>>({});
  if (!can(user.access, 'installation.manage') || !can(user.access, 'case.create'))
    return <Navigate to="/cases" replace />;

  const send = async (withChoices: boolean) => {
    if (!file) {
      setFileError({ key: 'bundles:import.chooseFile' });
      return;
    }
    setFileError(undefined);
    setError(null);
    setPending(true);
    try {
      const answer = await importBundle(
        file,
        { ...(passphrase ? { passphrase } : {}), ...(withChoices ? { choices } : {}) },
        user.csrfToken,
      );
      setResult(answer);
      if (answer.status === 'needs_choice') {
        setChoices(
          Object.fromEntries(
            answer.cases
              .filter((item) => item.matches.length > 0)
              .map((item) => [item.sourceCaseId, { action: 'create' }]),
          ),
        );
      } else {
        await queryClient.invalidateQueries({ queryKey: ['cases'] });
      }
    } catch (failure) {
      setError(bundleErrorMessage(failure, (key) => i18n.exists(key)));
    } finally {
      setPending(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(result?.status === 'needs_choice');
  };

  const reset = () => {
    setResult(null);
    setFile(null);
    setPassphrase('');
    setChoices({});
  };

  return (
    <section className="page import-page">
      <div className="page__header">
        <h1>{t('bundles:import.title')}</h1>
      </div>
      <p className="lead">{t('bundles:import.intro')}</p>
      <FormAlert message={error} />
      {result ? (
        <p className="muted" data-testid="import-sender">
          {t('bundles:import.from', {
            organisation: result.sender.organisation,
            fingerprint: fingerprintGroups(result.sender.fingerprint),
          })}
        </p>
      ) : null}
      {result?.status === 'imported' ? (
        <section className="card" data-testid="import-done">
          <ul className="import-list">
            {result.cases.map((item) => (
              <li key={item.sourceCaseId} className="import-list__item">
                <strong>
                  {item.alreadyImported ? t('bundles:import.alreadyImported') : t('bundles:import.imported')}
                </strong>
                <span>{t('bundles:import.senderNumber', { number: item.sourceCaseNumber })}</span>
                <span className="muted">
                  {t('bundles:import.counts', { events: item.events, documents: item.documents })}
                </span>
                {item.caseId ? (
                  <Link to={`/cases/${item.caseId}`} data-testid="import-open-case">
                    {t('bundles:import.openCase', { number: item.caseNumber })}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={reset}>
            {t('bundles:import.another')}
          </button>
        </section>
      ) : (
        <form className="form card" noValidate onSubmit={onSubmit} data-testid="import-form">
          <Field id={`${ids}-file`} name="file" label={t('bundles:import.file')} error={fileError} required>
            {(control) => (
              <input
                {...control}
                type="file"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  setResult(null);
                }}
                data-testid="import-file"
              />
            )}
          </Field>
          <Field id={`${ids}-passphrase`} name="passphrase" label={t('bundles:import.passphrase')}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="off"
                value={passphrase}
                onChange={(event) => setPassphrase(event.target.value)}
                data-testid="import-passphrase"
              />
            )}
          </Field>
          {result?.status === 'needs_choice' ? (
            <div className="import-choices" data-testid="import-choices">
              <p>{t('bundles:import.needsChoice')}</p>
              {result.cases
                .filter((item) => item.matches.length > 0)
                .map((item) => (
                  <fieldset key={item.sourceCaseId} className="choice-group">
                    <legend>{t('bundles:import.senderNumber', { number: item.sourceCaseNumber })}</legend>
                    {item.matches.map((match) => (
                      <label key={match.caseId} className="choice">
                        <input
                          type="radio"
                          name={`${ids}-${item.sourceCaseId}`}
                          checked={
                            choices[item.sourceCaseId]?.action === 'link' &&
                            (choices[item.sourceCaseId] as { caseId?: string }).caseId === match.caseId
                          }
                          onChange={() =>
                            setChoices({ ...choices, [item.sourceCaseId]: { action: 'link', caseId: match.caseId } })
                          }
                          data-testid="import-link-choice"
                        />
                        <span>
                          {t('bundles:import.linkTo', { number: match.caseNumber, name: match.name ?? '' })}
                          {match.dateOfBirth
                            ? `, ${t('bundles:import.born', { date: formatDate(match.dateOfBirth, language) })}`
                            : ''}{' '}
                          <span className="tag">{t(`bundles:import.${match.level}`)}</span>
                        </span>
                      </label>
                    ))}
                    <label className="choice">
                      <input
                        type="radio"
                        name={`${ids}-${item.sourceCaseId}`}
                        checked={choices[item.sourceCaseId]?.action === 'create'}
                        onChange={() => setChoices({ ...choices, [item.sourceCaseId]: { action: 'create' } })}
                        data-testid="import-create-choice"
                      />
                      {t('bundles:import.createNew')}
                    </label>
                  </fieldset>
                ))}
            </div>
          ) : null}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending} data-testid="import-submit">
              {pending ? t('bundles:import.importing') : t('bundles:import.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
