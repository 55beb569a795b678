import type { CaseDetail } from '../cases/case.schema';
import type { CaseSettings } from '../cases/case-settings';
import type { CaseEvent } from '../cases/case-events';
import type { DeviceSettings, HeldOperation, KnownCase, PullRequest, SyncOperation } from './sync.schema';

/**
 * What one device holds for offline work (decision 0013; the engine's own choices are decision 0016): the cases
 * and events the server sent, a mark per case, the outbox of changes made here and the operations the server
 * held. Plain data, changed only by the pure functions of this folder, each returning a new replica that shares
 * every untouched case, event list and outbox entry with the old one: a store that compares references writes
 * only what changed.
 */
export interface Replica {
  deviceId: string;
  owner: ReplicaOwner;
  cases: Readonly<Record<string, CaseDetail>>;
  /** Each case's events in `seq` order. */
  events: Readonly<Record<string, readonly SyncedEvent[]>>;
  /** What the next pull says the device holds, per case. */
  marks: Readonly<Record<string, KnownCase>>;
  /** Changes made here (or relayed by a hub) and not yet answered, in the order they were made. */
  outbox: readonly OutboxEntry[];
  /** The server's open conflicts and needs-attention operations this user may act on. */
  held: readonly HeldOperation[];
  settings: DeviceSettings | null;
  /** The case settings of each organisation holding a case here, by its id (the defaults stand in for others). */
  caseSettings: Readonly<Record<string, CaseSettings>>;
  /** When the last pull was applied, for the organisation's wipe-after-days rule. */
  lastPullAt: string | null;
}

/** Who works on the device: a new case made offline is theirs until the server says otherwise. */
export interface ReplicaOwner {
  userId: string;
  userName: string | null;
  organisationId: string;
}

export type SyncedEvent = CaseEvent & { seq: number };

/** Another device's change a hub forwards: the phone and the person it came from. */
export interface RelayedFor {
  deviceId: string;
  userId: string;
}

export interface OutboxEntry {
  operation: SyncOperation;
  /** Pushes that ended without an answer for it, or with `failed`. */
  attempts: number;
  lastError: string | null;
  relayedFor?: RelayedFor;
}

export function createReplica(deviceId: string, owner: ReplicaOwner): Replica {
  return {
    deviceId,
    owner,
    cases: {},
    events: {},
    marks: {},
    outbox: [],
    held: [],
    settings: null,
    caseSettings: {},
    lastPullAt: null,
  };
}

/** The pull request's `known`: one mark per case the device holds. */
export function knownMarks(replica: Replica): KnownCase[] {
  return Object.values(replica.marks);
}

export function pullRequest(replica: Replica): PullRequest {
  return { deviceId: replica.deviceId, known: knownMarks(replica) };
}

/** The case an operation belongs to: a new case's own id, or the case it changes. */
export function caseIdOf(operation: SyncOperation): string {
  return operation.kind === 'case' ? operation.opId : operation.caseId;
}

const DAY_MS = 86_400_000;

/**
 * Whether the store must be wiped because it has not synced for longer than the organisation allows. A device
 * that never pulled has nothing of the server's to wipe.
 */
export function mustWipe(replica: Replica, now: string): boolean {
  if (!replica.lastPullAt || !replica.settings) return false;
  return Date.parse(now) - Date.parse(replica.lastPullAt) > replica.settings.wipeAfterDays * DAY_MS;
}
