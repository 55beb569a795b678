import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { filledFrom } from './mosvy-data';
import { formNumber, formPath, MOSVY_FORMS } from './mosvy-forms';
import { useMosvyCase } from './use-mosvy-case';
import './mosvy.css';

/** The six MoSVY forms of a case: what each is for, whether the records fill it yet, and links to print it. */
export function MosvyFormsPage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const query = useMosvyCase(caseId);
  const caseNumber = query.data?.detail.caseNumber;
  useDocumentTitle(caseNumber ? t('mosvy:list.documentTitle', { caseNumber }) : t('mosvy:list.title'));

  const back = (
    <p className="breadcrumb">
      <Link to={`/cases/${encodeURIComponent(caseId)}`}>{t('mosvy:list.back')}</Link>
    </p>
  );
  if (query.isPending) return <LoadingState />;
  if (!query.data) {
    return (
      <section className="page">
        {back}
        <h1>{t('mosvy:list.title')}</h1>
        {isApiError(query.error, 404) ? (
          <p>{t('mosvy:list.notFound')}</p>
        ) : (
          <RequestErrorState error={query.error} onRetry={query.refetch} />
        )}
      </section>
    );
  }

  const data = query.data;
  return (
    <article className="page mosvy-list-page" aria-labelledby="mosvy-list-title">
      {back}
      <header className="page__header">
        <h1 id="mosvy-list-title">{t('mosvy:list.title')}</h1>
        <span className="case-number">{data.detail.caseNumber}</span>
      </header>
      <p className="lead">{t('mosvy:list.intro')}</p>
      <ol className="mosvy-list">
        {MOSVY_FORMS.map((form) => {
          const filled = filledFrom(form, data);
          const number = formNumber(form);
          const titleId = `mosvy-form-${form}`;
          return (
            <li key={form} className="card mosvy-list__item" aria-labelledby={titleId}>
              <h2 id={titleId} className="mosvy-list__title">
                <span className="mosvy-list__number">{number}</span>
                <Link to={formPath(caseId, form)}>{t(`mosvy:forms.${form}.title`)}</Link>
              </h2>
              <p className="mosvy-list__description">{t(`mosvy:forms.${form}.description`)}</p>
              <p className={`mosvy-list__status mosvy-list__status--${filled ? 'filled' : 'blank'}`}>
                {filled ? t('mosvy:list.filled', { date: formatDate(filled, language) }) : t('mosvy:list.blank')}
              </p>
              <p className="mosvy-list__open">
                <span>{t('mosvy:list.openIn')}</span>{' '}
                <Link to={formPath(caseId, form, '?lang=km')}>
                  <span lang="km">ខ្មែរ</span>
                  <span className="visually-hidden"> {t('mosvy:list.formNumber', { number })}</span>
                </Link>
                <span aria-hidden="true"> · </span>
                <Link to={formPath(caseId, form, '?lang=en')}>
                  <span lang="en">English</span>
                  <span className="visually-hidden"> {t('mosvy:list.formNumber', { number })}</span>
                </Link>
              </p>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
