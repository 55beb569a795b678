import {
  effectiveEvents,
  eventPayloadSchemas,
  inCaseOrder,
  RECORDABLE_EVENT_TYPES,
  type CaseEvent,
  type CaseState,
  type EventPayload,
} from '@homeward/core';

/** A step a person records by hand: every event type but intake and group sessions. */
export type StepType = (typeof RECORDABLE_EVENT_TYPES)[number];

export function isStepType(type: string): type is StepType {
  return (RECORDABLE_EVENT_TYPES as readonly string[]).includes(type);
}

/** What every step form needs to know about the case it writes to. */
export interface StepContext {
  caseId: string;
  /** The intake date: nothing in the case happens before it. */
  openedOn: string;
  /** The whole history, as the timeline fetched it: the browser runs the same rules as the server on it. */
  events: readonly CaseEvent[];
  state: CaseState;
  today: string;
  /** Whether the user may approve or reject (supervisors). */
  canApprove: boolean;
  /** For a participating organisation: the steps of the sections it was given (decision 0010); absent for the lead. */
  writable?: (type: string) => boolean;
}

/** What the user asked to record: a new step, or a correction of an earlier event of the same type. */
export interface StepChoice {
  type: StepType;
  original?: CaseEvent;
  /** Values to start from, e.g. the request and decision when a supervisor clicks "Approve". */
  preset?: Record<string, string>;
}

/** An event's payload read through its schema, or undefined when it does not parse (an older shape). */
export function payloadOf<T extends keyof typeof eventPayloadSchemas>(
  type: T,
  event: Pick<CaseEvent, 'payload'> | undefined,
): EventPayload<T> | undefined {
  if (!event) return undefined;
  const parsed = eventPayloadSchemas[type].safeParse(event.payload);
  return parsed.success ? (parsed.data as EventPayload<T>) : undefined;
}

export interface FamilyMember {
  memberId: string;
  name: string;
  relationship: EventPayload<'family_member'>['relationship'];
  phone?: string | undefined;
  whereaboutsKnown: boolean;
  villageCode?: string | undefined;
  note?: string | undefined;
}

/** The family as known now: the latest `family_member` event for each member, corrections applied. */
export function familyMembers(events: readonly CaseEvent[]): FamilyMember[] {
  const byId = new Map<string, FamilyMember>();
  for (const event of effectiveEvents(inCaseOrder(events))) {
    if (event.type !== 'family_member') continue;
    const payload = payloadOf('family_member', event);
    if (payload) byId.set(payload.memberId, payload);
  }
  return [...byId.values()];
}

/** Approval requests still waiting for a supervisor. */
export function pendingApprovals(state: CaseState): CaseState['approvals'] {
  return state.approvals.filter((approval) => approval.decision === 'pending');
}

/** A fresh id for a record made in the browser, so a retry does not make a second one. */
export function newId(): string {
  return crypto.randomUUID();
}
