import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { khmerName, latinName, type CaseSummary } from '@homeward/core';
import { formatDate, localToday } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { ageToday } from './case-format';
import { CaseTypeCodes } from './case-types.component';
import { TableHead } from '../layout/table-head.component';
import { CaseRefNames } from './case-ref.component';
import { Withheld } from './withheld.component';

/**
 * One table for every screen size: on a phone the stylesheet lays each row out as a card and shows each
 * cell's `data-label`, so there is a single copy of the results in the page for assistive technology.
 */
export function CaseTable({ cases }: { cases: readonly CaseSummary[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const today = localToday();
  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    nameKm: t('cases:fields.nameKm'),
    nameLatin: t('cases:fields.nameLatin'),
    sex: t('cases:fields.sex'),
    age: t('cases:fields.age'),
    caseTypes: t('cases:fields.caseTypes'),
    status: t('cases:fields.status'),
    openedOn: t('cases:fields.openedOn'),
  };
  return (
    <table className="case-table" data-testid="case-table">
      <TableHead caption={t('cases:list.caption')} labels={Object.values(columns)} />
      <tbody>
        {cases.map((item) => {
          const km = khmerName(item);
          const latin = latinName(item);
          const age = ageToday(item, today);
          const withheld = item.hidden?.includes('identity') ?? false;
          return (
            <tr key={item.id} data-testid="case-row">
              <th scope="row" data-label={columns.caseNumber} className="case-table__number">
                <Link to={`/cases/${item.id}`}>{item.caseNumber}</Link>
              </th>
              <td data-label={columns.nameKm} lang="km" className="case-table__name-km">
                {km ?? (withheld ? <CaseRefNames item={item} /> : <span className="muted">{t('cases:none')}</span>)}
              </td>
              <td data-label={columns.nameLatin} lang="en">
                {latin ?? (withheld ? <Withheld /> : <span className="muted">{t('cases:none')}</span>)}
              </td>
              <td data-label={columns.sex}>{t(`codes:sex.${item.sex}`)}</td>
              <td data-label={columns.age}>
                {age === null ? (
                  <Withheld />
                ) : item.dateOfBirthEstimated ? (
                  t('cases:ageEstimated', { count: age })
                ) : (
                  age
                )}
              </td>
              <td data-label={columns.caseTypes}>
                <CaseTypeCodes types={item.caseTypes} />
              </td>
              <td data-label={columns.status}>
                <span className={`status status--${item.status}`}>{t(`codes:caseStatus.${item.status}`)}</span>
              </td>
              <td data-label={columns.openedOn}>
                <time dateTime={item.openedOn}>{formatDate(item.openedOn, language)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
