import { toCsv, type CsvValue, type ReportResult } from '@homeward/core';
import { hasHiddenCounts, reportHeaderLines, reportText } from './report-text';
import { tableView, type ViewCell } from './report-table-view';

/** Excel reads a CSV as the PC's legacy code page unless it starts with a byte-order mark; Khmer needs UTF-8. */
const BYTE_ORDER_MARK = '\uFEFF';

/** Every table in one file, each under its title, with a blank record between them. */
export function renderCsv(result: ReportResult): Buffer {
  const records: CsvValue[][] = [[result.title], ...reportHeaderLines(result).map((line) => [line])];
  for (const table of result.tables) {
    const view = tableView(table, result.language);
    records.push([], [view.title], [reportText(result.language, 'measure', { measure: view.measure })]);
    records.push(view.columns.map((column) => column.heading));
    for (const row of view.rows) records.push(row.cells.map((cell) => csvValue(cell, result.language)));
    for (const note of view.notes) records.push([note]);
  }
  if (result.suppressionThreshold !== null && hasHiddenCounts(result)) {
    records.push([], [reportText(result.language, 'suppressed', { threshold: result.suppressionThreshold })]);
  }
  return Buffer.from(BYTE_ORDER_MARK + toCsv(records), 'utf8');
}

function csvValue(cell: ViewCell, language: ReportResult['language']): CsvValue {
  switch (cell.kind) {
    case 'label':
      return cell.text;
    case 'count':
    case 'target':
      return cell.value;
    case 'percent':
      return Math.round(cell.value * 1000) / 10;
    case 'hidden':
      return reportText(language, 'suppressedMarker');
    case 'blank':
      return null;
  }
}
