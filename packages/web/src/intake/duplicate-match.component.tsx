import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '@homeward/core';
import { reasonText } from './match-reasons';

/** One side of the comparison: what each compared field reads, or null when it is not known. */
export interface MatchSide {
  nameKm: ReactNode;
  nameLatin: ReactNode;
  sex: ReactNode;
  birth: ReactNode;
  village: ReactNode;
}

/**
 * A possible duplicate: its level, score and link, why it matches, and the two children side by side.
 * `ns` is the translation prefix of the texts (e.g. `oversight:duplicates`); `titleExtra` follows the case number
 * in the title; `children` come after the comparison.
 */
export function DuplicateMatchCard({
  match,
  ns,
  titleId,
  testId,
  titleExtra,
  mineHeading,
  theirsHeading,
  mine,
  theirs,
  children,
}: {
  match: DuplicateMatch;
  ns: string;
  titleId: string;
  testId: string;
  titleExtra?: ReactNode;
  mineHeading: ReactNode;
  theirsHeading: ReactNode;
  mine: MatchSide;
  theirs: MatchSide;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const other = match.case;
  const reasons = match.reasons.map(reasonText).filter((reason) => reason !== null);
  return (
    <li className={`match match--${match.level}`} aria-labelledby={titleId} data-testid={testId}>
      <div className="match__head">
        <h3 id={titleId} className="match__title">
          <span className={`match__level match__level--${match.level}`}>{t(`${ns}.level.${match.level}`)}</span>{' '}
          <span className="match__number">{other.caseNumber}</span>
          {titleExtra ? <> {titleExtra}</> : null}
        </h3>
        <span className="match__score">{t(`${ns}.score`, { percent: Math.round(match.score * 100) })}</span>
        <a href={`/cases/${other.id}`} target="_blank" rel="noopener noreferrer" className="button button--small">
          {t(`${ns}.open`, { caseNumber: other.caseNumber })}
          <span className="visually-hidden"> {t(`${ns}.newTab`)}</span>
        </a>
      </div>
      {reasons.length > 0 ? (
        <ul className="reason-list" aria-label={t(`${ns}.reasonsLabel`)}>
          {reasons.map((reason) => (
            <li key={reason.key} className={`reason reason--${reason.tone}`}>
              <span aria-hidden="true">{reason.tone === 'agree' ? '✓ ' : '≠ '}</span>
              {t(reason.key, reason.params)}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="match-compare">
        <caption className="visually-hidden">{t(`${ns}.compareCaption`, { caseNumber: other.caseNumber })}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{mineHeading}</th>
            <th scope="col">{theirsHeading}</th>
          </tr>
        </thead>
        <tbody>
          <CompareRow label={t('cases:fields.nameKm')} mine={mine.nameKm} theirs={theirs.nameKm} lang="km" />
          <CompareRow label={t('cases:fields.nameLatin')} mine={mine.nameLatin} theirs={theirs.nameLatin} lang="en" />
          <CompareRow label={t('cases:fields.sex')} mine={mine.sex} theirs={theirs.sex} />
          <CompareRow label={t('cases:fields.dateOfBirth')} mine={mine.birth} theirs={theirs.birth} />
          <CompareRow label={t('cases:fields.village')} mine={mine.village} theirs={theirs.village} />
        </tbody>
      </table>
      {children}
    </li>
  );
}

function CompareRow({
  label,
  mine,
  theirs,
  lang,
}: {
  label: string;
  mine: ReactNode;
  theirs: ReactNode;
  lang?: string;
}) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('cases:none')}</span>;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td lang={mine ? lang : undefined}>{mine ?? none}</td>
      <td lang={theirs ? lang : undefined}>{theirs ?? none}</td>
    </tr>
  );
}
