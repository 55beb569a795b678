import { ageOn, type CaseSummary } from '@homeward/core';
import { localToday } from '../text/dates';

/** Age today in whole years; an estimated birth date gives an estimated age. */
export function ageToday(summary: Pick<CaseSummary, 'dateOfBirth'>, today: string = localToday()): number {
  return Math.max(0, ageOn(summary.dateOfBirth, today));
}
