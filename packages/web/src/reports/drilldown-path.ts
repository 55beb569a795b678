import type { DrillKeys } from './report-table.component';

/** The screen listing the cases behind one number: the report's run parameters, the table and the keys. */
export function drilldownPath(reportId: string, run: URLSearchParams, tableId: string, keys: DrillKeys): string {
  const search = new URLSearchParams(run);
  search.set('table', tableId);
  if (keys.rowKey !== undefined) search.set('rowKey', keys.rowKey);
  if (keys.columnKey !== undefined) search.set('columnKey', keys.columnKey);
  return `/reports/${encodeURIComponent(reportId)}/cases?${search.toString()}`;
}
