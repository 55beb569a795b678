import { useEffect } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { notificationKeys, useUnreadNotifications } from './notifications.resource';
import './notifications.css';

/** Looked at again on each move between screens, but not more than this often. */
const ON_NAVIGATION_MS = 15_000;

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" className="bell">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/** "Waiting for me" with a bell and the unread count, in the navigation (and so in the phone's menu). */
export function NotificationsNavLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const { data: unread = 0 } = useUnreadNotifications();
  useEffect(() => {
    const state = queryClient.getQueryState(notificationKeys.count);
    if (state && Date.now() - state.dataUpdatedAt > ON_NAVIGATION_MS) {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.count });
    }
  }, [pathname, queryClient]);
  return (
    <NavLink to="/waiting" className="app-nav__link notification-link" data-testid="nav-waiting">
      <BellIcon />
      {t('notifications:nav.waiting')}
      {unread > 0 ? (
        <>
          <span className="nav-badge" aria-hidden="true" data-testid="nav-waiting-count">
            {unread}
          </span>
          <span className="visually-hidden">{t('notifications:nav.unread', { count: unread })}</span>
        </>
      ) : null}
    </NavLink>
  );
}

/** A dot on the phone's folded menu button, so something waiting shows before the menu is opened. */
export function MenuUnreadDot() {
  const { t } = useTranslation();
  const { data: unread = 0 } = useUnreadNotifications();
  if (unread === 0) return null;
  return (
    <>
      <span className="menu-dot" aria-hidden="true" data-testid="menu-unread" />
      <span className="visually-hidden">{t('notifications:nav.menuUnread')}</span>
    </>
  );
}
