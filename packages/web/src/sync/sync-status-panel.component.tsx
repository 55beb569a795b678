import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../offline/sync-status';
import { useMomentText } from './held-text';

interface SyncStatusPanelProps {
  status: SyncStatus;
  /** Conflicts and needs-attention as the server counts them, once its list is here; the device's until then. */
  held: { conflicts: number; attention: number } | null;
  onSyncNow: () => void;
}

const COUNTS = ['pending', 'failed', 'conflicts', 'attention'] as const;

/** The device's side of offline work: the connection, what waits, the last sync, and a long sync's progress. */
export function SyncStatusPanel({ status, held, onSyncNow }: SyncStatusPanelProps) {
  const { t } = useTranslation();
  const moment = useMomentText();
  const counts = { ...status, ...held };
  const syncing = status.connection === 'syncing';
  return (
    <section className="card sync-status" aria-labelledby="sync-status-title" data-testid="sync-status">
      <div className="sync-status__head">
        <h2 id="sync-status-title">{t('sync:status.title')}</h2>
        <span
          className={`sync-connection sync-connection--${status.connection}`}
          data-testid="sync-connection"
          data-connection={status.connection}
        >
          {t(`sync:status.connection.${status.connection}`)}
        </span>
      </div>
      <p className="muted" data-testid="sync-last">
        {status.lastSyncAt ? t('sync:status.lastSync', { time: moment(status.lastSyncAt) }) : t('sync:status.never')}
      </p>
      {status.connection === 'offline' ? <p className="warning">{t('sync:status.offline')}</p> : null}
      {status.progress ? (
        <div className="sync-progress" role="status">
          <progress
            value={status.progress.done}
            max={Math.max(status.progress.total, 1)}
            aria-label={t('sync:status.syncing')}
          />
          <span>{t('sync:status.progress', { done: status.progress.done, total: status.progress.total })}</span>
        </div>
      ) : null}
      <dl className="sync-counts">
        {COUNTS.map((count) => (
          <div key={count} className={`sync-count sync-count--${count}`} data-testid={`sync-count-${count}`}>
            <dt>{t(`sync:counts.${count}`)}</dt>
            <dd>
              <span className="sync-count__number" data-testid="sync-count-number">
                {counts[count]}
              </span>
              <span className="sync-count__hint">{t(`sync:counts.${count}Hint`)}</span>
            </dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        className="button button--primary"
        onClick={onSyncNow}
        disabled={syncing || status.connection === 'offline'}
        data-testid="sync-now"
      >
        {syncing ? t('sync:status.syncing') : t('sync:status.syncNow')}
      </button>
    </section>
  );
}
