import { useTranslation } from 'react-i18next';
import type { FormDraft } from './use-form-draft';

/** Says that the form holds a draft from earlier, and lets the person start again without it. */
export function DraftNotice({ draft }: { draft: FormDraft }) {
  const { t } = useTranslation();
  if (!draft.restored) return null;
  return (
    <div className="draft-notice" role="status" data-testid="draft-notice">
      <span>{t('forms:drafts.restored')}</span>
      <button type="button" className="button button--quiet" onClick={draft.discard}>
        {t('forms:drafts.discard')}
      </button>
    </div>
  );
}
