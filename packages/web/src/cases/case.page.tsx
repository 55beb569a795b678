import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, displayName } from '@homeward/core';
import { useCase, useCaseEvents } from '../api/cases.resource';
import { isApiError } from '../api/http';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { CaseNoteForm } from './case-note-form.component';
import { CaseProfile } from './case-profile.component';
import { CaseTimeline } from './case-timeline.component';

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const caseQuery = useCase(caseId);
  const eventsQuery = useCaseEvents(caseId);
  const detail = caseQuery.data;
  // The tab title may be seen by others: the case number, never the child's name.
  useDocumentTitle(
    detail ? t('cases:detail.documentTitle', { caseNumber: detail.caseNumber }) : t('cases:detail.title'),
  );

  if (caseQuery.isPending) return <LoadingState />;
  if (caseQuery.error) {
    return (
      <section className="page">
        <h1>{t('cases:detail.title')}</h1>
        {isApiError(caseQuery.error, 404) ? (
          <p>{t('cases:detail.notFound')}</p>
        ) : (
          <RequestErrorState error={caseQuery.error} onRetry={() => void caseQuery.refetch()} />
        )}
        <p>
          <Link to="/cases">{t('cases:detail.back')}</Link>
        </p>
      </section>
    );
  }

  const name = displayName(caseQuery.data, language) || t('cases:none');
  return (
    <article className="page case-page" aria-labelledby="case-title">
      <p className="breadcrumb">
        <Link to="/cases">{t('cases:detail.back')}</Link>
      </p>
      <header className="case-page__header">
        <h1 id="case-title" data-testid="case-title">
          {name}
        </h1>
        <p className="case-page__meta">
          <span className="case-number" data-testid="case-number">
            {caseQuery.data.caseNumber}
          </span>
          <span className={`status status--${caseQuery.data.status}`}>
            {t(`codes:caseStatus.${caseQuery.data.status}`)}
          </span>
        </p>
      </header>
      <div className="case-page__layout">
        <CaseProfile detail={caseQuery.data} />
        <section className="case-page__timeline" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('cases:timeline.title')}</h2>
          {can(user.roles, 'case.write') && eventsQuery.data ? (
            <CaseNoteForm caseId={caseId} openedOn={caseQuery.data.openedOn} events={eventsQuery.data.items} />
          ) : null}
          {eventsQuery.isPending ? <LoadingState /> : null}
          {eventsQuery.error ? (
            <RequestErrorState error={eventsQuery.error} onRetry={() => void eventsQuery.refetch()} />
          ) : null}
          {eventsQuery.data ? <CaseTimeline events={eventsQuery.data.items} /> : null}
        </section>
      </div>
    </article>
  );
}
