import type { ApprovalSubject } from '../codes/care-codes';
import { DomainError, invalid } from '../errors';
import { birthDateForAge } from '../text/dates';
import type { NewCase } from './case.schema';
import { hasApproval, projectCase, type CaseProjection, type ProjectedEvent } from './case-projection';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from './case-settings';

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

export interface FacilityLoad {
  capacity: number;
  /** Children placed there now, not counting this child. */
  occupancy: number;
}

export interface EventContext {
  today: string;
  settings?: CaseSettings;
  /** For a placement in a facility: its capacity and how full it is. */
  facility?: FacilityLoad;
}

export interface NewEvent {
  id?: string;
  type: string;
  occurredOn: string;
  supersedes?: string;
  payload: Record<string, unknown>;
}

function refuse(message: string, code: string, field = 'type'): never {
  throw new DomainError('invalid', message, [{ field, message, code }], code);
}

const STATE_CHANGES = new Set([
  'placement',
  'reintegration',
  'lost_contact',
  'contact_restored',
  'closure',
  'reopening',
]);

/** What a closed case still accepts: its history can be annotated and it can be reopened. */
const ALLOWED_WHEN_CLOSED = new Set(['note', 'reopening', 'consent']);

function requireApproval(projection: CaseProjection, subject: ApprovalSubject, settings: CaseSettings): void {
  if (!hasApproval(projection, subject, settings)) {
    refuse(
      `This step needs a supervisor's approval first: request it, and record the step once it is approved.`,
      'approval_required',
    );
  }
}

/**
 * Refuses an impossible sequence with a message a person understands, before anything is written: a visit
 * dated before intake, a follow-up on a closed case, a reintegration without its approval, a placement in a
 * full facility without an explicit reason.
 */
export function checkNewEvent(
  existing: readonly ProjectedEvent[],
  event: NewEvent,
  context: EventContext,
): CaseProjection {
  const settings = context.settings ?? DEFAULT_CASE_SETTINGS;
  checkEventDate(existing, event.occurredOn, context.today);
  if (event.supersedes !== undefined) {
    const original = existing.find((candidate) => candidate.id === event.supersedes);
    if (!original || original.type !== event.type) {
      refuse('A correction must name an earlier event of the same kind in this case.', 'bad_correction', 'supersedes');
    }
    if (existing.some((candidate) => candidate.supersedes === event.supersedes)) {
      refuse('This event was already corrected; correct the correction instead.', 'bad_correction', 'supersedes');
    }
  }
  // A correction stands in the place of what it corrects: the rules see the history without the original.
  const history = event.supersedes ? existing.filter((candidate) => candidate.id !== event.supersedes) : existing;
  // The state on the event's own date decides what may happen then.
  const before = projectCase(
    history.filter((candidate) => candidate.occurredOn <= event.occurredOn),
    settings,
  );
  const p = event.payload;
  const latest = history.reduce((date, candidate) => (candidate.occurredOn > date ? candidate.occurredOn : date), '');
  if (STATE_CHANGES.has(event.type) && event.occurredOn < latest) {
    // A back-dated change of state would pull the ground from under what was recorded after it.
    refuse(
      `This step must be dated on or after the latest entry in the case (${latest}).`,
      'before_latest',
      'occurredOn',
    );
  }
  if (before.status === 'closed' && !ALLOWED_WHEN_CLOSED.has(event.type)) {
    refuse('This case is closed. Reopen it before recording anything else.', 'case_closed');
  }
  switch (event.type) {
    case 'reopening':
      if (before.status !== 'closed') refuse('Only a closed case can be reopened.', 'not_closed');
      if (before.mergedInto) refuse('This case was merged into another: work on that one.', 'merged');
      break;
    case 'follow_up_visit':
      if (before.status !== 'follow_up') {
        refuse(
          before.status === 'lost_contact'
            ? 'Contact with this child is lost: record that contact was restored first.'
            : 'Follow-up visits start after the child is reintegrated.',
          'not_in_follow_up',
        );
      }
      break;
    case 'lost_contact':
      if (before.status !== 'follow_up' && before.status !== 'active')
        refuse('Contact is already lost.', 'already_lost');
      break;
    case 'contact_restored':
      if (before.status !== 'lost_contact') refuse('Contact was not lost.', 'not_lost');
      break;
    case 'reintegration':
      if (before.status !== 'active') refuse('This child is already reintegrated.', 'already_reintegrated');
      requireApproval(before, 'reintegration', settings);
      break;
    case 'closure':
      requireApproval(before, 'closure', settings);
      break;
    case 'placement':
      requireApproval(before, 'placement', settings);
      if (context.facility && context.facility.occupancy >= context.facility.capacity && !p.overCapacityReason) {
        refuse(
          `This facility is full (${context.facility.occupancy} of ${context.facility.capacity}). Give the reason for placing the child there anyway.`,
          'facility_full',
          'payload.overCapacityReason',
        );
      }
      break;
    case 'approval_request':
      if (
        before.approvals.some(
          (a) => a.subject === p.subject && (a.decision === 'pending' || (a.decision === 'approved' && !a.used)),
        )
      ) {
        refuse('An approval for this step is already requested or granted.', 'approval_pending');
      }
      if (p.subject === 'care_plan' && !before.carePlan)
        refuse('Record the care plan before asking to approve it.', 'no_care_plan');
      break;
    case 'approval_decision': {
      const request = before.approvals.find((a) => a.requestId === p.requestId);
      if (!request) refuse('There is no such approval request in this case.', 'no_request', 'payload.requestId');
      if (request.decision !== 'pending')
        refuse('This request has already been decided.', 'already_decided', 'payload.requestId');
      break;
    }
    default:
      break;
  }
  return projectCase([...existing, event], settings);
}

/** Photos of a child may be kept only while photo consent stands. */
export function checkPhotoConsent(projection: CaseProjection): void {
  if (!projection.consents.photos) {
    refuse('There is no photo consent for this child: record it before adding a photo.', 'no_photo_consent', 'file');
  }
}
