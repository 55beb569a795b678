import type { HeldOperation, KnownCase, PushResult, SyncOperation } from './sync.schema';
import { provisionalCase } from './provisional-case';
import type { OutboxEntry, Replica } from './replica';

/**
 * Applies a push's answer, one result per operation. `applied` takes the operation out of the outbox (a new
 * case stays on the device under the server's number until the next pull brings the server's copy); `conflict`
 * and `attention` move it to the held list, where a person sees it; `failed` leaves it for the next push, tried
 * once more. An operation without a result stays as it was: nothing leaves the outbox without an answer.
 */
export function applyPushResults(replica: Replica, results: readonly PushResult[]): Replica {
  const byOp = new Map(results.map((result) => [result.opId, result]));
  const outbox: OutboxEntry[] = [];
  const cases = { ...replica.cases };
  const marks: Record<string, KnownCase> = { ...replica.marks };
  const held = [...replica.held];
  for (const entry of replica.outbox) {
    const result = byOp.get(entry.operation.opId);
    if (!result) {
      outbox.push(entry);
    } else if (result.status === 'failed') {
      outbox.push({ ...entry, attempts: entry.attempts + 1, lastError: 'failed' });
    } else if (result.status === 'applied') {
      const op = entry.operation;
      if (op.kind === 'case' && !cases[op.opId] && !entry.relayedFor) {
        // Held with no mark of its events and version 0, so the next pull sends the server's case whole.
        cases[op.opId] = provisionalCase(op.opId, op.body, replica.owner, op.madeAt, result.caseNumber ?? undefined);
        marks[op.opId] = { caseId: op.opId, seq: 0, version: 0 };
      }
    } else {
      const kept = result.held ?? heldHere(replica, entry.operation, result);
      const index = held.findIndex((candidate) => candidate.operation.opId === kept.operation.opId);
      if (index >= 0) held[index] = kept;
      else held.push(kept);
    }
  }
  return { ...replica, outbox, cases, marks, held };
}

/** A held answer without the server's record: kept from what the device knows, until the next pull's list. */
function heldHere(replica: Replica, operation: SyncOperation, result: PushResult): HeldOperation {
  return {
    id: operation.opId,
    kind: result.status === 'conflict' ? 'conflict' : 'attention',
    status: 'open',
    caseId: result.caseId,
    caseNumber: result.caseNumber,
    deviceId: replica.deviceId,
    madeBy: replica.owner.userName,
    madeAt: operation.madeAt,
    receivedAt: operation.madeAt,
    reason: result.status,
    message: '',
    operation,
    conflicts: [],
  };
}
