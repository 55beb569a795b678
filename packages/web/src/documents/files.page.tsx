import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCase } from '../api/cases.resource';
import { GiveTask } from '../tasks/give-task.component';
import { useDocumentTitle } from '../text/use-document-title';
import { CaseDocuments } from './case-documents.component';
import '../styles/documents.css';

/** /cases/:caseId/files: a case's photos and documents, and giving a task about it, on a page of their own. */
export function CaseFilesPage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const caseQuery = useCase(caseId);
  const caseNumber = caseQuery.data?.caseNumber;
  useDocumentTitle(caseNumber ? `${t('documents:page.title')} · ${caseNumber}` : t('documents:page.title'));

  return (
    <article className="page files-page" aria-labelledby="files-page-title">
      <p className="breadcrumb">
        <Link to={`/cases/${encodeURIComponent(caseId)}`}>{t('documents:page.back')}</Link>
      </p>
      <header className="page__header">
        <h1 id="files-page-title" tabIndex={-1}>
          {t('documents:page.title')}
        </h1>
        {caseNumber ? <span className="case-number">{caseNumber}</span> : null}
      </header>
      <div className="files-page__layout">
        <CaseDocuments caseId={caseId} />
        <GiveTask caseId={caseId} />
      </div>
    </article>
  );
}
