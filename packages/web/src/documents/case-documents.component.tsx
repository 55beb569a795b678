import { useTranslation } from 'react-i18next';
import { can, eventWritable } from '@homeward/core';
import { useCase } from '../api/cases.resource';
import { isApiError } from '../api/http';
import { useUser } from '../auth/user-context';
import { PhoneFold } from '../layout/phone-fold.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { AttachmentList } from './attachment-list.component';
import { AttachmentUploadForm } from './attachment-upload-form.component';
import { useAttachments } from './documents.resource';
import '../styles/documents.css';

/**
 * The photos and documents of a case, and the form to add one for those who work on it. Roles that may not see
 * files (caregivers, M&E officers) get a one-line note instead; a 403 means the policy changed since sign-in.
 */
export function CaseDocuments({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const mayRead = can(user.access, 'attachment.read');
  const attachments = useAttachments(caseId, mayRead);
  // A participant adds files only when it was given the documents section (decision 0010).
  const reach = useCase(caseId).data?.reach;
  const mayAdd = can(user.access, 'case.write') && reach !== undefined && eventWritable(reach, 'document');

  if (!mayRead || isApiError(attachments.error, 403)) {
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
          {attachments.data.offline ? (
            <p className="muted" data-testid="documents-offline-note">
              {t('documents:files.offlineNote')}
            </p>
          ) : null}
          <AttachmentList caseId={caseId} items={attachments.data.items} waiting={attachments.data.waiting} />
          {mayAdd ? (
            <PhoneFold label={t('documents:upload.title')} testId="upload-form-fold">
              <AttachmentUploadForm caseId={caseId} />
            </PhoneFold>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
