/**
 * Changes made while the server cannot be reached: each goes into the engine's outbox with the record's own
 * client id (so a retry is the same record) and comes back to the screens at once as it will look once synced:
 * an event on the timeline marked "waiting to sync", a new case with a provisional number, the profile with
 * the corrected values.
 */
import {
  DEFAULT_CASE_SETTINGS,
  enqueue,
  enqueueAttendance,
  localCase,
  type CaseCorrection,
  type CaseDetail,
  type CaseEvent,
  type GroupActivity,
  type NewCase,
  type NewCaseEvent,
} from '@homeward/core';
import { changeQueued, currentReplica, updateReplica } from './device-session';
import { NoOfflineCopyError } from './device-store';
import { withAudit } from './offline-audit';
import { offlineCaseEvents } from './offline-reads';
import { localToday } from '../text/dates';

function mustHold(caseId: string): void {
  const replica = currentReplica();
  if (!replica) throw new NoOfflineCopyError('The device store is locked.');
  if (!localCase(replica, caseId)) throw new NoOfflineCopyError('This case is not kept on this device.');
}

export async function queueEvent(caseId: string, input: NewCaseEvent): Promise<CaseEvent> {
  mustHold(caseId);
  const opId = input.id ?? crypto.randomUUID();
  const madeAt = new Date().toISOString();
  await updateReplica((replica) =>
    withAudit(
      enqueue(replica, { kind: 'event', opId, madeAt, caseId, body: { ...input, id: opId } }),
      [caseId],
      'case.event_add',
    ),
  );
  changeQueued();
  const { items } = await offlineCaseEvents(caseId);
  const made = items.find((event) => event.id === opId);
  if (!made) throw new Error('A queued event was not read back.');
  return made;
}

/** A new intake: a case with a provisional number until the server gives it its own. */
export async function queueCase(input: NewCase): Promise<CaseDetail> {
  const id = input.id ?? crypto.randomUUID();
  const madeAt = new Date().toISOString();
  await updateReplica((replica) =>
    withAudit(enqueue(replica, { kind: 'case', opId: id, madeAt, body: { ...input, id } }), [id], 'case.create'),
  );
  changeQueued();
  const made = localCase(currentReplica() ?? raiseLocked(), id);
  if (!made) throw new Error('A queued case was not read back.');
  return made.detail;
}

export async function queueCorrection(caseId: string, input: CaseCorrection): Promise<CaseDetail> {
  mustHold(caseId);
  const opId = input.id ?? crypto.randomUUID();
  const madeAt = new Date().toISOString();
  await updateReplica((replica) =>
    withAudit(
      enqueue(replica, { kind: 'correction', opId, madeAt, caseId, body: { ...input, id: opId } }),
      [caseId],
      'case.correct',
    ),
  );
  changeQueued();
  const corrected = localCase(currentReplica() ?? raiseLocked(), caseId);
  if (!corrected) throw new Error('A corrected case was not read back.');
  return corrected.detail;
}

/**
 * A group session: each child present gets it on her timeline, waiting to sync, one operation each (decision
 * 0021). A child whose case the device knows closed, or whose intake is later, refuses it as online does; the
 * organisation's own settings are not on the device, and the rules of a session do not depend on them.
 */
export async function queueGroupActivity(
  activity: GroupActivity & { id: string },
): Promise<{ id: string; attended: number; queued: true }> {
  const madeAt = new Date().toISOString();
  const eventIds = Object.fromEntries(activity.caseIds.map((caseId) => [caseId, crypto.randomUUID()]));
  const context = { today: localToday(), settings: DEFAULT_CASE_SETTINGS };
  await updateReplica((replica) =>
    withAudit(enqueueAttendance(replica, { activity, eventIds, madeAt }, context), activity.caseIds, 'case.event_add'),
  );
  changeQueued();
  return { id: activity.id, attended: activity.caseIds.length, queued: true };
}

function raiseLocked(): never {
  throw new NoOfflineCopyError('The device store is locked.');
}
