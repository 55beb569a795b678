import { z } from 'zod';
import { LANGUAGES } from '../locales/languages';
import { isoDate } from '../text/dates';
import { REPORT_FORMATS } from './report-result.schema';

/**
 * A report is data, not code: what is counted (a source of facts and a measure), how it is split (row and
 * column dimensions) and which facts are kept (filters). The server compiles it to one SQL query per table.
 */

/** Where the facts of a table come from. Each is a set of rows, each belonging to one case. */
export const REPORT_SOURCES = [
  /** Each case's intake, dated on the day of referral. */
  'referral',
  /** A child in facility care, once per month of the period they spent (part of) there. */
  'residence',
  'service',
  'education',
  'vocational_training',
  'group_session',
  'family_assessment',
  'family_visit',
  'reintegration',
  'follow_up',
  /** Each case in follow-up (reintegrated, not closed before the period), with where its visits stand. */
  'follow_up_case',
  /** Each case open at the end of the period. */
  'open_case',
  /** Children in facility care on the first day of the period, and whether they have been reintegrated since. */
  'care_cohort',
  /** Referrals for a service the organisation sent (issue 10), dated on the day sent; withdrawn ones do not count. */
  'partner_referral',
] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/**
 * Children and cases are distinct cases (a case holds one child); events count each fact once however many
 * columns it falls in; sessions are distinct group activities; participants are attendances (child × session).
 */
export const REPORT_MEASURES = ['children', 'cases', 'events', 'sessions', 'participants'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

export const REPORT_DIMENSIONS = [
  'case_type',
  /** The report's seven case types, and "other case types" for the rest, so that every child has a row. */
  'case_type_group',
  'sex',
  'age_band',
  'month',
  'quarter',
  'province',
  'organisation',
  'facility',
  'care_type',
  'service_kind',
  'service_provider',
  'partner',
  'grade',
  'skill',
  'topic',
  'referral_source',
  'referral_body',
  'destination',
  'visit_kind',
  'living_conditions',
  'school_or_work',
  'worker',
  'status',
  'compliance',
  'progress',
  'days_to_assessment',
  'days_to_care_plan',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** Whole years, inclusive: `{ from: 11, to: 17 }` is "11-17". */
export const ageBandSchema = z
  .object({ from: z.number().int().min(0).max(120), to: z.number().int().min(0).max(120) })
  .refine((band) => band.from <= band.to, { message: 'An age band ends after it starts.' });
export type AgeBand = z.infer<typeof ageBandSchema>;
export const DEFAULT_AGE_BANDS: AgeBand[] = [
  { from: 0, to: 10 },
  { from: 11, to: 17 },
  { from: 18, to: 25 },
];

export const AGE_DATES = ['reference_date', 'fact_date'] as const;

const dimensionList = z.array(z.enum(REPORT_DIMENSIONS)).max(2, { message: 'At most two dimensions on one side.' });
const filterValues = z.array(z.string().trim().min(1).max(200)).min(1).max(100);

export const reportTableDefinitionSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, { message: 'Use lower-case letters, digits and dashes.' })
    .default('table'),
  /** A key of the `reports` translation namespace, or the title itself for a saved ad-hoc report. */
  title: z.string().trim().min(1).max(200),
  source: z.enum(REPORT_SOURCES),
  measure: z.enum(REPORT_MEASURES),
  rows: dimensionList.default([]),
  columns: dimensionList.default([]),
  /** Only facts whose dimension takes one of these values; a filtered row or column shows only these values. */
  filters: z.partialRecord(z.enum(REPORT_DIMENSIONS), filterValues).default({}),
  percentOf: z.enum(['row', 'column', 'total']).nullable().default(null),
  /**
   * The date an age band is counted at: the report's reference date (the end of the period unless asked
   * otherwise), or each fact's own date (a referral's: how old the child was when referred, as donors count).
   */
  ageAt: z.enum(AGE_DATES).default('reference_date'),
});
export type ReportTableDefinition = z.output<typeof reportTableDefinitionSchema>;
export type ReportTableDefinitionInput = z.input<typeof reportTableDefinitionSchema>;

