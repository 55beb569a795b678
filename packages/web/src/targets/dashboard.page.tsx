import { useState } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type Target } from '@homeward/core';
import { useDeleteTarget, useTargetProgress } from '../api/targets.resource';
import { useUser } from '../auth/user-context';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { formatDate } from '../text/dates';
import { useDocumentTitle } from '../text/use-document-title';
import { useLanguage } from '../text/use-language';
import { TargetCard } from './target-card.component';
import { TargetForm } from './target-form.component';

/** `/dashboard`: a card per target with its progress; users with `target.manage` add, change and delete them. */
export function DashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const canManage = can(user.access, 'target.manage');
  const allowed = can(user.access, 'report.read');
  const { data, error, isPending, refetch } = useTargetProgress(allowed);
  const remove = useDeleteTarget();
  /** The target being edited, `new` while one is being added. */
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  // A flag, not the sentence: the line follows the language if the user switches after saving.
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<Message | null>(null);
  useDocumentTitle(t('targets:dashboard.title'));

  if (!allowed) return <Navigate to="/cases" replace />;

  const done = (saved: boolean) => {
    setEditing(null);
    setSaved(saved);
  };
  const onDelete = (target: Target) => {
    if (!window.confirm(t('targets:card.confirmDelete'))) return;
    setFailure(null);
    remove.mutate(target.id, { onError: (problem) => setFailure(requestErrorMessage(problem)) });
  };
  const items = data?.items ?? [];
  const good = items.filter((item) => item.status === 'on_track' || item.status === 'achieved').length;
  const bad = items.filter((item) => item.status === 'behind' || item.status === 'missed').length;

  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('targets:dashboard.title')}</h1>
        {canManage && editing === null ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="target-add"
            onClick={() => setEditing('new')}
          >
            {t('targets:dashboard.add')}
          </button>
        ) : null}
      </div>
      <p className="lead">{t('targets:dashboard.intro')}</p>
      <p role="status" className="form__status" data-testid="target-status-line">
        {saved ? t('targets:form.saved') : ''}
      </p>
      <FormAlert message={failure} />
      {editing !== null ? (
        <TargetForm
          key={editing === 'new' ? 'new' : editing.id}
          target={editing === 'new' ? undefined : editing}
          onDone={done}
        />
      ) : null}
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && items.length === 0 ? (
        <div className="empty-state" data-testid="targets-empty">
          <p>{t('targets:dashboard.empty')}</p>
          {canManage ? <p>{t('targets:dashboard.emptyManage')}</p> : null}
        </div>
      ) : null}
      {data && items.length > 0 ? (
        <>
          <p className="results__count" data-testid="targets-summary">
            {t('targets:dashboard.summary', { count: items.length, onTrack: good, behind: bad })}{' '}
            {t('targets:dashboard.countedTo', { date: formatDate(data.asOf, language) })}
          </p>
          <ul className="target-grid" aria-label={t('targets:dashboard.listLabel')}>
            {items.map((progress) => (
              <li key={progress.target.id}>
                <TargetCard
                  progress={progress}
                  onEdit={canManage ? () => setEditing(progress.target) : undefined}
                  onDelete={canManage ? () => onDelete(progress.target) : undefined}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
