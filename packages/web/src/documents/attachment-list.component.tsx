import { useTranslation } from 'react-i18next';
import type { Attachment } from '@homeward/core';
import { formatDate, localToday } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { attachmentUrl } from './documents.resource';
import { formatFileSize } from './file-size';

/** Newest first, as people look for what was just added. */
function newestFirst(a: Attachment, b: Attachment): number {
  return b.uploadedAt.localeCompare(a.uploadedAt);
}

/** "Uploaded … by …", or "Added … by …" for a file still on this device. */
function useUploadedText(waiting: readonly string[]): (attachment: Attachment) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (attachment) => {
    // The day where the user is, not in UTC: an upload at 6 in the morning in Phnom Penh is still "today".
    const date = formatDate(localToday(new Date(attachment.uploadedAt)), language);
    if (waiting.includes(attachment.id)) return t('documents:files.addedBy', { date, name: attachment.uploadedBy });
    return attachment.uploadedBy
      ? t('documents:files.uploadedBy', { date, name: attachment.uploadedBy })
      : t('documents:files.uploaded', { date });
  };
}

interface AttachmentListProps {
  caseId: string;
  items: readonly Attachment[];
  /** Files added on this device the server has not taken yet: named, marked, not opened (it has no copy). */
  waiting?: readonly string[] | undefined;
}

/** Photos as thumbnails and documents as links, each opening the full file in a new tab. */
export function AttachmentList({ caseId, items, waiting = [] }: AttachmentListProps) {
  const { t } = useTranslation();
  const waitingBadge = (id: string) =>
    waiting.includes(id) ? (
      <span className="badge badge--waiting" data-testid="attachment-waiting">
        {t('offline:waiting')}
      </span>
    ) : null;
  const uploadedText = useUploadedText(waiting);
  const photos = items.filter((item) => item.kind === 'photo').sort(newestFirst);
  const documents = items.filter((item) => item.kind === 'document').sort(newestFirst);

  if (items.length === 0) {
    return (
      <p className="empty-state empty-state--small" data-testid="attachments-empty">
        {t('documents:files.empty')}
      </p>
    );
  }

  return (
    <>
      {photos.length > 0 ? (
        <section aria-labelledby="attachments-photos-title" data-testid="attachments-photos">
          <h3 id="attachments-photos-title">{t('documents:files.photos', { count: photos.length })}</h3>
          <ul className="photo-grid">
            {photos.map((photo) => (
              <li key={photo.id} className="photo-grid__item" data-waiting={waiting.includes(photo.id) || undefined}>
                <figure className="photo">
                  {waiting.includes(photo.id) ? null : (
                    <a
                      className="photo__link"
                      href={attachmentUrl(caseId, photo.id)}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      <img
                        className="photo__image"
                        src={attachmentUrl(caseId, photo.id)}
                        alt={photo.title}
                        loading="lazy"
                        decoding="async"
                        width={320}
                        height={240}
                      />
                      <span className="visually-hidden"> {t('documents:files.newTab')}</span>
                    </a>
                  )}
                  <figcaption className="photo__caption">
                    <span className="photo__title">{photo.title}</span>
                    {waitingBadge(photo.id)}
                    <span className="attachment-meta">{uploadedText(photo)}</span>
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {documents.length > 0 ? (
        <section aria-labelledby="attachments-documents-title" data-testid="attachments-documents">
          <h3 id="attachments-documents-title">{t('documents:files.documents', { count: documents.length })}</h3>
          <ul className="document-list">
            {documents.map((file) => (
              <li key={file.id} className="document-list__item" data-waiting={waiting.includes(file.id) || undefined}>
                <span className="file-badge" aria-hidden="true">
                  {file.mediaType === 'application/pdf' ? 'PDF' : 'IMG'}
                </span>
                <div className="document-list__text">
                  {waiting.includes(file.id) ? (
                    <span className="document-list__title">
                      {file.title} {waitingBadge(file.id)}
                    </span>
                  ) : (
                    <a href={attachmentUrl(caseId, file.id)} target="_blank" rel="noopener noreferrer">
                      {file.title}
                      <span className="visually-hidden"> {t('documents:files.newTab')}</span>
                    </a>
                  )}
                  <span className="attachment-meta">
                    <span className="attachment-meta__file">{file.fileName}</span>
                    {' · '}
                    {formatFileSize(file.size)}
                    {' · '}
                    {uploadedText(file)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
