import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, CASE_STATUSES, type CaseStatus, type RetentionSettings } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { useRetentionPreview, useRetentionSettings, useSaveRetention } from './records.resource';
import '../styles/records.css';

type YearsByStatus = Record<CaseStatus, string>;

function yearsOf(settings: RetentionSettings): YearsByStatus {
  const years = Object.fromEntries(CASE_STATUSES.map((status) => [status, ''])) as YearsByStatus;
  for (const rule of settings.rules) years[rule.status] = String(rule.afterYears);
  return years;
}

/** The retention rules per case status, and what they would change today, before an operator runs them. */
export function RetentionSection() {
  const { t } = useTranslation();
  const user = useUser();
  const settings = useRetentionSettings();
  if (!can(user.access, 'retention.manage')) return null;
  return (
    <section className="card retention" aria-labelledby="retention-title" data-testid="retention-section">
      <h2 id="retention-title">{t('records:retention.title')}</h2>
      <p className="muted">{t('records:retention.intro')}</p>
      {settings.isPending ? <LoadingState /> : null}
      {settings.error ? <RequestErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data ? <RetentionForm settings={settings.data} /> : null}
      <RetentionPreviewList />
    </section>
  );
}

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const ids = useId();
  const save = useSaveRetention();
  const [years, setYears] = useState<YearsByStatus>(() => yearsOf(settings));
  const [error, setError] = useState<Message | null>(null);
  const [saved, setSaved] = useState(false);

  const invalid = CASE_STATUSES.filter((status) => {
    const value = years[status];
    return value !== '' && !(Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 100);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (invalid.length > 0) {
      document.getElementById(`${ids}-${invalid[0]}`)?.focus();
      return;
    }
    const rules = CASE_STATUSES.flatMap((status) =>
      years[status] === '' ? [] : [{ status, action: 'pseudonymise' as const, afterYears: Number(years[status]) }],
    );
    save.mutate(
      { rules },
      {
        onSuccess: (answer) => {
          setYears(yearsOf(answer));
          setError(null);
          setSaved(true);
        },
        onError: (failure) => setError(requestErrorMessage(failure)),
      },
    );
  };

  return (
    <form className="form form--narrow" noValidate onSubmit={onSubmit}>
      <FormAlert message={error} />
      <div className="retention-rules">
        {CASE_STATUSES.map((status) => (
          <Field
            key={status}
            id={`${ids}-${status}`}
            name={`rules.${status}`}
            label={t('records:retention.label', { status: t(`codes:caseStatus.${status}`) })}
            hint={t('records:retention.off')}
            error={invalid.includes(status) ? { key: 'records:retention.yearsRange' } : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                step={1}
                value={years[status]}
                data-testid={`retention-${status}`}
                onChange={(event) => {
                  setSaved(false);
                  setYears({ ...years, [status]: event.target.value });
                }}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('records:retention.save')}
        </button>
        <p className="form__status" role="status">
          {saved ? t('records:retention.saved') : ''}
        </p>
      </div>
    </form>
  );
}

function RetentionPreviewList() {
  const { t } = useTranslation();
  const language = useLanguage();
  const preview = useRetentionPreview();
  return (
    <div className="retention-preview" data-testid="retention-preview">
      <h3>{t('records:retention.previewTitle')}</h3>
      <p className="muted">{t('records:retention.previewIntro')}</p>
      {preview.isPending ? <LoadingState /> : null}
      {preview.error ? <RequestErrorState error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.data && preview.data.items.length === 0 ? <p>{t('records:retention.previewEmpty')}</p> : null}
      {preview.data && preview.data.items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('records:columns.case')}</th>
              <th scope="col">{t('records:retention.rule')}</th>
              <th scope="col">{t('records:retention.dueOn')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.data.items.map((item) => (
              <tr key={item.caseId}>
                <th scope="row" data-label={t('records:columns.case')}>
                  {item.caseNumber}
                </th>
                <td data-label={t('records:retention.rule')}>
                  {t('records:retention.ruleText', {
                    status: t(`codes:caseStatus.${item.rule.status}`),
                    years: item.rule.afterYears,
                  })}
                </td>
                <td data-label={t('records:retention.dueOn')}>{formatDate(item.dueOn, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
