import type { ApprovalSubject, CaseState } from '@homeward/core';
import type { StepType } from './step-context';

/** The steps as the "Record a step" area lists them: in the order a case usually goes. */
export const STEP_GROUPS: readonly { id: string; steps: readonly StepType[] }[] = [
  { id: 'consent', steps: ['consent'] },
  { id: 'assessments', steps: ['assessment_csi', 'assessment_family', 'assessment_risk', 'assessment_readiness'] },
  { id: 'carePlan', steps: ['care_plan'] },
  { id: 'approvals', steps: ['approval_request', 'approval_decision'] },
  { id: 'placement', steps: ['placement'] },
  { id: 'services', steps: ['service', 'education', 'vocational_training'] },
  { id: 'health', steps: ['health_check'] },
  { id: 'family', steps: ['family_member', 'tracing_attempt', 'family_visit'] },
  { id: 'reintegration', steps: ['reintegration', 'follow_up_visit', 'lost_contact', 'contact_restored'] },
  { id: 'closure', steps: ['closure', 'reopening'] },
  { id: 'notes', steps: ['note'] },
];

/** Why a step cannot be recorded now; each has a sentence in `steps:unavailable`. */
export type UnavailableReason =
  | 'caseClosed'
  // A participating organisation was not given this step's section (decision 0010).
  | 'notClosed'
  | 'notReintegrated'
  | 'contactLost'
  | 'alreadyLost'
  | 'notLost'
  | 'alreadyReintegrated'
  | 'needsApproval'
  | 'approvalPending'
  | 'nothingToApprove'
  | 'noPendingRequest'
  | 'supervisorOnly';

export type Availability = { ok: true } | { ok: false; reason: UnavailableReason };

const OK: Availability = { ok: true };
const no = (reason: UnavailableReason): Availability => ({ ok: false, reason });

/** Steps a closed case still accepts, as in core's rules: its history can be annotated and it can be reopened. */
const ALLOWED_WHEN_CLOSED: ReadonlySet<StepType> = new Set<StepType>(['note', 'consent', 'reopening']);

/** Whether a step behind a supervisor's approval may go ahead, and if not, why. */
export function gateFor(state: CaseState, subject: ApprovalSubject): Availability {
  if (!state.approvalGates.includes(subject)) return OK;
  const approvals = state.approvals.filter((approval) => approval.subject === subject);
  if (approvals.some((approval) => approval.decision === 'approved' && !approval.used)) return OK;
  if (approvals.some((approval) => approval.decision === 'pending')) return no('approvalPending');
  return no('needsApproval');
}

/** The steps an approval can be asked for now: gated, not already asked or granted, and relevant to the case. */
export function requestableSubjects(state: CaseState): ApprovalSubject[] {
  return state.approvalGates.filter((subject) => {
    const open = state.approvals.some(
      (approval) =>
        approval.subject === subject &&
        (approval.decision === 'pending' || (approval.decision === 'approved' && !approval.used)),
    );
    if (open) return false;
    switch (subject) {
      case 'care_plan':
        return state.carePlan !== null && !state.carePlan.approved;
      case 'reintegration':
        return state.status === 'active';
      case 'closure':
      case 'placement':
        return state.status !== 'closed';
    }
  });
}

/**
 * What the state allows, mirroring `checkNewEvent` in core so the page says why before anyone fills a form in.
 * The server checks again: this only spares a wasted effort.
 */
export function stepAvailability(type: StepType, state: CaseState, canApprove: boolean): Availability {
  if (state.status === 'closed' && !ALLOWED_WHEN_CLOSED.has(type)) return no('caseClosed');
  switch (type) {
    case 'reopening':
      return state.status === 'closed' ? OK : no('notClosed');
    case 'follow_up_visit':
      if (state.status === 'follow_up') return OK;
      return no(state.status === 'lost_contact' ? 'contactLost' : 'notReintegrated');
    case 'lost_contact':
      return state.status === 'lost_contact' ? no('alreadyLost') : OK;
    case 'contact_restored':
      return state.status === 'lost_contact' ? OK : no('notLost');
    case 'reintegration':
      if (state.status === 'lost_contact') return no('contactLost');
      if (state.status !== 'active') return no('alreadyReintegrated');
      return gateFor(state, 'reintegration');
    case 'closure':
      return gateFor(state, 'closure');
    case 'placement':
      return gateFor(state, 'placement');
    case 'approval_request':
      return requestableSubjects(state).length > 0 ? OK : no('nothingToApprove');
    case 'approval_decision':
      if (!canApprove) return no('supervisorOnly');
      return state.approvals.some((approval) => approval.decision === 'pending') ? OK : no('noPendingRequest');
    case 'note':
    case 'consent':
    case 'assessment_csi':
    case 'assessment_family':
    case 'assessment_risk':
    case 'assessment_readiness':
    case 'care_plan':
    case 'service':
    case 'education':
    case 'vocational_training':
    case 'health_check':
    case 'family_member':
    case 'tracing_attempt':
    case 'family_visit':
      return OK;
  }
}
