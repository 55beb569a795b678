import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatPlace, type CaseDetail } from '@homeward/core';
import { CaseRefNames } from '../cases/case-ref.component';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { TableHead } from '../layout/table-head.component';
import { useGazetteer } from '../locations/use-gazetteer';

/** The cases a group intake opened, each linking to its page. */
export function GroupIntakeResult({ cases, onAnother }: { cases: readonly CaseDetail[]; onAnother: () => void }) {
  useGazetteer();
  const { t } = useTranslation();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const referral = cases[0]?.referral;

  // The form was replaced: announce the outcome by moving focus to its heading.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    names: t('oversight:columns.names'),
    sex: t('cases:fields.sex'),
    dateOfBirth: t('cases:fields.dateOfBirth'),
    village: t('cases:fields.village'),
  };
  return (
    <section className="page" data-testid="group-result">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('oversight:groupIntake.done.title', { count: cases.length })}
      </h1>
      {referral ? (
        <p className="lead">
          {t('oversight:groupIntake.done.referral', {
            source: referral.sourceName ?? t(`codes:referralSource.${referral.source}`),
            date: formatDate(referral.referredOn, language),
          })}
        </p>
      ) : null}
      <table className="data-table" data-testid="group-result-table">
        <TableHead caption={t('oversight:groupIntake.done.caption')} labels={Object.values(columns)} />
        <tbody>
          {cases.map((item) => (
            <tr key={item.id} data-testid="group-result-row">
              <th scope="row" data-label={columns.caseNumber} className="data-table__primary">
                <Link to={`/cases/${item.id}`}>{item.caseNumber}</Link>
              </th>
              <td data-label={columns.names}>
                <CaseRefNames item={item} />
              </td>
              <td data-label={columns.sex}>{t(`codes:sex.${item.sex}`)}</td>
              <td data-label={columns.dateOfBirth}>
                <span>
                  <time dateTime={item.dateOfBirth ?? undefined}>{formatDate(item.dateOfBirth, language)}</time>
                  {item.dateOfBirthEstimated ? <span className="badge">{t('cases:estimated')}</span> : null}
                </span>
              </td>
              <td data-label={columns.village}>
                {item.villageCode ? (
                  formatPlace(item.villageCode, language)
                ) : (
                  <span className="muted">{t('cases:none')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onAnother}>
          {t('oversight:groupIntake.done.another')}
        </button>
        <Link to="/cases" className="button">
          {t('oversight:groupIntake.done.toList')}
        </Link>
      </div>
    </section>
  );
}
