import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@homeward/core';
import { useDrilldown, useReport } from '../api/reports.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { ChosenNumber, DrilldownCases } from './drilldown-cases.component';

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
  const cases = useDrilldown(api, allowed);
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
