import { z } from 'zod';
import { isoDate } from '../text/dates';
import { onceValid } from '../validation/cross-field';
import { INDICATOR_IDS, INDICATORS } from './indicator-catalogue';

/** A plan is followed month by month: at most three years, as the provincial alternative-care plans run. */
export const MAX_TARGET_MONTHS = 36;

export const TARGET_STATUSES = ['not_started', 'on_track', 'behind', 'achieved', 'missed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

function monthsSpanned(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** `POST /targets`, `PUT /targets/{id}`: what to reach, by when, from when. */
export const targetInputSchema = z
  .object({
    indicator: z.enum(INDICATOR_IDS, { message: 'Choose an indicator.' }),
    /** One case type for a planned number per case type; absent for all of them together. */
    breakdownKey: z.string().trim().min(1).max(40).nullable().default(null),
    periodFrom: isoDate,
    periodTo: isoDate,
    /** The day the cohort is counted (children in residential care then), for indicators that need one. */
    baselineOn: isoDate.nullable().default(null),
    value: z
      .number({ message: 'Enter the number to reach.' })
      .positive({ message: 'A target is more than zero.' })
      .max(100000),
    note: z.string().trim().max(300).default(''),
  })
  .superRefine(
    (input, ctx) => {
      const indicator = INDICATORS[input.indicator];
      const start = input.baselineOn ?? input.periodFrom;
      if (input.periodFrom > input.periodTo)
        ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'The period ends before it starts.' });
      else if (monthsSpanned(start, input.periodTo) > MAX_TARGET_MONTHS)
        ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'A target spans at most three years.' });
      if (indicator.needsBaseline && !input.baselineOn)
        ctx.addIssue({ code: 'custom', path: ['baselineOn'], message: 'Give the baseline date.' });
      if (!indicator.needsBaseline && input.baselineOn)
        ctx.addIssue({ code: 'custom', path: ['baselineOn'], message: 'This indicator has no baseline.' });
      if (input.baselineOn && input.baselineOn > input.periodFrom)
        ctx.addIssue({ code: 'custom', path: ['baselineOn'], message: 'The baseline is on or before the start.' });
      if (indicator.unit === 'percent' && input.value > 100)
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percentage is at most 100.' });
      if (indicator.unit === 'count' && !Number.isInteger(input.value))
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'Count whole children.' });
      const breakdown = indicator.breakdown;
      if (input.breakdownKey !== null && !breakdown?.values.includes(input.breakdownKey))
        ctx.addIssue({ code: 'custom', path: ['breakdownKey'], message: 'Choose one of the listed values.' });
    },
    onceValid('indicator', 'breakdownKey', 'periodFrom', 'periodTo', 'baselineOn', 'value'),
  );
export type TargetInput = z.input<typeof targetInputSchema>;
export type TargetValues = z.output<typeof targetInputSchema>;

export const targetSchema = z.object({
  id: z.uuid(),
  indicator: z.enum(INDICATOR_IDS),
  breakdownKey: z.string().nullable(),
  periodFrom: isoDate,
  periodTo: isoDate,
  baselineOn: isoDate.nullable(),
  value: z.number(),
  note: z.string(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof targetSchema>;
export const targetListSchema = z.object({ items: z.array(targetSchema) });

export const progressPointSchema = z.object({
  on: isoDate,
  /** In the indicator's unit: a count, or a percentage of the cohort; null where anonymising hid it. */
  actual: z.number().nullable(),
  /** Where the straight line from nothing to the target stands on that day. */
  expected: z.number(),
});
export type ProgressPoint = z.infer<typeof progressPointSchema>;

export const targetProgressSchema = z.object({
  target: targetSchema,
  asOf: isoDate,
  /** The last day counted: the day asked, but never after the period's end. */
  countedTo: isoDate,
  /** Null where anonymising hid it, as the counts below and the series' points. */
  actual: z.number().nullable(),
  /** Children achieved, and for a percentage the cohort it is out of. */
  achievedCount: z.number().int().nullable(),
  cohortCount: z.number().int().nullable(),
  /** Children to reach: the target itself, or its percentage of the cohort, rounded up. */
  targetCount: z.number().int().nullable(),
  percentAchieved: z.number().nullable(),
  expectedByNow: z.number(),
  status: z.enum(TARGET_STATUSES),
  /** Counts below this are hidden (a department's view of its province), or null. */
  suppressionThreshold: z.number().int().nullable(),
  /** Month by month from the start, the last point on the day counted. */
  series: z.array(progressPointSchema),
});
export type TargetProgress = z.infer<typeof targetProgressSchema>;
export const targetProgressListSchema = z.object({ asOf: isoDate, items: z.array(targetProgressSchema) });

export const targetProgressQuerySchema = z.object({ asOf: isoDate.optional() });
