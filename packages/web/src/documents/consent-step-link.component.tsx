import type { MouseEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * The way to record photo consent. On the case page it moves focus to the Consent step in "Record a step"
 * (or to that panel's heading while another step's form is open); elsewhere it opens the case page.
 */
export function ConsentStepLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const target =
      document.querySelector<HTMLElement>('[data-testid="step-consent"]') ?? document.getElementById('steps-title');
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus();
  };
  return (
    <Link to={`/cases/${encodeURIComponent(caseId)}#steps-title`} onClick={onClick} data-testid="consent-step-link">
      {t('documents:upload.goToConsent')}
    </Link>
  );
}
