import type { CaseEvent } from '@homeward/core';
import { currentDeviceStore } from './device-session';
import { waitingEvents } from './offline-writes';

/** Online too, a change may still wait in the outbox (the server was busy): the timeline shows it waiting. */
export async function waitingCaseEvents(caseId: string): Promise<CaseEvent[]> {
  const store = currentDeviceStore();
  return store ? waitingEvents(store, caseId) : [];
}
