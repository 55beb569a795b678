import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { khmerName, latinName, type CaseNames, type CaseRef, type FieldTier } from '@homeward/core';
import { Withheld } from './withheld.component';

/** The case number as a link to the case, for the first cell of a row (its row header). */
export function CaseNumberLink({ item }: { item: Pick<CaseRef, 'caseId' | 'caseNumber'> }) {
  return (
    <Link to={`/cases/${item.caseId}`} className="case-ref__number">
      {item.caseNumber}
    </Link>
  );
}

/** What a list knows of a child: names in both scripts, the alias, and which tiers the reader's role hides. */
type ChildNames = CaseNames & { alias?: string | null; hidden?: readonly FieldTier[] | undefined };

/**
 * The child's names in both scripts, Khmer first, each in its own language for screen readers and fonts. Where
 * the reader's role hides who the child is, the alias stands in, marked as withheld, so an empty cell is never
 * read as "no name recorded".
 */
export function CaseRefNames({ item }: { item: ChildNames }) {
  const { t } = useTranslation();
  const km = khmerName(item);
  const latin = latinName(item);
  if (!km && !latin && item.hidden?.includes('identity')) {
    return (
      <span className="case-ref__names" data-testid="names-withheld">
        {item.alias ? <span>{item.alias}</span> : null}
        <Withheld />
      </span>
    );
  }
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
