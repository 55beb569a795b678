import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type ReportResult } from '@homeward/core';
import { reportFileUrl, useReport } from '../api/reports.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate, localToday } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { drilldownPath } from './drilldown-path';
import { ReportOptionsFields } from './report-options-form.component';
import { optionsFromSearch, reportUses, searchFromOptions, type OptionalField } from './report-options';
import { ReportTableView } from './report-table.component';

const FILE_FORMATS = ['xlsx', 'csv', 'pdf'] as const;

/** A report run for a period: its tables, its files, a print view, and every number leading to its cases. */
export function ReportPage() {
  const { t } = useTranslation();
  const user = useUser();
  const language = useLanguage();
  const { reportId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const allowed = can(user.access, 'report.read');
  const options = optionsFromSearch(search, localToday(), language);
  const params = searchFromOptions(options, reportId);
  const { data, error, isPending, refetch } = useReport(reportId, params, allowed);
  useDocumentTitle(data?.title ?? t('reports:screen.list.title'));
  const [draft, setDraft] = useState(options);
  const [draftFor, setDraftFor] = useState(params.toString());
  if (draftFor !== params.toString()) {
    // The address changed (back button, a new link): the form shows the run on screen again.
    setDraftFor(params.toString());
    setDraft(options);
  }
  if (!allowed) return <Navigate to="/cases" replace />;

  const fields = (['planned', 'targetPercent', 'ageBands'] as const).filter((field: OptionalField) =>
    reportUses(reportId, field),
  );
  const run = (event: FormEvent) => {
    event.preventDefault();
    setSearch(searchFromOptions(draft, reportId));
  };

  return (
    <section className="page report-page">
      <p className="breadcrumb no-print">
        <Link to={`/reports?${params.toString()}`}>{t('reports:screen.list.title')}</Link>
      </p>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data ? <ReportHeader result={data} reportId={reportId} params={params} /> : null}
      {/* Open until a report is on screen, so a failed run can be corrected. */}
      <details className="form-section report-page__options no-print" open={!data}>
        <summary id="report-run-title" className="form-section__title">
          {t('reports:screen.options.title')}
        </summary>
        <form onSubmit={run}>
          <ReportOptionsFields value={draft} onChange={setDraft} fields={fields} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" data-testid="run-report">
              {t('reports:screen.options.run')}
            </button>
          </div>
        </form>
      </details>
      {data ? <ReportTables result={data} reportId={reportId} params={params} /> : null}
    </section>
  );
}

interface ReportPartProps {
  result: ReportResult;
  reportId: string;
  params: URLSearchParams;
}

function ReportHeader({ result, reportId, params }: ReportPartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <header className="report__header" data-testid="report">
      <h1 lang={result.language} data-testid="report-title">
        {result.title}
      </h1>
      <p className="report__meta">
        {result.scopeLabel}
        {' · '}
        {t('reports:screen.report.period', {
          from: formatDate(result.from, language),
          to: formatDate(result.to, language),
        })}
      </p>
      {result.notices.map((notice) => (
        <p key={notice} className="report__notice" role="note" lang={result.language} data-testid="report-notice">
          {notice}
        </p>
      ))}
      {result.suppressionThreshold === null ? null : (
        <p className="report__meta">
          {t('reports:screen.report.anonymised', { threshold: result.suppressionThreshold })}
        </p>
      )}
      <div className="page__actions no-print" data-testid="report-files">
        {FILE_FORMATS.map((format) => (
          <a
            key={format}
            className="button"
            href={reportFileUrl(reportId, params, format)}
            download
            data-testid={`download-${format}`}
          >
            {t(`reports:screen.report.download.${format}`)}
          </a>
        ))}
        <button type="button" className="button" onClick={() => window.print()} data-testid="print-report">
          {t('reports:screen.report.print')}
        </button>
      </div>
    </header>
  );
}

function ReportTables({ result, reportId, params }: ReportPartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  // Listing the cases behind a number needs the right to read cases; counts alone do not.
  const drillable = can(user.access, 'case.read');
  return (
    <>
      {/* The tables are in the language the report was asked in, which may not be the screen's. */}
      <div className="report" lang={result.language}>
        {result.tables.map((table) => (
          <ReportTableView
            key={table.id}
            table={table}
            drillHref={drillable ? (keys) => drilldownPath(reportId, params, table.id, keys) : undefined}
          />
        ))}
      </div>
      <p className="report__generated muted">
        {t('reports:screen.report.generated', { date: formatDate(result.generatedAt.slice(0, 10), language) })}
      </p>
    </>
  );
}
