import { inCaseOrder, type ProjectedEvent } from '../cases/case-projection';
import { attendanceEvent } from '../cases/group-attendance';
import type { HeldOperation, SyncOperation } from './sync.schema';
import { caseIdOf, type OutboxEntry, type Replica, type SyncedEvent } from './replica';

/**
 * Where an entry of the timeline stands: on the server (`synced`), in the outbox (`waiting`, with `failed`
 * attempts counted), or held by the server as a `conflict` or as `attention` for a person to act on.
 */
export type TimelineSync = 'synced' | 'waiting' | 'conflict' | 'attention';

export interface TimelineEntry {
  /** The event's id; for a change not yet on the server, its operation's id (which becomes the event's). */
  id: string;
  /** The event type; a correction of the profile is `profile_correction`, a new case `intake`. */
  type: string;
  occurredOn: string;
  /** When it was recorded: by the server for a synced event, on the device for the others. */
  recordedAt: string;
  supersedes: string | null;
  payload: Record<string, unknown>;
  sync: TimelineSync;
  /** The server's event, for a synced entry. */
  event: SyncedEvent | null;
  /** The outbox's count of attempts and last error, for a waiting entry. */
  attempts: number;
  lastError: string | null;
  /** The server's record, with its reason, for a held entry. */
  held: HeldOperation | null;
}

/**
 * One case's timeline as the device can show it: the events it pulled, then what waits in the outbox and what
 * the server held, each marked, all in the order things happened (the date, then the order recorded). Audit
 * operations are not part of a case's history and do not show.
 */
export function localTimeline(replica: Replica, caseId: string): TimelineEntry[] {
  const synced = (replica.events[caseId] ?? []).map(fromEvent);
  const onServer = new Set(synced.map((entry) => entry.id));
  // A new case the server already sent (its answer to the push was lost) shows by the server's intake.
  if (replica.cases[caseId]) onServer.add(caseId);
  const waiting = replica.outbox
    .filter((entry) => caseIdOf(entry.operation) === caseId && !onServer.has(entry.operation.opId))
    .flatMap((entry) => fromOperation(entry.operation, 'waiting', entry, null));
  const held = replica.held
    .filter((entry) => entry.caseId === caseId && entry.status === 'open' && !onServer.has(entry.operation.opId))
    .flatMap((entry) => fromOperation(entry.operation, entry.kind, null, entry));
  return inCaseOrder([...synced, ...waiting, ...held]);
}

function fromEvent(event: SyncedEvent): TimelineEntry {
  return {
    id: event.id,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    supersedes: event.supersedes,
    payload: event.payload,
    sync: 'synced',
    event,
    attempts: 0,
    lastError: null,
    held: null,
  };
}

function fromOperation(
  op: SyncOperation,
  sync: TimelineSync,
  entry: OutboxEntry | null,
  held: HeldOperation | null,
): TimelineEntry[] {
  const common = {
    id: op.opId,
    recordedAt: op.madeAt,
    sync,
    event: null,
    attempts: entry?.attempts ?? 0,
    lastError: entry?.lastError ?? null,
    held,
  };
  switch (op.kind) {
    case 'case':
      return [
        {
          ...common,
          type: 'intake',
          occurredOn: op.body.referral.referredOn,
          supersedes: null,
          payload: {
            referral: op.body.referral,
            caseTypes: op.body.caseTypes,
            childType: op.body.childType ?? null,
            riskLevel: op.body.riskLevel ?? null,
          },
        },
      ];
    case 'event':
      return [
        {
          ...common,
          type: op.body.type,
          occurredOn: op.body.occurredOn,
          supersedes: op.body.supersedes ?? null,
          payload: op.body.payload,
        },
      ];
    case 'attendance':
      return [{ ...common, ...attendanceEvent(op.opId, op.body), supersedes: null }];
    case 'correction':
      return [
        {
          ...common,
          type: 'profile_correction',
          occurredOn: op.madeAt.slice(0, 10),
          supersedes: null,
          payload: { changes: op.body.changes, baseVersions: op.body.baseVersions },
        },
      ];
    case 'attachment':
      // As the server will record it: a document entry under the attachment's own id.
      return [
        {
          ...common,
          type: 'document',
          occurredOn: op.madeAt.slice(0, 10),
          supersedes: null,
          payload: { attachmentId: op.opId, kind: op.body.kind, title: op.body.title },
        },
      ];
    case 'audit':
      return [];
  }
}

/**
 * The case's history as core's rules read it (`checkNewEvent`, `projectCase`), on the device: the events pulled
 * and the events waiting to sync, so a follow-up recorded offline after an offline closure is refused at once.
 * Held changes are left out: the server did not apply them.
 */
export function rulesHistory(replica: Replica, caseId: string): ProjectedEvent[] {
  return localTimeline(replica, caseId)
    .filter((entry) => entry.sync === 'synced' || entry.sync === 'waiting')
    .map(({ id, type, occurredOn, payload, supersedes }) => ({ id, type, occurredOn, payload, supersedes }));
}
