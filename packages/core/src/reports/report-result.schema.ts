import { z } from 'zod';
import { isoDate } from '../text/dates';

/**
 * What a report answers, in the language it was asked in: the JSON of `GET /api/v1/reports/{id}`, and the one
 * input of every export (XLSX, CSV, PDF, print view). Totals come from the engine, never from summing cells:
 * a child counted in two columns is one child in the row total.
 */

/** A row or column heading: a stable key (a code, a month `2026-01`, an age band `11-17`) and its label. */
export const reportHeadingSchema = z.object({ key: z.string(), label: z.string() });
export type ReportHeading = z.infer<typeof reportHeadingSchema>;

/** A count, or null where small-cell suppression hid it. */
export const reportCountSchema = z.number().int().nonnegative().nullable();

/**
 * A column counted apart from the table and set beside it, by the same rows: the seed report's "clients in the
 * shelter" before the children referred by age, and "reintegrated clients" after the total.
 */
export const reportBesideColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  position: z.enum(['before', 'after']),
  /** One count per row of the table. */
  counts: z.array(reportCountSchema),
  total: reportCountSchema,
});
export type ReportBesideColumn = z.infer<typeof reportBesideColumnSchema>;

export const reportTableSchema = z.object({
  /** Stable within the report, e.g. `referrals-by-month`. */
  id: z.string(),
  title: z.string(),
  /** What is counted, e.g. "Children" or "Follow-up visits". */
  measureLabel: z.string(),
  rowDimension: z.string().nullable(),
  columnDimension: z.string().nullable(),
  /** Labels of the two dimensions, for the corner cell. */
  rowDimensionLabel: z.string().nullable(),
  columnDimensionLabel: z.string().nullable(),
  rows: z.array(reportHeadingSchema),
  columns: z.array(reportHeadingSchema),
  /** `cells[r][c]`, one array per row, one count per column. */
  cells: z.array(z.array(reportCountSchema)),
  rowTotals: z.array(reportCountSchema),
  columnTotals: z.array(reportCountSchema),
  grandTotal: reportCountSchema,
  /**
   * The rows add up to more than the total: one child (or event) is in several rows, as a child of two case types
   * is, and the total counts each once. The total row is labelled so, and a note says why.
   */
  rowsOverlap: z.boolean(),
  /** The same for the columns and the total column. */
  columnsOverlap: z.boolean(),
  besides: z.array(reportBesideColumnSchema),
  /** Which share to show beside each count; computed when shown, never stored. */
  percentOf: z.enum(['row', 'column', 'total']).nullable(),
  /** Planned numbers, per row (column key null), per column (row key null) or per cell. */
  targets: z.array(
    z.object({ rowKey: z.string().nullable(), columnKey: z.string().nullable(), value: z.number().nonnegative() }),
  ),
  notes: z.array(z.string()),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

export const reportResultSchema = z.object({
  reportId: z.string(),
  title: z.string(),
  language: z.enum(['en', 'km']),
  from: isoDate,
  to: isoDate,
  /** Ages are computed at this date (the end of the period unless the request says otherwise). */
  referenceDate: isoDate,
  /** Whose cases are counted: an organisation's name, or a province's for government users. */
  scopeLabel: z.string(),
  generatedAt: z.iso.datetime(),
  /** Counts below the threshold are hidden, with complementary suppression; null when not anonymised. */
  suppressionThreshold: z.number().int().positive().nullable(),
  /** A case counted here was corrected after the period ended: the figures use the corrected values. */
  correctedLater: z.boolean().optional(),
  /** What a reader must know about the whole report, e.g. that its period has not ended yet. */
  notices: z.array(z.string()),
  tables: z.array(reportTableSchema),
});
export type ReportResult = z.infer<typeof reportResultSchema>;

export const REPORT_FORMATS = ['json', 'xlsx', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
