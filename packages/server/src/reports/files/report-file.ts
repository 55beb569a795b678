import type { ReportResult } from '@homeward/core';
import { renderCsv } from './report-csv';
import { renderPdf } from './report-pdf';
import { renderXlsx } from './report-xlsx';

export type ReportFileFormat = 'xlsx' | 'csv' | 'pdf';

export interface ReportFile {
  contentType: string;
  fileName: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ReportFileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** A report as a file to download, from the same answer the JSON API gives. */
export async function renderReportFile(result: ReportResult, format: ReportFileFormat): Promise<ReportFile> {
  const body = await render(result, format);
  return { contentType: CONTENT_TYPES[format], fileName: reportFileName(result, format), body };
}

function render(result: ReportResult, format: ReportFileFormat): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return renderXlsx(result);
    case 'csv':
      return Promise.resolve(renderCsv(result));
    case 'pdf':
      return renderPdf(result);
  }
}

/**
 * `shelter-quarterly_2026-01-01_2026-03-31_km.pdf`: ASCII only, so that it survives a Content-Disposition
 * header, e-mail and every file system; the dates and language tell two downloads apart.
 */
export function reportFileName(result: ReportResult, format: ReportFileFormat): string {
  const id = result.reportId.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'report';
  return `${id}_${result.from}_${result.to}_${result.language}.${format}`;
}
