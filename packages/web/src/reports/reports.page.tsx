import { useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useDeleteSavedReport, useReportList } from '../api/reports.resource';
import { useUser } from '../auth/user-context';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage } from '../forms/messages';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { ReportOptionsFields } from './report-options-form.component';
import { optionsFromSearch, searchFromOptions, type ReportOptions } from './report-options';

/** The reports the user can run, built-in and saved, with the period and options every link carries. */
export function ReportsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const language = useLanguage();
  useDocumentTitle(t('reports:screen.list.title'));
  const allowed = can(user.access, 'report.read');
  const [params, setSearch] = useSearchParams();
  // The options live here, and the address mirrors them for the back button: it is updated in a transition,
  // too late for the next keystroke to build on.
  const [draft, setDraft] = useState(() => optionsFromSearch(params, localToday(), language));
  const [langChosen, setLangChosen] = useState(params.has('lang'));
  const { data, error, isPending, refetch } = useReportList(language, allowed);
  if (!allowed) return <Navigate to="/cases" replace />;

  const options = langChosen ? draft : { ...draft, lang: language };
  const change = (next: ReportOptions) => {
    // Unless another language is chosen, reports follow the screen's when it is switched.
    const chosen = next.lang !== language;
    setDraft(next);
    setLangChosen(chosen);
    const search = searchFromOptions(next);
    if (!chosen) search.delete('lang');
    setSearch(search, { replace: true });
  };
  const builtIn = data?.items.filter((item) => item.builtIn) ?? [];
  const saved = data?.items.filter((item) => !item.builtIn) ?? [];
  const href = (id: string) => `/reports/${encodeURIComponent(id)}?${searchFromOptions(options, id).toString()}`;

  return (
    <section className="page reports">
      <div className="page__header">
        <h1>{t('reports:screen.list.title')}</h1>
        <Link to="/reports/new" className="button" data-testid="new-pivot">
          {t('reports:screen.list.newPivot')}
        </Link>
      </div>
      <p className="lead">{t('reports:screen.list.intro')}</p>
      <section className="form-section" aria-labelledby="report-options-title">
        <h2 id="report-options-title" className="form-section__title">
          {t('reports:screen.options.title')}
        </h2>
        <ReportOptionsFields
          value={options}
          onChange={change}
          fields={['planned', 'targetPercent', 'ageBands']}
          withHints
        />
      </section>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data ? (
        <>
          <h2>{t('reports:screen.list.builtIn')}</h2>
          <ul className="report-list" data-testid="builtin-reports">
            {builtIn.map((item) => (
              <li key={item.id} className="report-list__item" data-report={item.id}>
                <Link to={href(item.id)} className="report-list__title">
                  {item.title}
                </Link>
                <p className="muted">{item.description}</p>
              </li>
            ))}
          </ul>
          <h2>{t('reports:screen.list.saved')}</h2>
          {saved.length === 0 ? (
            <p className="empty-state empty-state--small">{t('reports:screen.list.noSaved')}</p>
          ) : (
            <ul className="report-list" data-testid="saved-reports">
              {saved.map((item) => (
                <SavedReportItem key={item.id} id={item.id} title={item.title} href={href(item.id)} />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

/** A saved report, with its deletion asked twice: the whole organisation loses it. */
function SavedReportItem({ id, title, href }: { id: string; title: string; href: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const remove = useDeleteSavedReport();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="report-list__item" data-report={id} data-testid="saved-report">
      <Link to={href} className="report-list__title">
        {title}
      </Link>
      {can(user.access, 'report.manage') ? (
        confirming ? (
          <div
            className="report-list__confirm"
            role="group"
            aria-label={t('reports:screen.list.confirmDelete', { name: title })}
          >
            <p>{t('reports:screen.list.confirmDelete', { name: title })}</p>
            <button
              type="button"
              className="button button--danger button--small"
              disabled={remove.isPending}
              data-testid="confirm-delete-report"
              onClick={() => remove.mutate(id)}
            >
              {t('reports:screen.list.delete')}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(false)}>
              {t('reports:screen.list.keep')}
            </button>
            <FormAlert message={remove.error ? requestErrorMessage(remove.error) : null} />
          </div>
        ) : (
          <button
            type="button"
            className="button button--quiet button--small"
            data-testid="delete-report"
            onClick={() => setConfirming(true)}
          >
            {t('reports:screen.list.delete')}
          </button>
        )
      ) : null}
    </li>
  );
}
