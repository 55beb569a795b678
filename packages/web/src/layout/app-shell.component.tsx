import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useLogout } from '../api/sign-out';
import { useUser } from '../auth/user-context';
import { TasksNavLink } from '../tasks/tasks-nav-link.component';
import { MenuUnreadDot } from '../notifications/notifications-nav-link.component';
import { AdminNavGroup, PartnersNavGroup } from './nav-groups.component';
import { LanguageSwitch } from './language-switch.component';
import { MAIN_ID, SkipLink } from './skip-link.component';
import { useRouteFocus } from './use-route-focus';
import { LeaveGuard } from '../forms/leave-guard.component';
import { removeDrafts } from '../forms/draft-store';
import { SyncIndicator } from '../offline/sync-indicator.component';

const DeviceLock = lazy(() =>
  import('../offline/device-lock.component').then((lock) => ({ default: lock.DeviceLock })),
);

export function AppShell() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const onCaseList = pathname === '/cases' || (pathname.startsWith('/cases/') && pathname !== '/cases/new');
  const hasTasks = can(user.access, 'case.write') || can(user.access, 'case.approve');
  useRouteFocus();
  // Another user's drafts never stay in a tab that someone else has signed in to.
  useEffect(() => removeDrafts(user.id), [user.id]);
  // On a phone the menu folds behind one button; it folds again once a link is followed.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);

  const signOut = () => {
    // The device store goes first (what it queued is sent when it can be); then leave the screen whatever the
    // server says: the local session is forgotten either way.
    const leave = () => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
    void import('../offline/device-session').then((session) => {
      if (session.confirmSignOut(t)) void session.signOutDevice().finally(leave);
    }, leave);
  };

  return (
    <div className="shell">
      <SkipLink />
      <LeaveGuard />
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-header__identity">
            <Link to="/cases" className="app-header__brand">
              <img src="/icon.svg" alt="" width="32" height="32" />
              {t('appName')}
            </Link>
            <SyncIndicator />
          </div>
          <button
            type="button"
            className="app-header__menu"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            data-testid="menu-button"
            onClick={() => setMenuOpen((open) => !open)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setMenuOpen(false);
            }}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M3 6h18v2H3V6Zm0 5h18v2H3v-2Zm0 5h18v2H3v-2Z" />
            </svg>
            {t('nav.menu')}
            {user.twoFactor.mustEnrol ? null : <MenuUnreadDot />}
          </button>
          <div id="app-menu" className={menuOpen ? 'app-menu app-menu--open' : 'app-menu'}>
            {user.twoFactor.mustEnrol ? null : (
              <nav className="app-nav" aria-label={t('nav.label')}>
                {/* "Cases" stays current on a case's own page, but not on "New case", which has its own link. */}
                <Link to="/cases" className="app-nav__link" aria-current={onCaseList ? 'page' : undefined}>
                  {t('nav.cases')}
                </Link>
                {can(user.access, 'case.create') ? (
                  <NavLink to="/cases/new" className="app-nav__link">
                    {t('nav.newCase')}
                  </NavLink>
                ) : null}
                {can(user.access, 'case.write') ? (
                  <NavLink to="/sessions/new" className="app-nav__link">
                    {t('oversight:nav.groupSession')}
                  </NavLink>
                ) : null}
                {hasTasks ? <TasksNavLink /> : null}
                {can(user.access, 'case.approve') ? (
                  <NavLink to="/supervision" className="app-nav__link">
                    {t('oversight:nav.supervision')}
                  </NavLink>
                ) : null}
                {can(user.access, 'case.read') ? (
                  <NavLink to="/facilities" className="app-nav__link">
                    {t('oversight:nav.facilities')}
                  </NavLink>
                ) : null}
                {can(user.access, 'report.read') ? (
                  <NavLink to="/dashboard" className="app-nav__link">
                    {t('targets:nav.dashboard')}
                  </NavLink>
                ) : null}
                {can(user.access, 'report.read') ? (
                  <NavLink to="/reports" className="app-nav__link">
                    {t('reports:screen.nav')}
                  </NavLink>
                ) : null}
                <PartnersNavGroup access={user.access} />
                <AdminNavGroup access={user.access} />
              </nav>
            )}
            <div className="app-header__end">
              <LanguageSwitch />
              <Link to="/account" className="app-header__user" data-testid="current-user">
                <span className="app-header__user-name">{user.displayName}</span>
                <span className="app-header__org">{user.organisationName}</span>
              </Link>
              <button type="button" className="button button--quiet" onClick={signOut} disabled={logout.isPending}>
                {t('signOut')}
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id={MAIN_ID} className="main">
        <Suspense fallback={null}>
          <DeviceLock />
        </Suspense>
        <Outlet />
      </main>
    </div>
  );
}
