import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SETTINGS } from '../src/cases/case-settings';
import { applyPull } from '../src/sync/apply-pull';
import { localCaseSettings } from '../src/sync/local-cases';
import { enqueue } from '../src/sync/outbox';
import { knownMarks, mustWipe, pullRequest, type Replica } from '../src/sync/replica';
import type { HeldOperation, SyncOperation } from '../src/sync/sync.schema';
import { DEVICE, caseDetail, emptyReplica, pullAnswer, syncedEvent, uuid } from './support/sync-fixtures';

const at = '2026-12-01T09:00:00.000Z';

function withCase(): { replica: Replica; caseId: string } {
  const detail = caseDetail();
  const replica = applyPull(
    emptyReplica(),
    pullAnswer({ cases: [detail], events: [syncedEvent(detail.id, 3, { type: 'intake' }), syncedEvent(detail.id, 7)] }),
    at,
  );
  return { replica, caseId: detail.id };
}

describe('applying a pull', () => {
  it('takes a backfill whole and marks the case at its last event and version', () => {
    const { replica, caseId } = withCase();
    expect(replica.events[caseId]?.map((event) => event.seq)).toEqual([3, 7]);
    expect(pullRequest(replica)).toEqual({ deviceId: DEVICE, known: [{ caseId, seq: 7, version: 1 }] });
    expect(replica.settings).toEqual({ wipeAfterDays: 30, lockAfterMinutes: 15 });
    expect(replica.lastPullAt).toBe(at);
  });

  it('appends each event once, in sequence order, and marks the one it corrects', () => {
    const { replica, caseId } = withCase();
    const [, earlier] = replica.events[caseId]!;
    const correction = syncedEvent(caseId, 12, { supersedes: earlier!.id });
    const next = applyPull(
      replica,
      pullAnswer({ events: [correction, syncedEvent(caseId, 9), earlier!, syncedEvent(uuid(), 10)] }),
      at,
    );
    expect(next.events[caseId]?.map((event) => event.seq)).toEqual([3, 7, 9, 12]);
    expect(next.events[caseId]?.[1]?.supersededBy).toBe(correction.id);
    expect(knownMarks(next)).toEqual([{ caseId, seq: 12, version: 1 }]);
    expect(Object.keys(next.events)).toEqual([caseId]);
  });

  it('replaces a case whose version changed, and shares every untouched record with the replica before', () => {
    const { replica, caseId } = withCase();
    const other = caseDetail();
    const withOther = applyPull(replica, pullAnswer({ cases: [other], events: [syncedEvent(other.id, 20)] }), at);
    const changed = { ...other, version: 2, riskLevel: 'high' as const };
    const next = applyPull(withOther, pullAnswer({ cases: [changed] }), at);
    expect(next.cases[other.id]).toBe(changed);
    expect(next.cases[caseId]).toBe(withOther.cases[caseId]);
    expect(next.events[caseId]).toBe(withOther.events[caseId]);
    expect(next.marks[other.id]).toEqual({ caseId: other.id, seq: 20, version: 2 });
  });

  it('keeps a newer copy of a case than the one sent', () => {
    const { replica, caseId } = withCase();
    const newer = { ...replica.cases[caseId]!, version: 5 };
    const next = applyPull(
      applyPull(replica, pullAnswer({ cases: [newer] }), at),
      pullAnswer({ cases: [caseDetail({ id: caseId, version: 3 })] }),
      at,
    );
    expect(next.cases[caseId]).toBe(newer);
    expect(next.marks[caseId]?.version).toBe(5);
  });

  it('forgets a tombstoned case with its events, marks and held operations, and keeps the work waiting on it', () => {
    const { replica, caseId } = withCase();
    const op: SyncOperation = {
      kind: 'event',
      opId: uuid(),
      madeAt: at,
      caseId,
      body: { type: 'note', occurredOn: '2026-12-01', payload: { text: 'Visited', confidential: false } },
    };
    const held: HeldOperation = {
      id: uuid(),
      kind: 'attention',
      status: 'open',
      caseId,
      caseNumber: 'C-0001',
      deviceId: DEVICE,
      madeBy: null,
      madeAt: at,
      receivedAt: at,
      reason: 'case_closed',
      message: '',
      operation: op,
      conflicts: [],
    };
    const next = applyPull(
      enqueue(replica, op),
      pullAnswer({ tombstones: [{ caseId, reason: 'access_ended' }], held: [held] }),
      at,
    );
    expect(next.cases).toEqual({});
    expect(next.events).toEqual({});
    expect(knownMarks(next)).toEqual([]);
    expect(next.held).toEqual([]);
    expect(next.outbox.map((entry) => entry.operation.opId)).toEqual([op.opId]);
  });

  it('projects a case under its organisation’s settings, kept when an older server sends none', () => {
    const { replica, caseId } = withCase();
    const detail = replica.cases[caseId]!;
    expect(localCaseSettings(replica, detail)).toEqual(DEFAULT_CASE_SETTINGS);
    const own = { ...DEFAULT_CASE_SETTINGS, followUpRule: [{ everyMonths: 2, untilMonth: 24 }] };
    const next = applyPull(replica, pullAnswer({ caseSettings: { [detail.organisationId]: own } }), at);
    expect(localCaseSettings(next, detail)).toEqual(own);
    expect(localCaseSettings(applyPull(next, pullAnswer({}), at), detail)).toEqual(own);
    expect(localCaseSettings(next, { organisationId: uuid() })).toEqual(DEFAULT_CASE_SETTINGS);
  });

  it('takes the server list of held operations as it is', () => {
    const { replica } = withCase();
    const held = { id: uuid(), caseId: null } as unknown as HeldOperation;
    expect(applyPull(replica, pullAnswer({ held: [held] }), at).held).toEqual([held]);
  });
});

describe('the wipe after days without sync', () => {
  it('is due once the last pull is older than the organisation allows', () => {
    expect(mustWipe(emptyReplica(), '2027-12-01T00:00:00.000Z')).toBe(false);
    const { replica } = withCase();
    expect(mustWipe(replica, '2026-12-31T09:00:00.000Z')).toBe(false);
    expect(mustWipe(replica, '2026-12-31T09:00:01.000Z')).toBe(true);
  });
});
