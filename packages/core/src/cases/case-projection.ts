import type { CaseType, ChildType, RiskLevel } from '../codes/case-codes';
import type { ApprovalSubject, CareType, ConsentScope, ReintegrationDestination } from '../codes/care-codes';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from './case-settings';
import { followUpSchedule, followUpStatus } from './follow-up-schedule';

export const CASE_STATUSES = ['active', 'follow_up', 'lost_contact', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface ProjectedEvent {
  id?: string;
  type: string;
  occurredOn: string;
  payload?: unknown;
  supersedes?: string | null;
}

export interface CurrentPlacement {
  careType: CareType;
  facilityId: string | null;
  since: string;
}

/** Where a reintegrated child lives: with whom and in which village, as the reintegration recorded it. */
export interface LivingWith {
  destination: ReintegrationDestination;
  carerName: string | null;
  villageCode: string | null;
  since: string;
}

export interface ApprovalState {
  requestId: string;
  subject: ApprovalSubject;
  eventId: string | null;
  requestedOn: string;
  decision: 'pending' | 'approved' | 'rejected';
  /** An approved request is spent by the step it allowed. */
  used: boolean;
}

/** The referral as the intake recorded it, or as corrected since. */
export interface ProjectedReferral {
  source: string;
  sourceName?: string;
  referredOn: string;
  reason?: string;
}

export interface CaseProjection {
  status: CaseStatus;
  openedOn: string;
  caseTypes: CaseType[];
  childType: ChildType | null;
  referral: ProjectedReferral;
  lastEventOn: string;
  riskLevel: RiskLevel | null;
  placement: CurrentPlacement | null;
  /** Set by a reintegration, when the child leaves care for a family or a life of their own. */
  livingWith: LivingWith | null;
  reintegratedOn: string | null;
  closedOn: string | null;
  consents: Record<ConsentScope, boolean>;
  hasAssessment: boolean;
  carePlan: { eventId: string | null; reviewOn: string; approved: boolean } | null;
  approvals: ApprovalState[];
  followUpDue: string[];
  followUpVisits: string[];
  nextFollowUpOn: string | null;
  /** The case this one was merged into, as a duplicate of the same child. */
  mergedInto: string | null;
}

/** Events in the order they happened; the recording order breaks ties so a projection is deterministic. */
export function inCaseOrder<T extends ProjectedEvent>(events: readonly T[]): T[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.occurredOn.localeCompare(b.event.occurredOn) || a.index - b.index)
    .map(({ event }) => event);
}

/** The events that still count: a corrected event gives way to its correction, though both stay in the history. */
export function effectiveEvents<T extends ProjectedEvent>(events: readonly T[]): T[] {
  const superseded = new Set(events.map((event) => event.supersedes).filter(Boolean));
  return events.filter((event) => !event.id || !superseded.has(event.id));
}

type Payload = Record<string, unknown>;
const payloadOf = (event: ProjectedEvent): Payload => (event.payload ?? {}) as Payload;

/**
 * The case's current state, derived from its events and never edited by hand: status, placement, risk,
 * consents, approvals and the follow-up schedule with the next visit due.
 */
export function projectCase(
  events: readonly ProjectedEvent[],
  settings: CaseSettings = DEFAULT_CASE_SETTINGS,
): CaseProjection {
  const ordered = effectiveEvents(inCaseOrder(events));
  const intake = ordered.find((event) => event.type === 'intake');
  if (!intake) throw new Error('A case has no intake event.');
  const state: CaseProjection = {
    status: 'active',
    openedOn: intake.occurredOn,
    caseTypes: [],
    childType: null,
    referral: { source: 'other', referredOn: intake.occurredOn },
    lastEventOn: intake.occurredOn,
    riskLevel: null,
    placement: null,
    livingWith: null,
    reintegratedOn: null,
    closedOn: null,
    consents: { services: false, sharing: false, photos: false, statistics: false },
    hasAssessment: false,
    carePlan: null,
    approvals: [],
    followUpDue: [],
    followUpVisits: [],
    nextFollowUpOn: null,
    mergedInto: null,
  };
  for (const event of ordered) {
    apply(state, event, settings);
    // Correcting the record is not work with the child: the case's last entry stays the last piece of work.
    if (event.type !== 'profile_correction') state.lastEventOn = event.occurredOn;
  }
  state.nextFollowUpOn =
    state.status === 'follow_up' ? followUpStatus(state.followUpDue, state.followUpVisits, '9999-12-31').next : null;
  return state;
}

function spendApproval(state: CaseProjection, subject: ApprovalSubject): void {
  const approval = state.approvals.find((a) => a.subject === subject && a.decision === 'approved' && !a.used);
  if (approval) approval.used = true;
}

