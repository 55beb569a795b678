import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasUnsavedForms } from './unsaved-forms';

/**
 * Asks before leaving a screen with a form not yet saved: moving to another screen in the app, and closing or
 * reloading the tab (where the browser shows its own words). One for the whole app, as a router allows only
 * one blocker; the draft stays either way.
 */
export function LeaveGuard() {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => hasUnsavedForms() && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('forms:drafts.leave'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedForms()) return;
      event.preventDefault();
      // Older Chromium and Safari still ask for this to show the dialog.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return null;
}
