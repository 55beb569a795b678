/**
 * Changes made while the server cannot be reached: each becomes an outbox operation with the record's own
 * client id (so a retry is the same record), and comes back to the screens at once as it will look once
 * synced: an event on the timeline marked "waiting to sync", a new case with a provisional number, the
 * profile with the corrected values.
 */
import type {
  CaseCorrection,
  CaseDetail,
  CaseEvent,
  CurrentUser,
  NewCase,
  NewCaseEvent,
  SyncOperation,
} from '@homeward/core';
import { changeQueued, currentDeviceStore } from './device-session';
import { NoOfflineCopyError, type DeviceStore } from './device-store';
import { recordOfflineAudit } from './offline-audit';

async function openStore(): Promise<{ store: DeviceStore; user: CurrentUser }> {
  const store = currentDeviceStore();
  const user = await store?.readUser();
  if (!store || !user) throw new NoOfflineCopyError('The device store is locked.');
  return { store, user };
}

export async function queueEvent(caseId: string, input: NewCaseEvent): Promise<CaseEvent> {
  const { store, user } = await openStore();
  if (!(await store.readCase(caseId))) throw new NoOfflineCopyError('This case is not kept on this device.');
  const opId = input.id ?? crypto.randomUUID();
  const operation: SyncOperation = {
    kind: 'event',
    opId,
    madeAt: new Date().toISOString(),
    caseId,
    body: { ...input, id: opId },
  };
  await store.enqueue(operation);
  await recordOfflineAudit(store, [caseId], 'case.event_add');
  await changeQueued();
  return eventOf(operation, user);
}

/** A new intake: a case with a provisional number until the server gives it its own. */
export async function queueCase(input: NewCase): Promise<CaseDetail> {
  const { store, user } = await openStore();
  const id = input.id ?? crypto.randomUUID();
  const operation: SyncOperation = { kind: 'case', opId: id, madeAt: new Date().toISOString(), body: { ...input, id } };
  const detail = provisionalDetail(id, input, user, operation.madeAt);
  await store.putCases([{ detail, events: [], provisional: true }]);
  await store.enqueue(operation);
  await recordOfflineAudit(store, [id], 'case.create');
  await changeQueued();
  return detail;
}

export async function queueCorrection(caseId: string, input: CaseCorrection): Promise<CaseDetail> {
  const { store } = await openStore();
  const stored = await store.readCase(caseId);
  if (!stored) throw new NoOfflineCopyError('This case is not kept on this device.');
  const opId = input.id ?? crypto.randomUUID();
  await store.enqueue({
    kind: 'correction',
    opId,
    madeAt: new Date().toISOString(),
    caseId,
    body: { ...input, id: opId },
  });
  // Shown corrected on this device; the server decides, from the base versions, whether it is a conflict.
  const detail: CaseDetail = { ...stored.detail, ...(input.changes as Partial<CaseDetail>) };
  await store.putCases([{ ...stored, detail }]);
  await recordOfflineAudit(store, [caseId], 'case.correct');
  await changeQueued();
  return detail;
}

/** The outbox's events of a case (and the intake of a case made here), as the timeline shows them. */
export async function waitingEvents(store: DeviceStore, caseId: string): Promise<CaseEvent[]> {
  const user = await store.readUser();
  if (!user) return [];
  const queued = await store.queued();
  return queued
    .map((entry) => entry.operation)
    .filter(
      (operation): operation is Extract<SyncOperation, { kind: 'event' | 'case' }> =>
        (operation.kind === 'case' && operation.opId === caseId) ||
        (operation.kind === 'event' && operation.caseId === caseId),
    )
    .map((operation) => eventOf(operation, user));
}

function eventOf(operation: Extract<SyncOperation, { kind: 'event' | 'case' }>, user: CurrentUser): CaseEvent {
  const common = {
    id: operation.opId,
    recordedAt: operation.madeAt,
    authorId: user.id,
    authorName: user.displayName,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    supersededBy: null,
  };
  if (operation.kind === 'event') {
    const { body } = operation;
    return {
      ...common,
      caseId: operation.caseId,
      type: body.type,
      occurredOn: body.occurredOn,
      supersedes: body.supersedes ?? null,
      payload: body.payload,
    };
  }
  const { body } = operation;
  // The intake as the server writes it (server/src/cases/cases.service.ts), so the projection finds one.
  return {
    ...common,
    caseId: operation.opId,
    type: 'intake',
    occurredOn: body.referral.referredOn,
    supersedes: null,
    payload: {
      referral: body.referral,
      caseTypes: body.caseTypes,
      childType: body.childType ?? null,
      riskLevel: body.riskLevel ?? null,
      interviewed: body.interviewed ?? [],
    },
  };
}

function provisionalDetail(id: string, input: NewCase, user: CurrentUser, madeAt: string): CaseDetail {
  return {
    id,
    // Never a server number: those are ORG-YEAR-N; a provisional one is told apart at a glance.
    caseNumber: `P-${id.slice(0, 8).toUpperCase()}`,
    organisationId: user.organisationId,
    familyNameKm: input.familyNameKm ?? null,
    givenNameKm: input.givenNameKm ?? null,
    familyNameLatin: input.familyNameLatin ?? null,
    givenNameLatin: input.givenNameLatin ?? null,
    alias: input.alias ?? null,
    sex: input.sex,
    dateOfBirth: input.dateOfBirth ?? null,
    dateOfBirthEstimated: input.dateOfBirth === undefined,
    caseTypes: input.caseTypes,
    status: 'active',
    riskLevel: input.riskLevel ?? null,
    openedOn: input.referral.referredOn,
    villageCode: input.villageCode ?? null,
    assignedWorkerId: user.id,
    version: 0,
    nationality: null,
    childType: input.childType ?? null,
    referral: input.referral,
    assignedWorkerName: user.displayName,
    createdAt: madeAt,
    fieldVersions: {},
    reach: { kind: 'lead' },
  };
}
