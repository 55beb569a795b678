import { describe, expect, it } from 'vitest';
import { applyPull } from '../src/sync/apply-pull';
import { correctionBase, localCase, localCases, localDuplicates, searchLocalCases } from '../src/sync/local-cases';
import { localTimeline, rulesHistory } from '../src/sync/local-timeline';
import { checkNewEvent } from '../src/cases/case-rules';
import { DomainError } from '../src/errors';
import { enqueue, recordPushFailure } from '../src/sync/outbox';
import { isProvisionalNumber, provisionalCaseNumber } from '../src/sync/provisional-case';
import { applyPushResults } from '../src/sync/push-results';
import type { Replica } from '../src/sync/replica';
import type { SyncOperation } from '../src/sync/sync.schema';
import {
  caseDetail,
  emptyReplica,
  newIntake,
  pullAnswer,
  syncedEvent,
  uuid,
  enqueueAll,
  operation,
} from './support/sync-fixtures';

const madeAt = '2026-12-01T09:00:00.000Z';

function caseload(): { replica: Replica; dara: string; vannak: string } {
  const dara = caseDetail({ caseNumber: 'SH-2026-0001', fieldVersions: { givenNameLatin: 2 } });
  const vannak = caseDetail({
    caseNumber: 'SH-2026-0002',
    familyNameKm: 'កែវ',
    givenNameKm: 'វណ្ណៈ',
    familyNameLatin: 'Keo',
    givenNameLatin: 'Vannak',
    sex: 'male',
    openedOn: '2026-03-01',
  });
  const replica = applyPull(
    emptyReplica(),
    pullAnswer({
      cases: [dara, vannak],
      events: [
        syncedEvent(dara.id, 1, { type: 'intake', occurredOn: '2026-01-10' }),
        syncedEvent(dara.id, 4, { occurredOn: '2026-11-20' }),
        syncedEvent(vannak.id, 2, { type: 'intake', occurredOn: '2026-03-01' }),
      ],
    }),
    madeAt,
  );
  return { replica, dara: dara.id, vannak: vannak.id };
}

const visit = (caseId: string, occurredOn: string): SyncOperation =>
  operation({
    kind: 'event',
    opId: uuid(),
    madeAt,
    caseId,
    body: { type: 'family_visit', occurredOn, payload: { kind: 'worker_visits_family', occasion: 'routine' } },
  });

describe('the timeline on the device', () => {
  it('shows pulled events, changes waiting to sync and held ones, in the order they happened', () => {
    const { replica, dara } = caseload();
    const waiting = visit(dara, '2026-11-25');
    const earlier = visit(dara, '2026-11-01');
    const refused = visit(dara, '2026-11-30');
    let next = enqueueAll(replica, [waiting, earlier, refused]);
    next = enqueue(next, { kind: 'audit', opId: uuid(), madeAt, caseId: dara, action: 'case.read' });
    next = recordPushFailure(next, [earlier.opId], 'timeout');
    next = applyPushResults(next, [
      { opId: refused.opId, status: 'attention', caseId: dara, caseNumber: null, held: null },
    ]);
    const timeline = localTimeline(next, dara);
    expect(timeline.map((entry) => [entry.occurredOn, entry.sync])).toEqual([
      ['2026-01-10', 'synced'],
      ['2026-11-01', 'waiting'],
      ['2026-11-20', 'synced'],
      ['2026-11-25', 'waiting'],
      ['2026-11-30', 'attention'],
    ]);
    expect(timeline[1]).toMatchObject({ id: earlier.opId, type: 'family_visit', attempts: 1, lastError: 'timeout' });
    expect(timeline[4]?.held?.operation.opId).toBe(refused.opId);
  });

  it('gives the rules the history with the changes waiting, so an offline closure refuses a later visit', () => {
    const { replica, vannak } = caseload();
    const closure = operation({
      kind: 'event',
      opId: uuid(),
      madeAt,
      caseId: vannak,
      body: {
        type: 'closure',
        occurredOn: '2026-11-28',
        payload: { reason: 'stable_and_safe', summary: 'Living safely with her aunt.' },
      },
    });
    const history = rulesHistory(enqueue(replica, closure), vannak);
    expect(history.map((event) => event.type)).toEqual(['intake', 'closure']);
    const refusal = (() => {
      try {
        checkNewEvent(history, { type: 'service', occurredOn: '2026-11-29', payload: {} }, { today: '2026-12-01' });
      } catch (error) {
        return error instanceof DomainError ? error.code : error;
      }
    })();
    expect(refusal).toBe('case_closed');
  });

  it('shows a waiting correction and a new intake as such', () => {
    const caseId = uuid();
    let replica = enqueue(emptyReplica(), { kind: 'case', opId: caseId, madeAt, body: newIntake() });
    replica = enqueue(replica, {
      kind: 'correction',
      opId: uuid(),
      madeAt,
      caseId,
      body: { changes: { alias: 'Pov' }, baseVersions: { alias: 0 } },
    });
    expect(localTimeline(replica, caseId).map((entry) => [entry.type, entry.sync])).toEqual([
      ['intake', 'waiting'],
      ['profile_correction', 'waiting'],
    ]);
  });
});

