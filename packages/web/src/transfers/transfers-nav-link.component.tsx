import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIncomingTransferCount } from './transfers.resource';

/** "Transfers in" in the navigation, with the number of offers waiting for the organisation's answer. */
export function TransfersNavLink() {
  const { t } = useTranslation();
  const { data } = useIncomingTransferCount(true);
  const count = data?.count ?? 0;
  return (
    <NavLink to="/transfers/incoming" className="app-nav__link" data-testid="nav-transfers">
      {t('transfers:nav.incoming')}
      {count > 0 ? (
        <>
          <span className="nav-badge" aria-hidden="true" data-testid="nav-transfers-count">
            {count}
          </span>
          <span className="visually-hidden">{t('transfers:nav.incomingCount', { count })}</span>
        </>
      ) : null}
    </NavLink>
  );
}
