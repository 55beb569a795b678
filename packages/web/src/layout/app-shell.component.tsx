import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useLogout } from '../api/auth.resource';
import { useUser } from '../auth/user-context';
import { TasksNavLink } from '../oversight/tasks-nav-link.component';
import { LanguageSwitch } from './language-switch.component';
import { MAIN_ID, SkipLink } from './skip-link.component';
import { useRouteFocus } from './use-route-focus';

export function AppShell() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const onCaseList = pathname === '/cases' || (pathname.startsWith('/cases/') && pathname !== '/cases/new');
  const hasTasks = can(user.roles, 'case.write') || can(user.roles, 'case.approve');
  useRouteFocus();

  const signOut = () => {
    // Leave the screen whatever the server says: the local session is forgotten either way.
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  };

  return (
    <div className="shell">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/cases" className="app-header__brand">
            <img src="/icon.svg" alt="" width="32" height="32" />
            {t('appName')}
          </Link>
          <nav className="app-nav" aria-label={t('nav.label')}>
            {/* "Cases" stays current on a case's own page, but not on "New case", which has its own link. */}
            <Link to="/cases" className="app-nav__link" aria-current={onCaseList ? 'page' : undefined}>
              {t('nav.cases')}
            </Link>
            {can(user.roles, 'case.create') ? (
              <NavLink to="/cases/new" className="app-nav__link">
                {t('nav.newCase')}
              </NavLink>
            ) : null}
            {can(user.roles, 'case.write') ? (
              <NavLink to="/sessions/new" className="app-nav__link">
                {t('oversight:nav.groupSession')}
              </NavLink>
            ) : null}
            {hasTasks ? <TasksNavLink /> : null}
            {can(user.roles, 'case.approve') ? (
              <NavLink to="/supervision" className="app-nav__link">
                {t('oversight:nav.supervision')}
              </NavLink>
            ) : null}
            {can(user.roles, 'case.read') ? (
              <NavLink to="/facilities" className="app-nav__link">
                {t('oversight:nav.facilities')}
              </NavLink>
            ) : null}
            {can(user.roles, 'user.manage') ? (
              <NavLink to="/settings" className="app-nav__link">
                {t('oversight:nav.settings')}
              </NavLink>
            ) : null}
          </nav>
          <div className="app-header__end">
            <LanguageSwitch />
            <div className="app-header__user" data-testid="current-user">
              <span className="app-header__user-name">{user.displayName}</span>
              <span className="app-header__org">{user.organisationName}</span>
            </div>
            <button type="button" className="button button--quiet" onClick={signOut} disabled={logout.isPending}>
              {t('signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id={MAIN_ID} className="main">
        <Outlet />
      </main>
    </div>
  );
}
