import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formsPath } from './mosvy-forms';
import './mosvy.css';

/** The way from a case to its six MoSVY forms, for the case page's header. */
export function CaseFormsLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <p className="case-forms-link">
      <Link to={formsPath(caseId)} className="button button--small" data-testid="case-forms-link">
        {t('mosvy:link')}
      </Link>
    </p>
  );
}