function apply(state: CaseProjection, event: ProjectedEvent, settings: CaseSettings): void {
  const p = payloadOf(event);
  switch (event.type) {
    case 'intake':
      state.riskLevel = (p.riskLevel as RiskLevel | null | undefined) ?? null;
      state.caseTypes = (p.caseTypes as CaseType[] | undefined) ?? [];
      state.childType = (p.childType as ChildType | null | undefined) ?? null;
      state.referral = { ...(p.referral as ProjectedReferral) };
      return;
    case 'profile_correction':
      applyIntakeCorrection(state, p.changes as Record<string, { to: unknown }>);
      return;
    case 'consent':
      state.consents[p.scope as ConsentScope] = p.action === 'given';
      return;
    case 'assessment_csi':
    case 'assessment_family':
    case 'assessment_readiness':
      state.hasAssessment = true;
      return;
    case 'assessment_risk':
      state.hasAssessment = true;
      state.riskLevel = p.riskLevel as RiskLevel;
      return;
    case 'care_plan':
      state.carePlan = {
        eventId: event.id ?? null,
        reviewOn: p.reviewOn as string,
        approved: !settings.approvalGates.includes('care_plan'),
      };
      return;
    case 'approval_request':
      state.approvals.push({
        requestId: event.id ?? '',
        subject: p.subject as ApprovalSubject,
        eventId: (p.eventId as string | undefined) ?? null,
        requestedOn: event.occurredOn,
        decision: 'pending',
        used: false,
      });
      return;
    case 'approval_decision': {
      const request = state.approvals.find((a) => a.requestId === p.requestId);
      if (!request) return;
      request.decision = p.decision as 'approved' | 'rejected';
      if (request.subject === 'care_plan' && state.carePlan && request.decision === 'approved') {
        state.carePlan.approved = !request.eventId || request.eventId === state.carePlan.eventId;
        request.used = true;
      }
      return;
    }
    case 'placement':
      spendApproval(state, 'placement');
      state.placement = {
        careType: p.careType as CareType,
        facilityId: (p.facilityId as string | undefined) ?? null,
        since: event.occurredOn,
      };
      state.livingWith = null;
      if (state.status === 'follow_up' || state.status === 'lost_contact') state.status = 'active';
      return;
    case 'reintegration':
      spendApproval(state, 'reintegration');
      state.status = 'follow_up';
      state.reintegratedOn = event.occurredOn;
      state.placement = null;
      state.livingWith = {
        destination: p.destination as ReintegrationDestination,
        carerName: (p.carerName as string | undefined) ?? null,
        villageCode: (p.villageCode as string | undefined) ?? null,
        since: event.occurredOn,
      };
      state.followUpDue = followUpSchedule(event.occurredOn, settings.followUpRule);
      state.followUpVisits = [];
      return;
    case 'follow_up_visit':
      state.followUpVisits.push(event.occurredOn);
      return;
    case 'lost_contact':
      state.status = 'lost_contact';
      return;
    case 'contact_restored':
      state.status = state.reintegratedOn ? 'follow_up' : 'active';
      return;
    case 'closure':
      spendApproval(state, 'closure');
      state.status = 'closed';
      state.closedOn = event.occurredOn;
      state.placement = null;
      return;
    case 'duplicate_resolution':
      if (p.resolution === 'merged_into_other') {
        state.status = 'closed';
        state.closedOn = event.occurredOn;
        state.placement = null;
        state.mergedInto = p.otherCaseId as string;
      }
      return;
    case 'reopening':
      state.status = 'active';
      state.closedOn = null;
      return;
    default:
      // Notes, services, education, training, family work and group sessions are history, not state.
      return;
  }
}

/** The intake's fields a profile correction changes; the child's identity is on the case row, not in events. */
function applyIntakeCorrection(state: CaseProjection, changes: Record<string, { to: unknown }>): void {
  for (const [field, { to }] of Object.entries(changes)) {
    if (field === 'caseTypes') state.caseTypes = to as CaseType[];
    else if (field === 'childType') state.childType = to as ChildType | null;
    else if (field === 'riskLevel') state.riskLevel = to as RiskLevel | null;
    else if (field.startsWith('referral.')) {
      const key = field.slice('referral.'.length);
      const referral: Record<string, unknown> = { ...state.referral };
      if (to === null || to === undefined) delete referral[key];
      else referral[key] = to;
      state.referral = referral as unknown as ProjectedReferral;
      if (key === 'referredOn') state.openedOn = to as string;
    }
  }
}

/** Whether a step behind an approval gate may go ahead now. */
export function hasApproval(projection: CaseProjection, subject: ApprovalSubject, settings: CaseSettings): boolean {
  if (!settings.approvalGates.includes(subject)) return true;
  return projection.approvals.some((a) => a.subject === subject && a.decision === 'approved' && !a.used);
}
