import type { PushRequest, SyncOperation } from './sync.schema';
import { caseIdOf, type OutboxEntry, type RelayedFor, type Replica } from './replica';

/** The most operations one push carries (the server's limit). */
export const PUSH_BATCH_LIMIT = 500;

/** The same operation as data: its id is the record's, so the same id with other content is another change. */
export function sameOperation(a: SyncOperation, b: SyncOperation): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Adds a change made on the device (or relayed by a hub) to the end of the outbox. The operation's id is the
 * record's client id, so a body without an id takes it and a body with another is refused. Adding the same
 * operation again changes nothing; the same id with other content is refused, since the server would refuse it.
 */
export function enqueue(replica: Replica, operation: SyncOperation, relayedFor?: RelayedFor): Replica {
  const op = withRecordId(operation);
  const existing = replica.outbox.find((entry) => entry.operation.opId === op.opId);
  if (existing) {
    if (sameOperation(existing.operation, op)) return replica;
    throw new Error(`Operation ${op.opId} is already in the outbox with other content.`);
  }
  const entry: OutboxEntry = { operation: op, attempts: 0, lastError: null, ...(relayedFor ? { relayedFor } : {}) };
  return { ...replica, outbox: [...replica.outbox, entry] };
}

function withRecordId(operation: SyncOperation): SyncOperation {
  // An audit entry has no record; an attachment's id is the operation's own, its body carries none.
  if (operation.kind === 'audit' || operation.kind === 'attachment') return operation;
  const id = operation.body.id;
  if (id !== undefined && id !== operation.opId) {
    throw new Error(`Operation ${operation.opId} carries a record with another id (${id}).`);
  }
  if (id !== undefined) return operation;
  return { ...operation, body: { ...operation.body, id: operation.opId } } as SyncOperation;
}

/**
 * The next operations to push, at most `max`: in the order they were made, except that a new case goes before
 * anything recorded on it, so the server never sees an event for a case it does not have yet. `tried` names the
 * operations already sent in this sync: they wait for the next one, and so does whatever was recorded on a new
 * case among them, so a push loop ends and nothing goes ahead of the case it needs.
 */
export function nextPushBatch(
  replica: Replica,
  max: number = PUSH_BATCH_LIMIT,
  tried: ReadonlySet<string> = new Set(),
): OutboxEntry[] {
  const newCases = new Map<string, OutboxEntry>();
  for (const entry of replica.outbox) if (entry.operation.kind === 'case') newCases.set(entry.operation.opId, entry);
  const waits = (entry: OutboxEntry) =>
    tried.has(entry.operation.opId) ||
    (tried.has(caseIdOf(entry.operation)) && newCases.has(caseIdOf(entry.operation)));
  const batch: OutboxEntry[] = [];
  const taken = new Set<string>();
  const take = (entry: OutboxEntry) => {
    if (taken.has(entry.operation.opId) || batch.length >= max) return;
    taken.add(entry.operation.opId);
    batch.push(entry);
  };
  for (const entry of replica.outbox) {
    if (batch.length >= max) break;
    if (waits(entry)) continue;
    const parent = entry.operation.kind === 'case' ? undefined : newCases.get(caseIdOf(entry.operation));
    if (parent) take(parent);
    if (!parent || taken.has(parent.operation.opId)) take(entry);
  }
  return batch;
}

export function pushRequest(replica: Replica, batch: readonly OutboxEntry[]): PushRequest {
  return { deviceId: replica.deviceId, operations: batch.map((entry) => entry.operation) };
}

/**
 * A push that got no answer (no connection, a timeout, an answer lost): its operations stay, counted as tried
 * once more. Whether the server applied them is unknown; sending them again is safe, their ids make a retry.
 */
export function recordPushFailure(replica: Replica, opIds: readonly string[], error: string): Replica {
  const failed = new Set(opIds);
  return {
    ...replica,
    outbox: replica.outbox.map((entry) =>
      failed.has(entry.operation.opId) ? { ...entry, attempts: entry.attempts + 1, lastError: error } : entry,
    ),
  };
}

/** The outbox's operations on one case, in the order they were made. */
export function waitingFor(replica: Replica, caseId: string): OutboxEntry[] {
  return replica.outbox.filter((entry) => caseIdOf(entry.operation) === caseId);
}
