import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIncomingCount } from './referrals.resource';

/** "Incoming referrals" in the navigation (the phone menu too), with the count waiting for an answer. */
export function IncomingNavLink() {
  const { t } = useTranslation();
  const { data } = useIncomingCount(true);
  const waiting = data?.waiting ?? 0;
  return (
    <NavLink to="/referrals" className="app-nav__link" data-testid="nav-referrals">
      {t('cases:referrals.incoming.nav')}
      {waiting > 0 ? (
        <>
          <span
            className={data && data.overdue > 0 ? 'nav-badge nav-badge--alert' : 'nav-badge'}
            aria-hidden="true"
            data-testid="nav-referrals-count"
          >
            {waiting}
          </span>
          <span className="visually-hidden">{t('cases:referrals.incoming.navCount', { count: waiting })}</span>
        </>
      ) : null}
    </NavLink>
  );
}
