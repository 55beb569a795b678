import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.component';
import { MAIN_ID, SkipLink } from './skip-link.component';
import { useRouteFocus } from './use-route-focus';

/** The frame of the screens before sign-in (setup, login): the product's name and the language switch. */
export function PublicShell() {
  const { t } = useTranslation();
  useRouteFocus();
  return (
    <div className="shell shell--public">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-header__brand">
            <img src="/icon.svg" alt="" width="32" height="32" />
            {t('appName')}
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id={MAIN_ID} className="main main--narrow">
        <Outlet />
      </main>
    </div>
  );
}
