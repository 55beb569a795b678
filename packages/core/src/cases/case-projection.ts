import type { RiskLevel } from '../codes/case-codes';

export const CASE_STATUSES = ['active', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface ProjectedEvent {
  type: string;
  occurredOn: string;
}

export interface CaseProjection {
  status: CaseStatus;
  openedOn: string;
  riskLevel: RiskLevel | null;
  lastEventOn: string;
}

/** Events in the order they happened; the recording order breaks ties so a projection is deterministic. */
export function inCaseOrder<T extends ProjectedEvent>(events: readonly T[]): T[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.occurredOn.localeCompare(b.event.occurredOn) || a.index - b.index)
    .map(({ event }) => event);
}

/**
 * The case's current state, derived from its events and never edited by hand. The life-of-a-case issue
 * adds the steps after intake (assessment, placement, reintegration, follow-up, closure).
 */
export function projectCase(events: readonly ProjectedEvent[]): CaseProjection {
  const ordered = inCaseOrder(events);
  const intake = ordered.find((event) => event.type === 'intake');
  if (!intake) throw new Error('A case has no intake event.');
  const last = ordered[ordered.length - 1] ?? intake;
  return { status: 'active', openedOn: intake.occurredOn, riskLevel: null, lastEventOn: last.occurredOn };
}
