import { useTranslation } from 'react-i18next';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { useSyncStatus } from './sync-status';

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Said above what is read from the device store while the server cannot be reached. */
export function OfflineNotice({ serverOnly = false }: { serverOnly?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { connection, lastSyncAt } = useSyncStatus();
  if (connection !== 'offline') return null;
  const when = lastSyncAt
    ? `${formatDate(lastSyncAt.slice(0, 10), language)} ${clock.format(new Date(lastSyncAt))}`
    : null;
  return (
    <div className="offline-notice" role="status" data-testid="offline-notice">
      <p>{when ? t('offline:notice.offlineCopy', { when }) : t('offline:notice.neverSynced')}</p>
      {serverOnly ? <p>{t('offline:notice.serverOnly')}</p> : null}
    </div>
  );
}
