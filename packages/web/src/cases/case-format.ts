import { ageOn, type CaseSummary } from '@homeward/core';
import { localToday } from '../text/dates';

/** Age today in whole years; an estimated birth date gives an estimated age. */
/** Null when the birth date is withheld from the user's role. */
export function ageToday(summary: Pick<CaseSummary, 'dateOfBirth'>, today: string = localToday()): number | null {
  return summary.dateOfBirth === null ? null : Math.max(0, ageOn(summary.dateOfBirth, today));
}
