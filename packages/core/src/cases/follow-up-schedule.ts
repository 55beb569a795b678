import { z } from 'zod';

/**
 * A programme's follow-up rule: visits every `everyMonths` until `untilMonth` after reintegration, phase by
 * phase. The default is the Siem Reap plan: monthly for 6 months, quarterly to month 24, six-monthly to 36.
 */
export const followUpRuleSchema = z
  .array(z.object({ everyMonths: z.number().int().min(1).max(24), untilMonth: z.number().int().min(1).max(120) }))
  .min(1)
  .superRefine((phases, ctx) => {
    phases.forEach((phase, index) => {
      const previous = phases[index - 1]?.untilMonth ?? 0;
      if (phase.untilMonth <= previous) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'untilMonth'],
          message: 'Each phase must end after the one before.',
        });
      }
    });
  });
export type FollowUpRule = z.infer<typeof followUpRuleSchema>;

export const DEFAULT_FOLLOW_UP_RULE: FollowUpRule = [
  { everyMonths: 1, untilMonth: 6 },
  { everyMonths: 3, untilMonth: 24 },
  { everyMonths: 6, untilMonth: 36 },
];

/** Adds calendar months, keeping the day where it exists and the month's last day where it does not (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The due dates of follow-up visits after a reintegration on `from`. */
export function followUpSchedule(from: string, rule: FollowUpRule = DEFAULT_FOLLOW_UP_RULE): string[] {
  const dates: string[] = [];
  let month = 0;
  for (const phase of rule) {
    while (month + phase.everyMonths <= phase.untilMonth) {
      month += phase.everyMonths;
      dates.push(addMonths(from, month));
    }
    // A phase that does not divide evenly still ends with a visit at its last month.
    if (month < phase.untilMonth) {
      month = phase.untilMonth;
      dates.push(addMonths(from, month));
    }
  }
  return dates;
}

export interface FollowUpStatus {
  due: string[];
  /** Due dates met by a visit. */
  done: string[];
  /** The first due date not met, if any. */
  next: string | null;
  overdue: string[];
}

/**
 * Which visits are done: each due date is met by the first unused visit made no earlier than two weeks
 * before it (a visit a little early counts; one made for the previous due date does not count twice). The
 * first due date has no previous one, so any visit since the reintegration meets it: the visit a worker
 * makes in the first days home is the first follow-up, not a visit that counts for nothing.
 */
export function followUpStatus(due: readonly string[], visits: readonly string[], today: string): FollowUpStatus {
  const remaining = [...visits].sort();
  const done: string[] = [];
  const open: string[] = [];
  for (const [position, date] of due.entries()) {
    const earliest = position === 0 ? '' : addDays(date, -14);
    const index = remaining.findIndex((visit) => visit >= earliest);
    if (index >= 0) {
      done.push(date);
      remaining.splice(0, index + 1);
    } else {
      open.push(date);
    }
  }
  return { due: [...due], done, next: open[0] ?? null, overdue: open.filter((date) => date < today) };
}
