/**
 * The case screens' reads answered from the device's replica when the server cannot be reached, with the
 * engine's own views (core/src/sync): the caseload searched in both scripts, a case with its waiting
 * corrections, its timeline with what waits in the outbox, and its state derived from its events by the same
 * projection as the server's. Each read is recorded for the audit log (pushed at the next sync).
 */
import {
  followUpStatus,
  localCase,
  localCaseSettings,
  localDuplicates,
  localTimeline,
  projectCase,
  searchLocalCases,
  type Attachment,
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  type CaseState,
  type CurrentUser,
  type DuplicateQuery,
  type DuplicateResult,
  type Replica,
  type TimelineEntry,
} from '@homeward/core';
import { localToday } from '../text/dates';
import { currentDeviceStore, currentReplica, updateReplica } from './device-session';
import { NoOfflineCopyError } from './device-store';
import { withAudit } from './offline-audit';

function openReplica(): Replica {
  const replica = currentReplica();
  if (!replica) throw new NoOfflineCopyError('The device store is locked.');
  return replica;
}

export async function offlineCaseList(params: Record<string, string>): Promise<CaseList> {
  const query = params.q?.trim() ?? '';
  const status = params.status;
  const found = searchLocalCases(openReplica(), query)
    .map((local) => local.detail)
    .filter((detail) => !status || (status === 'open' ? detail.status !== 'closed' : detail.status === status));
  if (query) {
    await updateReplica((replica) =>
      withAudit(
        replica,
        found.map((detail) => detail.id),
        'case.search',
      ),
    );
  }
  const offset = Number(params.offset ?? 0);
  const limit = Number(params.limit ?? 50);
  return { items: found.slice(offset, offset + limit), total: found.length };
}

export async function offlineCase(caseId: string): Promise<CaseDetail> {
  const local = localCase(openReplica(), caseId);
  if (!local) throw new NoOfflineCopyError('This case is not kept on this device.');
  await updateReplica((replica) => withAudit(replica, [caseId], 'case.read'));
  return local.detail;
}

/** The timeline the device can show, as the server's events; `waiting` names those not on the server yet. */
export async function offlineCaseEvents(caseId: string): Promise<{ items: CaseEvent[]; waiting: string[] }> {
  const replica = openReplica();
  if (!localCase(replica, caseId)) throw new NoOfflineCopyError('This case is not kept on this device.');
  const user = await currentDeviceStore()?.readUser();
  if (!user) throw new NoOfflineCopyError('The device store is locked.');
  const entries = localTimeline(replica, caseId);
  return {
    items: entries.map((entry) => asEvent(entry, caseId, user)),
    waiting: entries.filter((entry) => entry.sync !== 'synced').map((entry) => entry.id),
  };
}

/** Online, the outbox's entries of a case the server has not taken yet, for the timeline. */
export async function waitingCaseEvents(caseId: string): Promise<CaseEvent[]> {
  const replica = currentReplica();
  const user = await currentDeviceStore()?.readUser();
  if (!replica || !user) return [];
  return localTimeline(replica, caseId)
    .filter((entry) => entry.sync === 'waiting')
    .map((entry) => asEvent(entry, caseId, user));
}

function asEvent(entry: TimelineEntry, caseId: string, user: CurrentUser): CaseEvent {
  if (entry.event) return entry.event;
  return {
    id: entry.id,
    caseId,
    type: entry.type as CaseEvent['type'],
    occurredOn: entry.occurredOn,
    recordedAt: entry.recordedAt,
    authorId: user.id,
    authorName: user.displayName,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    supersedes: entry.supersedes,
    supersededBy: null,
    payload: entry.payload,
  };
}

export async function offlineCaseState(caseId: string): Promise<CaseState> {
  const { items } = await offlineCaseEvents(caseId);
  const replica = openReplica();
  const local = localCase(replica, caseId);
  if (!local) throw new NoOfflineCopyError('This case is not kept on this device.');
  const settings = localCaseSettings(replica, local.detail);
  const projection = projectCase(items, settings);
  const followUp =
    projection.status === 'closed'
      ? { due: projection.followUpDue, done: [], next: null, overdue: [] }
      : followUpStatus(projection.followUpDue, projection.followUpVisits, localToday());
  return {
    status: projection.status,
    riskLevel: projection.riskLevel,
    placement: projection.placement ? { ...projection.placement, facilityName: null } : null,
    livingWith: projection.livingWith
      ? {
          destination: projection.livingWith.destination,
          carerName: projection.livingWith.carerName,
          villageCode: projection.livingWith.villageCode,
          since: projection.livingWith.since,
        }
      : null,
    reintegratedOn: projection.reintegratedOn,
    closedOn: projection.closedOn,
    consents: projection.consents,
    hasAssessment: projection.hasAssessment,
    carePlan: projection.carePlan,
    approvals: projection.approvals,
    followUp,
    approvalGates: settings.approvalGates,
  };
}

/**
 * The photos and documents added on this device to a case and not yet taken by the server, as the list shows
 * files. The type is the name's guess until the server reads the bytes.
 */
export async function waitingAttachments(caseId: string): Promise<Attachment[]> {
  const replica = currentReplica();
  const user = await currentDeviceStore()?.readUser();
  if (!replica || !user) return [];
  return replica.outbox.flatMap(({ operation }) =>
    operation.kind === 'attachment' && operation.caseId === caseId
      ? [
          {
            id: operation.opId,
            caseId,
            kind: operation.body.kind,
            title: operation.body.title,
            fileName: operation.body.fileName,
            mediaType: operation.body.fileName.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'image/*',
            size: operation.body.size,
            uploadedBy: user.displayName,
            uploadedAt: operation.madeAt,
          },
        ]
      : [],
  );
}

/** Offline, a held case's files are those added here: the server's are not kept on the device. */
export function offlineAttachments(caseId: string): Promise<Attachment[]> {
  if (!localCase(openReplica(), caseId)) throw new NoOfflineCopyError('This case is not kept on this device.');
  return waitingAttachments(caseId);
}

/** The intake's duplicate check against the children on the device, with the server's matcher and limit. */
export function offlineDuplicates(query: DuplicateQuery): Promise<DuplicateResult> {
  const matches = localDuplicates(openReplica(), query, { limit: 10 });
  return Promise.resolve({
    items: matches.map((match) => ({
      case: match.record,
      score: match.score,
      level: match.level,
      reasons: match.reasons,
    })),
  });
}
