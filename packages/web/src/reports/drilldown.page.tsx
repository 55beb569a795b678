import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type CaseSummary, type ReportTable } from '@homeward/core';
import { useDrilldown, useReport } from '../api/reports.resource';
import { useUser } from '../auth/user-context';
import { CaseTypeCodes } from '../cases/case-types.component';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { CaseRefNames } from '../oversight/case-ref.component';
import { useDocumentTitle } from '../text/use-document-title';

/** What the drilldown API reads; the rest of the address (planned numbers, anonymising) is the report's run. */
const DRILLDOWN_PARAMS = ['from', 'to', 'referenceDate', 'lang', 'ageBands', 'table', 'rowKey', 'columnKey'];
const CHOSEN_PARAMS = ['table', 'rowKey', 'columnKey'];

/** The cases counted in one number of a report, each leading to its case page. */
export function DrilldownPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { reportId = '' } = useParams();
  const [search] = useSearchParams();
  const allowed = can(user.access, 'report.read') && can(user.access, 'case.read');
  useDocumentTitle(t('reports:screen.drilldown.title'));

  const run = new URLSearchParams([...search].filter(([name]) => !CHOSEN_PARAMS.includes(name)));
  const api = new URLSearchParams([...search].filter(([name]) => DRILLDOWN_PARAMS.includes(name)));
  api.set('report', reportId);
  // The report is on screen already, so this answers from the cache: it names the table, row and column chosen.
  const report = useReport(reportId, run, allowed);
  const cases = useDrilldown(api);
  if (!allowed) return <Navigate to="/cases" replace />;

  const table = report.data?.tables.find((candidate) => candidate.id === search.get('table'));
  return (
    <section className="page drilldown">
      <p className="breadcrumb">
        <Link to={`/reports/${encodeURIComponent(reportId)}?${run.toString()}`}>
          {report.data?.title ?? t('reports:screen.drilldown.back')}
        </Link>
      </p>
      <h1>{t('reports:screen.drilldown.title')}</h1>
      {table ? <ChosenNumber table={table} rowKey={search.get('rowKey')} columnKey={search.get('columnKey')} /> : null}
      {cases.isPending ? <LoadingState /> : null}
      {cases.error ? <RequestErrorState error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      {cases.data ? <DrilldownCases items={cases.data.items} /> : null}
    </section>
  );
}

function ChosenNumber({
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

/** Names only where the server gave them: it withholds them from roles that may not see who a child is. */
function DrilldownCases({ items }: { items: readonly CaseSummary[] }) {
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
        <caption className="visually-hidden">{t('reports:screen.drilldown.title')}</caption>
        <thead>
          <tr>
            {Object.values(columns).map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
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
