import { useTranslation } from 'react-i18next';
import type { DemoData } from '../api/setup.resource';

/** What the server uses for every demo user, if it does not say; demo data is made up, for trying out only. */
const DEFAULT_DEMO_PASSWORD = 'homeward-demo';

interface DemoUsersHintProps {
  demo: DemoData;
  onUse: (email: string, password: string) => void;
}

export function DemoUsersHint({ demo, onUse }: DemoUsersHintProps) {
  const { t } = useTranslation();
  const password = demo.password ?? DEFAULT_DEMO_PASSWORD;
  return (
    <section className="card card--note" aria-labelledby="demo-users-title" data-testid="demo-users">
      <h2 id="demo-users-title">{t('login.demo.title')}</h2>
      <p>
        {t('login.demo.password')} <code>{password}</code>
      </p>
      <ul className="demo-users">
        {demo.users.map((user) => (
          <li key={user.email} className="demo-users__item">
            <span className="demo-users__who">
              <code>{user.email}</code>
              <span className="demo-users__roles">
                {[user.organisation, user.roles.map((role) => t(`codes:role.${role}`)).join(', ')]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => onUse(user.email, password)}
              aria-label={t('login.demo.useLabel', { email: user.email })}
            >
              {t('login.demo.use')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