const refineDates = (value: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (value.from > value.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The period ends before it starts.' });
};

/** What every run of a report is asked: the period, the language, and optionally the ages' date and bands. */
export const reportPeriodShape = {
  from: isoDate,
  to: isoDate,
  /** Ages are computed at this date; the end of the period when absent. */
  referenceDate: isoDate.optional(),
  lang: z.enum(LANGUAGES).default('en'),
};

/** `GET /reports/{id}`: the period, and the planned numbers the built-in reports compare against. */
export const reportRunQuerySchema = z
  .object({
    ...reportPeriodShape,
    /** e.g. `0-10,11-17,18-25`. */
    ageBands: z
      .string()
      .regex(/^\d{1,3}-\d{1,3}(,\d{1,3}-\d{1,3}){0,9}$/, { message: 'Write age bands as 0-10,11-17,18-25.' })
      .optional(),
    /** Referrals planned per case type for the period (the quarterly report's "planned" column). */
    planned: z.coerce.number().int().min(0).max(100000).optional(),
    /** The share of children in care at the baseline to reintegrate, in percent (alternative-care progress). */
    targetPercent: z.coerce.number().min(0).max(100).optional(),
    /** Only one organisation's cases, within what the user may see. */
    organisation: z.uuid().optional(),
    /**
     * Anonymised output: counts below this are hidden, with complementary suppression. Always applied, at 5 unless
     * asked otherwise, to a department's province-wide figures.
     */
    suppressBelow: z.coerce.number().int().min(2).max(50).optional(),
    format: z.enum(REPORT_FORMATS).default('json'),
  })
  .superRefine(refineDates);
export type ReportRunQuery = z.output<typeof reportRunQuerySchema>;

const reportQueryShape = {
  ...reportPeriodShape,
  ageBands: z.array(ageBandSchema).min(1).max(10).optional(),
  table: reportTableDefinitionSchema,
};

/** `POST /reports/query`: an ad-hoc table, as the pivot builder composes it. */
export const reportQuerySchema = z.object(reportQueryShape).superRefine(refineDates);
export type ReportQuery = z.output<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

/** The heading keys of one number: a cell, or a row's, a column's or the grand total when a key is absent. */
const drillKeysShape = {
  rowKey: z.string().max(200).optional(),
  columnKey: z.string().max(200).optional(),
};

/** `GET /reports/drilldown`: the cases behind one number of a built-in or saved report. */
export const reportDrilldownQuerySchema = z
  .object({
    ...reportPeriodShape,
    /** A built-in report and one of its tables, or a saved report. */
    report: z.string().min(1).max(80),
    table: z.string().min(1).max(60),
    ...drillKeysShape,
    ageBands: reportRunQuerySchema.shape.ageBands,
  })
  .superRefine(refineDates);
export type ReportDrilldownQuery = z.output<typeof reportDrilldownQuerySchema>;

/** `POST /reports/query/drilldown`: the cases behind one number of an ad-hoc table, not saved yet. */
export const reportQueryDrilldownSchema = z.object({ ...reportQueryShape, ...drillKeysShape }).superRefine(refineDates);
export type ReportQueryDrilldown = z.output<typeof reportQueryDrilldownSchema>;
export type ReportQueryDrilldownInput = z.input<typeof reportQueryDrilldownSchema>;

export const savedReportInputSchema = z.object({
  name: z.string().trim().min(1, { message: 'Name the report.' }).max(160),
  tables: z
    .array(reportTableDefinitionSchema)
    .min(1)
    .max(20)
    .refine((tables) => new Set(tables.map((table) => table.id)).size === tables.length, {
      message: 'Give each table its own id.',
    }),
  ageBands: z.array(ageBandSchema).min(1).max(10).optional(),
});
export type SavedReportInput = z.input<typeof savedReportInputSchema>;

export const savedReportSchema = savedReportInputSchema.extend({
  id: z.uuid(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SavedReport = z.output<typeof savedReportSchema>;

export const reportListSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), builtIn: z.boolean() })),
});
