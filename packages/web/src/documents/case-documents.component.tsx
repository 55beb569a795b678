import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { AttachmentList } from './attachment-list.component';
import { AttachmentUploadForm } from './attachment-upload-form.component';
import { useAttachments } from './documents.resource';
import '../styles/documents.css';

/**
 * The photos and documents of a case, and the form to add one. Roles that may not see files (caregivers,
 * M&E officers) get a one-line note instead: the server refuses them the list, and so the form too.
 */
export function CaseDocuments({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const attachments = useAttachments(caseId);

  if (isApiError(attachments.error, 403)) {
    return (
      <p className="documents-hidden muted" data-testid="documents-hidden">
        {t('documents:files.hidden')}
      </p>
    );
  }

  return (
    <section className="card documents" aria-labelledby="documents-title" data-testid="case-documents">
      <h2 id="documents-title">{t('documents:files.title')}</h2>
      {attachments.isPending ? <LoadingState /> : null}
      {attachments.error ? (
        <RequestErrorState error={attachments.error} onRetry={() => void attachments.refetch()} />
      ) : null}
      {attachments.data ? (
        <>
          <AttachmentList caseId={caseId} items={attachments.data.items} />
          <AttachmentUploadForm caseId={caseId} />
        </>
      ) : null}
    </section>
  );
}
