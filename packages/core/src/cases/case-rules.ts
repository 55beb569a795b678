import { DomainError, invalid } from '../errors';
import { birthDateForAge } from '../text/dates';
import type { NewCase } from './case.schema';
import type { ProjectedEvent } from './case-projection';

/** Rules that need today's date, which a zod schema cannot know: nothing about a case happens in the future. */
export function checkNewCase(input: NewCase, today: string): void {
  if (input.referral.referredOn > today) {
    throw invalid('referral.referredOn', 'The referral date is in the future.', 'date_in_future');
  }
  if (input.dateOfBirth !== undefined && input.dateOfBirth > today) {
    throw invalid('dateOfBirth', 'The date of birth is in the future.', 'date_in_future');
  }
  if (input.dateOfBirth !== undefined && input.dateOfBirth > input.referral.referredOn) {
    throw invalid('dateOfBirth', 'The date of birth is after the referral date.', 'birth_after_referral');
  }
}

/** The recorded birth date: the one given, or one estimated from the age at referral. */
export function birthDateOf(input: NewCase): { dateOfBirth: string; estimated: boolean } {
  if (input.dateOfBirth !== undefined) return { dateOfBirth: input.dateOfBirth, estimated: input.dateOfBirthEstimated };
  if (input.estimatedAge === undefined) {
    throw invalid('dateOfBirth', 'Enter a date of birth or an estimated age.');
  }
  return { dateOfBirth: birthDateForAge(input.estimatedAge, input.referral.referredOn), estimated: true };
}

/** An event must fall within the life of its case: not before intake, not in the future. */
export function checkEventDate(existing: readonly ProjectedEvent[], occurredOn: string, today: string): void {
  const intake = existing.find((event) => event.type === 'intake');
  if (!intake) throw new DomainError('conflict', 'This case has no intake.');
  if (occurredOn < intake.occurredOn) {
    throw invalid('occurredOn', `This date is before the intake (${intake.occurredOn}).`, 'before_intake');
  }
  if (occurredOn > today) throw invalid('occurredOn', 'This date is in the future.', 'date_in_future');
}
