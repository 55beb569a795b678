import { useTranslation } from 'react-i18next';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useSyncStatus } from '../offline/sync-status';
import { useDocumentTitle } from '../text/use-document-title';
import { HeldItem } from './held-item.component';
import { useHeldOperations } from './sync.resource';
import { SyncStatusPanel } from './sync-status-panel.component';

/** /sync: this device's offline work, and the changes the server kept for a person to decide on. */
export function SyncPage() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const heldQuery = useHeldOperations();
  useDocumentTitle(t('sync:title'));
  const all = heldQuery.data?.items ?? [];
  const items = all.filter((item) => item.status === 'open');
  const decided = all.filter((item) => item.status !== 'open');
  const held = heldQuery.data
    ? {
        conflicts: items.filter((item) => item.kind === 'conflict').length,
        attention: items.filter((item) => item.kind === 'attention').length,
      }
    : null;

  const syncNow = () => {
    void status.syncNow().finally(() => void heldQuery.refetch());
  };

  return (
    <section className="page sync-page" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync:title')}</h1>
      <p className="lead">{t('sync:intro')}</p>
      <SyncStatusPanel status={status} held={held} onSyncNow={syncNow} />
      <section className="sync-held" aria-labelledby="held-title">
        <h2 id="held-title">{t('sync:held.title')}</h2>
        <p className="muted">{t('sync:held.intro')}</p>
        {heldQuery.isPending ? <LoadingState /> : null}
        {heldQuery.error && status.connection === 'offline' ? (
          <p className="empty-state" data-testid="held-offline">
            {t('sync:held.offline')}
          </p>
        ) : null}
        {heldQuery.error && status.connection !== 'offline' ? (
          <RequestErrorState error={heldQuery.error} onRetry={() => void heldQuery.refetch()} />
        ) : null}
        {heldQuery.data && items.length === 0 ? (
          <p className="empty-state" data-testid="held-none">
            {t('sync:held.none')}
          </p>
        ) : null}
        <ul className="plain-list held-list" data-testid="held-list">
          {items.map((item) => (
            <HeldItem key={item.id} held={item} />
          ))}
        </ul>
        {decided.length > 0 ? (
          <>
            <h3 className="sync-held__recent">{t('sync:held.recentTitle')}</h3>
            <ul className="plain-list held-list" data-testid="held-decided">
              {decided.map((item) => (
                <HeldItem key={item.id} held={item} />
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </section>
  );
}
