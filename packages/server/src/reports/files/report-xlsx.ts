import ExcelJS from 'exceljs';
import { neutraliseFormula, type ReportResult } from '@homeward/core';
import { reportHeaderLines, reportText } from './report-text';
import { tableView, type TableView, type ViewCell, type ViewColumn } from './report-table-view';

/**
 * Khmer OS Siemreap is the body font of Cambodian government documents and ships with the Khmer OS set most
 * offices install; Excel falls back to a Khmer font it has (Khmer UI on Windows) when it is missing.
 */
const KHMER_FONT = 'Khmer OS Siemreap';
const SHEET_NAME_LENGTH = 31;

/** One sheet per table. Every value is a number or neutralised text: no formula ever comes from data. */
export async function renderXlsx(result: ReportResult): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Homeward';
  workbook.created = new Date(result.generatedAt);
  const names = new Set<string>();
  for (const table of result.tables) {
    const view = tableView(table, result.language);
    const name = uniqueSheetName(view.title || table.id, names);
    addSheet(workbook.addWorksheet(name, { pageSetup: { orientation: 'landscape', paperSize: 9 } }), view, result);
  }
  if (result.tables.length === 0) workbook.addWorksheet(result.title.slice(0, SHEET_NAME_LENGTH) || 'Report');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(sheet: ExcelJS.Worksheet, view: TableView, result: ReportResult): void {
  const language = result.language;
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
    ...(language === 'km' ? { name: KHMER_FONT } : {}),
    size: 11,
    ...extra,
  });
  const text = (value: string) => neutraliseFormula(value);

  sheet.addRow([text(result.title)]).font = font({ bold: true, size: 14 });
  sheet.addRow([text(view.title)]).font = font({ bold: true, size: 12 });
  for (const line of [...reportHeaderLines(result), reportText(language, 'measure', { measure: view.measure })]) {
    sheet.addRow([text(line)]).font = font({ size: 10 });
  }
  sheet.addRow([]);

  const heading = sheet.addRow(view.columns.map((column) => text(column.heading)));
  heading.font = font({ bold: true });
  heading.alignment = { wrapText: true, vertical: 'middle' };
  heading.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: heading.number, xSplit: 1 }];

  const suppressedNote = reportText(language, 'suppressed', { threshold: result.suppressionThreshold ?? '' });
  for (const viewRow of view.rows) {
    const row = sheet.addRow(viewRow.cells.map((cell) => cellValue(cell, language)));
    row.font = font({ bold: viewRow.role === 'total', italic: viewRow.role === 'target' });
    if (viewRow.role === 'total') row.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    viewRow.cells.forEach((cell, i) => {
      const target = row.getCell(i + 1);
      if (cell.kind === 'percent') target.numFmt = '0.0%';
      if (cell.kind === 'count') target.numFmt = '#,##0';
      if (cell.kind === 'hidden') {
        target.alignment = { horizontal: 'right' };
        target.note = suppressedNote;
      }
    });
  }

  const notes = [...view.notes];
  if (result.suppressionThreshold !== null && view.rows.some((r) => r.cells.some((c) => c.kind === 'hidden'))) {
    notes.push(suppressedNote);
  }
  if (notes.length > 0) sheet.addRow([]);
  for (const note of notes) sheet.addRow([text(note)]).font = font({ size: 10, italic: true });

  view.columns.forEach((column, i) => (sheet.getColumn(i + 1).width = columnWidth(column, view, i)));
}

function cellValue(cell: ViewCell, language: ReportResult['language']): string | number | null {
  switch (cell.kind) {
    case 'label':
      return neutraliseFormula(cell.text);
    case 'count':
    case 'percent':
    case 'target':
      return cell.value;
    case 'hidden':
      return reportText(language, 'suppressedMarker');
    case 'blank':
      return null;
  }
}

function columnWidth(column: ViewColumn, view: TableView, index: number): number {
  if (column.kind === 'percent') return 12;
  const lengths = view.rows.map((row) => {
    const cell = row.cells[index];
    return cell?.kind === 'label' ? cell.text.length : 6;
  });
  const widest = Math.max(column.heading.length, ...lengths);
  return column.kind === 'label' ? Math.min(Math.max(widest + 2, 16), 60) : Math.min(Math.max(widest + 2, 9), 24);
}

/** Excel allows 31 characters, none of `[]:*?/\`, and no two sheets whose names differ only in case. */
function uniqueSheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Table';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    // A cut must not leave a Khmer COENG dangling, which would stack nothing under the last letter.
    const cut = base.slice(0, SHEET_NAME_LENGTH - suffix.length).replace(/\u17D2+$/, '');
    const name = cut.trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
