import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useHeldOperations } from './sync.resource';

/** On the case page: changes to this case that a sync kept for a person to decide on, with the way there. */
export function CaseSyncBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const held = useHeldOperations(caseId);
  const count = held.data?.items.filter((item) => item.status === 'open').length ?? 0;
  if (count === 0) return null;
  return (
    <p className="sync-banner" role="status" data-testid="case-sync-banner">
      <span>{t('sync:banner.count', { count })}</span> <Link to="/sync">{t('sync:banner.open')}</Link>
    </p>
  );
}
