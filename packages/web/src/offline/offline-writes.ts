/**
 * Changes made while the server cannot be reached: each goes into the engine's outbox with the record's own
 * client id (so a retry is the same record) and comes back to the screens at once as it will look once synced:
 * an event on the timeline marked "waiting to sync", a new case with a provisional number, the profile with
 * the corrected values.
 */
import {
  checkNewEvent,
  checkPhotoConsent,
  DEFAULT_CASE_SETTINGS,
  DomainError,
  enqueue,
  enqueueAttendance,
  localCase,
  localCaseSettings,
  projectCase,
  rulesHistory,
  type Attachment,
  type CaseCorrection,
  type CaseDetail,
  type CaseEvent,
  type GroupActivity,
  type NewCase,
  type NewCaseEvent,
} from '@homeward/core';
import { ApiError } from '../api/http';
import type { AttachmentUpload } from '../documents/documents.resource';
import { localToday } from '../text/dates';
import { changeQueued, currentDeviceStore, currentReplica, updateReplica } from './device-session';
import { NoOfflineCopyError } from './device-store';
import { withAudit } from './offline-audit';
import { offlineCaseEvents } from './offline-reads';

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
 * rules of a session do not depend on the organisation's case settings, so the defaults serve.
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

/**
 * A photo or document added offline (decision 0020): refused here as the server would refuse it (the case's rules
 * and photo consent over the case's events on the device, the same core rules), its bytes sealed in the store
 * first, then its operation queued with its hash. The answer is the file as the list shows it, waiting to sync.
 */
export async function queueAttachment(caseId: string, upload: AttachmentUpload): Promise<Attachment> {
  mustHold(caseId);
  const store = currentDeviceStore() ?? raiseLocked();
  const opId = crypto.randomUUID();
  const madeAt = new Date().toISOString();
  const today = localToday();
  try {
    const replica = currentReplica() ?? raiseLocked();
    const events = rulesHistory(replica, caseId);
    const held = localCase(replica, caseId);
    const settings = held ? localCaseSettings(replica, held.detail) : DEFAULT_CASE_SETTINGS;
    if (upload.kind === 'photo') checkPhotoConsent(projectCase(events, settings));
    const payload = { attachmentId: opId, kind: upload.kind, title: upload.title };
    const entry = { id: opId, type: 'document', occurredOn: today, payload };
    checkNewEvent(events, entry, { today, settings });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new ApiError(400, error.code ?? error.kind, error.message, error.issues);
  }
  const bytes = await upload.file.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const sha256 = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const fileName = upload.file.name.slice(0, 200) || 'file';
  await store.putFile(opId, bytes);
  const body = { kind: upload.kind, title: upload.title, fileName, size: bytes.byteLength, sha256 };
  await updateReplica((replica) =>
    withAudit(enqueue(replica, { kind: 'attachment', opId, madeAt, caseId, body }), [caseId], 'case.event_add'),
  );
  changeQueued();
  const user = await store.readUser();
  return {
    id: opId,
    caseId,
    kind: upload.kind,
    title: upload.title,
    fileName,
    mediaType: upload.file.type,
    size: bytes.byteLength,
    uploadedBy: user?.displayName ?? null,
    uploadedAt: madeAt,
  };
}

function raiseLocked(): never {
  throw new NoOfflineCopyError('The device store is locked.');
}
