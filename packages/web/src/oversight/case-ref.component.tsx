import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { khmerName, latinName, type CaseRef } from '@homeward/core';

/** The case number as a link to the case, for the first cell of a row (its row header). */
export function CaseNumberLink({ item }: { item: Pick<CaseRef, 'caseId' | 'caseNumber'> }) {
  return (
    <Link to={`/cases/${item.caseId}`} className="case-ref__number">
      {item.caseNumber}
    </Link>
  );
}

/** The child's names in both scripts, Khmer first, each in its own language for screen readers and fonts. */
export function CaseRefNames({ item }: { item: Omit<CaseRef, 'caseId' | 'caseNumber'> }) {
  const { t } = useTranslation();
  const km = khmerName(item);
  const latin = latinName(item);
  if (!km && !latin) return <span className="muted">{t('cases:none')}</span>;
  return (
    <span className="case-ref__names">
      {km ? (
        <span lang="km" className="case-ref__km">
          {km}
        </span>
      ) : null}
      {latin ? <span lang="en">{latin}</span> : null}
    </span>
  );
}
