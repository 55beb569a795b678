import { describe, expect, it } from 'vitest';
import { enqueue, nextPushBatch, pushRequest, recordPushFailure, waitingFor } from '../src/sync/outbox';
import { applyPushResults } from '../src/sync/push-results';
import { knownMarks } from '../src/sync/replica';
import { syncCounts } from '../src/sync/sync-counts';
import type { HeldOperation, PushResult, SyncOperation } from '../src/sync/sync.schema';
import { DEVICE, caseDetail, emptyReplica, newIntake, uuid, enqueueAll, operation } from './support/sync-fixtures';

const madeAt = '2026-12-01T09:00:00.000Z';

function note(caseId: string, opId = uuid()): SyncOperation {
  return operation({
    kind: 'event',
    opId,
    madeAt,
    caseId,
    body: { type: 'note', occurredOn: '2026-12-01', payload: { text: 'Visited the family', confidential: false } },
  });
}

function result(opId: string, status: PushResult['status'], extra: Partial<PushResult> = {}): PushResult {
  return { opId, status, caseId: null, caseNumber: null, held: null, ...extra };
}

describe('the outbox', () => {
  it('gives each record the operation id as its own id, and refuses a record with another', () => {
    const caseId = uuid();
    const op = note(caseId);
    const replica = enqueue(emptyReplica(), op);
    const [entry] = replica.outbox;
    expect(entry).toMatchObject({ attempts: 0, lastError: null });
    expect(entry?.operation.kind === 'event' && entry.operation.body.id).toBe(op.opId);
    const other = note(caseId);
    expect(() =>
      enqueue(replica, { ...other, body: { ...(other as { body: object }).body, id: uuid() } } as SyncOperation),
    ).toThrow(/another id/);
  });

  it('takes the same operation twice once, and refuses its id with other content', () => {
    const op = note(uuid());
    const once = enqueue(emptyReplica(), op);
    expect(enqueue(once, op)).toBe(once);
    expect(() => enqueue(once, { ...op, madeAt: '2026-12-02T09:00:00.000Z' })).toThrow(/other content/);
  });

  it('pushes in the order things were made, at most the batch size', () => {
    const caseId = uuid();
    const ops = [note(caseId), note(caseId), note(caseId)];
    const replica = enqueueAll(emptyReplica(), ops);
    expect(nextPushBatch(replica, 2).map((entry) => entry.operation.opId)).toEqual([ops[0]!.opId, ops[1]!.opId]);
    expect(pushRequest(replica, nextPushBatch(replica))).toEqual({ deviceId: DEVICE, operations: ops.map(withId) });
  });

  it('sends a new case before anything recorded on it, whatever order the outbox holds them in', () => {
    const caseId = uuid();
    const intake: SyncOperation = { kind: 'case', opId: caseId, madeAt, body: newIntake({ id: caseId }) };
    const visit = note(caseId);
    const other = note(uuid());
    const replica = { ...emptyReplica(), outbox: [visit, other, intake].map((operation) => entry(operation)) };
    expect(nextPushBatch(replica).map((e) => e.operation.opId)).toEqual([caseId, visit.opId, other.opId]);
    expect(nextPushBatch(replica, 1).map((e) => e.operation.opId)).toEqual([caseId]);
  });

  it('lists what waits on one case', () => {
    const caseId = uuid();
    const replica = enqueueAll(emptyReplica(), [note(caseId), note(uuid())]);
    expect(waitingFor(replica, caseId)).toHaveLength(1);
  });

  it('keeps a push without an answer, counted as tried', () => {
    const op = note(uuid());
    const replica = recordPushFailure(enqueue(emptyReplica(), op), [op.opId], 'timeout');
    expect(replica.outbox[0]).toMatchObject({ attempts: 1, lastError: 'timeout' });
  });
});

describe('the answers to a push', () => {
  it('takes applied operations out, keeps failed ones counted, and leaves unanswered ones alone', () => {
    const caseId = uuid();
    const [applied, failed, unanswered] = [note(caseId), note(caseId), note(caseId)];
    const replica = applyPushResults(enqueueAll(emptyReplica(), [applied, failed, unanswered]), [
      result(applied.opId, 'applied'),
      result(failed.opId, 'failed'),
      result(uuid(), 'applied'),
    ]);
    expect(syncCounts(replica)).toEqual({ waiting: 2, failed: 1, conflict: 0, attention: 0 });
    expect(replica.outbox.map((e) => [e.operation.opId, e.attempts, e.lastError])).toEqual([
      [failed.opId, 1, 'failed'],
      [unanswered.opId, 0, null],
    ]);
  });

  it('moves a conflict or a refusal to the held list, with the server record or one made from the operation', () => {
    const caseId = uuid();
    const [stale, refused] = [note(caseId), note(caseId)];
    const held: HeldOperation = {
      id: uuid(),
      kind: 'attention',
      status: 'open',
      caseId,
      caseNumber: 'C-0001',
      deviceId: DEVICE,
      madeBy: 'Sophea',
      madeAt,
      receivedAt: madeAt,
      reason: 'case_closed',
      message: 'This case is closed.',
      operation: withId(refused),
      conflicts: [],
    };
    const replica = applyPushResults(enqueueAll(emptyReplica(), [stale, refused]), [
      result(stale.opId, 'conflict', { caseId }),
      result(refused.opId, 'attention', { caseId, held }),
    ]);
    expect(replica.outbox).toEqual([]);
    expect(syncCounts(replica)).toEqual({ waiting: 0, failed: 0, conflict: 1, attention: 1 });
    expect(replica.held.map((h) => [h.operation.opId, h.kind, h.reason])).toEqual([
      [stale.opId, 'conflict', 'conflict'],
      [refused.opId, 'attention', 'case_closed'],
    ]);
  });

  it('keeps a new case on the device under the server number, claimed from version 0 so the next pull sends it whole', () => {
    const caseId = uuid();
    const replica = enqueue(emptyReplica(), { kind: 'case', opId: caseId, madeAt, body: newIntake() });
    const after = applyPushResults(replica, [result(caseId, 'applied', { caseId, caseNumber: 'SH-2026-0042' })]);
    expect(after.cases[caseId]).toMatchObject({ caseNumber: 'SH-2026-0042', version: 0, givenNameLatin: 'Sreypov' });
    expect(knownMarks(after)).toEqual([{ caseId, seq: 0, version: 0 }]);
  });

  it('leaves a case the device already pulled as the server sent it', () => {
    const detail = caseDetail();
    const replica = enqueue(
      { ...emptyReplica(), cases: { [detail.id]: detail } },
      { kind: 'case', opId: detail.id, madeAt, body: newIntake() },
    );
    const after = applyPushResults(replica, [result(detail.id, 'applied', { caseNumber: 'C-0009' })]);
    expect(after.cases[detail.id]).toBe(detail);
  });
});

function entry(operation: SyncOperation) {
  return { operation: withId(operation), attempts: 0, lastError: null };
}

function withId(operation: SyncOperation): SyncOperation {
  return operation.kind === 'audit'
    ? operation
    : ({ ...operation, body: { ...operation.body, id: operation.opId } } as SyncOperation);
}
