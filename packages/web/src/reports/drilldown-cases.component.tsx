import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, ReportTable } from '@homeward/core';
import { CaseTypeCodes } from '../cases/case-types.component';
import { CaseRefNames } from '../cases/case-ref.component';
import { TableHead } from '../layout/table-head.component';

/** Which number was chosen: the table, and the row and column headings (or "all" for a total). */
export function ChosenNumber({
  table,
  rowKey,
  columnKey,
}: {
  table: ReportTable;
  rowKey: string | null;
  columnKey: string | null;
}) {
  const { t } = useTranslation();
  const all = t('reports:screen.drilldown.all');
  const row = rowKey === null ? all : (table.rows.find((heading) => heading.key === rowKey)?.label ?? rowKey);
  const column =
    columnKey === null ? all : (table.columns.find((heading) => heading.key === columnKey)?.label ?? columnKey);
  return (
    <dl className="drilldown__chosen" data-testid="drilldown-chosen">
      <dt>{t('reports:screen.drilldown.table')}</dt>
      <dd>{table.title}</dd>
      {table.rowDimensionLabel ? (
        <>
          <dt>{table.rowDimensionLabel}</dt>
          <dd>{row}</dd>
        </>
      ) : null}
      {table.columnDimensionLabel ? (
        <>
          <dt>{table.columnDimensionLabel}</dt>
          <dd>{column}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The cases behind the number. Names only where the server gave them: it withholds them from roles that may not see who a child is. */
export function DrilldownCases({ items }: { items: readonly CaseSummary[] }) {
  const { t } = useTranslation();
  if (items.length === 0)
    return <p className="empty-state empty-state--small">{t('reports:screen.drilldown.empty')}</p>;
  const columns = {
    caseNumber: t('cases:fields.caseNumber'),
    alias: t('reports:screen.drilldown.alias'),
    names: t('oversight:columns.names'),
    sex: t('cases:fields.sex'),
    caseTypes: t('cases:fields.caseTypes'),
    status: t('cases:fields.status'),
  };
  return (
    <>
      <p data-testid="drilldown-count">{t('reports:screen.drilldown.count', { count: items.length })}</p>
      <table className="data-table" data-testid="drilldown-table">
        <TableHead caption={t('reports:screen.drilldown.title')} labels={Object.values(columns)} />
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="drilldown-row">
              <th scope="row" data-label={columns.caseNumber} className="data-table__primary">
                <Link to={`/cases/${item.id}`} className="case-ref__number">
                  {item.caseNumber}
                </Link>
              </th>
              <td data-label={columns.alias}>{item.alias ?? <span className="muted">{t('cases:none')}</span>}</td>
              <td data-label={columns.names}>
                <CaseRefNames item={item} />
              </td>
              <td data-label={columns.sex}>{t(`codes:sex.${item.sex}`)}</td>
              <td data-label={columns.caseTypes}>
                <CaseTypeCodes types={item.caseTypes} />
              </td>
              <td data-label={columns.status}>
                <span className={`status status--${item.status}`}>{t(`codes:caseStatus.${item.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
