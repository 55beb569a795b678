import { translations, type ReportResult } from '@homeward/core';

type ReportFileKey = keyof typeof translations.en.reportfiles;

/** A string of the `reportfiles` namespace in the report's language, with its `{{placeholders}}` filled. */
export function reportText(
  language: ReportResult['language'],
  key: ReportFileKey,
  values: Record<string, string | number> = {},
): string {
  return translations[language].reportfiles[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  );
}

/**
 * The lines under a report's title: period, reference date, whose cases, when it was made, and what the reader
 * must know about the whole report (a period not ended yet).
 */
export function reportHeaderLines(result: ReportResult): string[] {
  const text = (key: ReportFileKey, values: Record<string, string>) => reportText(result.language, key, values);
  return [
    text('period', { from: result.from, to: result.to }),
    text('referenceDate', { date: result.referenceDate }),
    text('scope', { scope: result.scopeLabel }),
    text('generated', { date: phnomPenhTime(result.generatedAt) }),
    ...result.notices,
  ];
}

/** `2026-04-02 15:00`, in Cambodia's time: the reader's clock, not the server's. */
function phnomPenhTime(isoDateTime: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Phnom_Penh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(isoDateTime));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Whether any count of the report was hidden, so that the files say why. */
export function hasHiddenCounts(result: ReportResult): boolean {
  return result.tables.some(
    (table) =>
      table.grandTotal === null ||
      table.rowTotals.includes(null) ||
      table.columnTotals.includes(null) ||
      table.cells.some((row) => row.includes(null)),
  );
}
