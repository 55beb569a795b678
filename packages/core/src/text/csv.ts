/**
 * CSV as RFC 4180 describes it, safe to open in a spreadsheet program. Report labels come from people (an
 * organisation's name, a facility's, a free-text topic), so a label such as `=HYPERLINK(...)` must arrive as
 * text, never as a formula: Excel, LibreOffice and Google Sheets all run a cell that starts with one of these.
 */
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

export type CsvValue = string | number | null;

/**
 * Prefixes text that a spreadsheet would take for a formula with an apostrophe, which every spreadsheet program
 * reads as "this is text". The one helper for CSV and XLSX alike.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text;
}

/** One field: numbers as they are (a count of -1 is still a number), text neutralised and quoted when needed. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Records separated by CRLF, as RFC 4180 asks, with a CRLF after the last one. */
export function toCsv(records: readonly (readonly CsvValue[])[]): string {
  return records.map((record) => record.map(csvField).join(',') + '\r\n').join('');
}
