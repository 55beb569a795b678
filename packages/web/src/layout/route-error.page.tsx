import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequestErrorState } from './states.component';

/** Shown instead of a blank page when a screen fails to render; says what to do in the user's language. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main" className="main main--narrow">
      <h1>{t('routeError.title')}</h1>
      <RequestErrorState error={error} />
      <p>
        <a href="/cases">{t('routeError.reload')}</a>
      </p>
    </main>
  );
}
