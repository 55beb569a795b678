import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from './sync-status';

/** The header's small online / offline / syncing sign, with what waits; it opens the sync screen. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { connection, pending, failed, conflicts, attention } = useSyncStatus();
  const status = t(`offline:indicator.${connection}`);
  const waiting = pending + failed;
  const toDecide = conflicts + attention;
  return (
    <Link
      to="/sync"
      className={`sync-indicator sync-indicator--${connection}`}
      data-testid="sync-indicator"
      data-connection={connection}
      aria-label={[
        t('offline:indicator.label', { status }),
        waiting > 0 ? t('offline:indicator.waiting', { count: waiting }) : null,
        toDecide > 0 ? t('sync:indicator.toDecide', { count: toDecide }) : null,
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <span className="sync-indicator__dot" aria-hidden="true" />
      <span className="sync-indicator__status">{status}</span>
      {waiting > 0 ? (
        <span className="sync-indicator__waiting" data-testid="sync-waiting">
          {/* A phone's header has room for the number only; the link's name says the rest. */}
          <span className="sync-indicator__waiting-text">{t('offline:indicator.waiting', { count: waiting })}</span>
          <span className="sync-indicator__count" aria-hidden="true">
            {waiting}
          </span>
        </span>
      ) : null}
      {toDecide > 0 ? (
        <span className="sync-indicator__waiting sync-indicator__decide" data-testid="sync-to-decide">
          <span className="sync-indicator__decide-text">{t('sync:indicator.toDecide', { count: toDecide })}</span>
          <span className="sync-indicator__decide-count" aria-hidden="true">
            {toDecide}
          </span>
        </span>
      ) : null}
    </Link>
  );
}