describe('cases on the device', () => {
  it('shows a new intake under a provisional number until the server numbers it', () => {
    const caseId = '4f3a9c1e-0000-4000-8000-000000000001';
    const replica = enqueue(caseload().replica, { kind: 'case', opId: caseId, madeAt, body: newIntake() });
    expect(provisionalCaseNumber(caseId)).toBe('P-4F3A9C1E');
    expect(isProvisionalNumber('P-4F3A9C1E')).toBe(true);
    expect(isProvisionalNumber('SH-2026-0001')).toBe(false);
    expect(localCase(replica, caseId)).toMatchObject({
      provisional: true,
      waiting: 1,
      detail: { caseNumber: 'P-4F3A9C1E', status: 'active', openedOn: '2026-11-30', version: 0 },
    });
    expect(localCases(replica).map((found) => found.detail.caseNumber)).toEqual([
      'P-4F3A9C1E',
      'SH-2026-0002',
      'SH-2026-0001',
    ]);
    expect(localCase(replica, uuid())).toBeNull();
  });

  it('shows corrections waiting to sync, and corrects from the versions the server gave', () => {
    const { replica, dara } = caseload();
    const next = enqueue(replica, {
      kind: 'correction',
      opId: uuid(),
      madeAt,
      caseId: dara,
      body: {
        changes: { givenNameLatin: 'Daran', 'referral.referredOn': '2026-01-08' },
        baseVersions: { givenNameLatin: 2, 'referral.referredOn': 0 },
      },
    });
    const shown = localCase(next, dara);
    expect(shown?.detail).toMatchObject({
      givenNameLatin: 'Daran',
      openedOn: '2026-01-08',
      referral: { referredOn: '2026-01-08' },
    });
    expect(shown?.waitingFields).toEqual(['givenNameLatin', 'referral.referredOn']);
    expect(correctionBase(next, dara, ['givenNameLatin', 'alias'])).toEqual({ givenNameLatin: 2, alias: 0 });
  });

  it('finds a child by either script, across scripts, by case number and by provisional number', () => {
    const caseId = uuid();
    const { replica } = caseload();
    const withIntake = enqueue(replica, { kind: 'case', opId: caseId, madeAt, body: newIntake() });
    const numbers = (q: string) => searchLocalCases(withIntake, q).map((found) => found.detail.caseNumber);
    expect(numbers('ដារា')).toEqual(['SH-2026-0001']);
    expect(numbers('dara sok')).toEqual(['SH-2026-0001']);
    expect(numbers('វណ្ណៈ')).toEqual(['SH-2026-0002']);
    expect(numbers('Vanak')).toEqual(['SH-2026-0002']);
    expect(numbers('0002')).toEqual(['SH-2026-0002']);
    expect(numbers('sreypov')).toEqual([provisionalCaseNumber(caseId)]);
    expect(numbers(provisionalCaseNumber(caseId).toLowerCase())).toEqual([provisionalCaseNumber(caseId)]);
    expect(numbers('  ')).toHaveLength(3);
  });

  it('checks a new intake for duplicates against the children on the device', () => {
    const { replica, dara } = caseload();
    const found = localDuplicates(replica, {
      givenNameLatin: 'Dara',
      familyNameLatin: 'Sok',
      sex: 'female',
      dateOfBirth: '2014-03-02',
    });
    expect(found.map((candidate) => [candidate.record.id, candidate.level])).toEqual([[dara, 'likely']]);
  });
});
