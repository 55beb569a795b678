import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SETTINGS } from '../src/cases/case-settings';
import { applyPull } from '../src/sync/apply-pull';
import { AttendanceRefusedError, enqueueAttendance, type OfflineSession } from '../src/sync/attendance';
import { localTimeline } from '../src/sync/local-timeline';
import { enqueue } from '../src/sync/outbox';
import { applyPushResults } from '../src/sync/push-results';
import type { Replica } from '../src/sync/replica';
import { caseDetail, emptyReplica, pullAnswer, syncedEvent, uuid } from './support/sync-fixtures';

const madeAt = '2026-12-01T09:00:00.000Z';
const context = { today: '2026-12-01', settings: DEFAULT_CASE_SETTINGS };

function caseload(): { replica: Replica; dara: string; vannak: string } {
  const dara = caseDetail({ caseNumber: 'SH-2026-0001' });
  const vannak = caseDetail({ caseNumber: 'SH-2026-0002', givenNameLatin: 'Vannak', openedOn: '2026-11-25' });
  const replica = applyPull(
    emptyReplica(),
    pullAnswer({
      cases: [dara, vannak],
      events: [
        syncedEvent(dara.id, 1, { type: 'intake', occurredOn: '2026-01-10' }),
        syncedEvent(vannak.id, 2, { type: 'intake', occurredOn: '2026-11-25' }),
      ],
    }),
    madeAt,
  );
  return { replica, dara: dara.id, vannak: vannak.id };
}

function sessionFor(caseIds: string[], occurredOn = '2026-11-30'): OfflineSession {
  return {
    activity: { id: uuid(), topic: 'hygiene', occurredOn, caseIds },
    eventIds: Object.fromEntries(caseIds.map((caseId) => [caseId, uuid()])),
    madeAt,
  };
}

describe('a group session recorded on the device', () => {
  it('queues one attendance per child, each on her timeline as a waiting group session', () => {
    const { replica, dara, vannak } = caseload();
    const session = sessionFor([dara, vannak]);
    const next = enqueueAttendance(replica, session, context);
    expect(next.outbox.map((entry) => [entry.operation.kind, entry.operation.opId])).toEqual([
      ['attendance', session.eventIds[dara]],
      ['attendance', session.eventIds[vannak]],
    ]);
    for (const caseId of [dara, vannak]) {
      const waiting = localTimeline(next, caseId).filter((entry) => entry.sync === 'waiting');
      expect(waiting).toMatchObject([
        {
          id: session.eventIds[caseId],
          type: 'group_session',
          occurredOn: '2026-11-30',
          payload: { activityId: session.activity.id, topic: 'hygiene' },
        },
      ]);
    }
    // Sent again, the same session adds nothing; the same id with other children is refused.
    expect(enqueueAttendance(next, session, context)).toBe(next);
    const fewer = { ...session, activity: { ...session.activity, caseIds: [dara] } };
    expect(() => enqueueAttendance(next, fewer, context)).toThrow(/already in the outbox/);
  });

  it('refuses the whole session with the number of a case closed on the device, adding nothing', () => {
    const { replica, dara, vannak } = caseload();
    const closure = {
      kind: 'event' as const,
      opId: uuid(),
      madeAt,
      caseId: vannak,
      body: {
        type: 'closure' as const,
        occurredOn: '2026-11-28',
        payload: { reason: 'stable_and_safe' as const, summary: 'Back home.' },
      },
    };
    const closed = enqueue(replica, closure);
    const attempt = () => enqueueAttendance(closed, sessionFor([dara, vannak]), context);
    expect(attempt).toThrow(AttendanceRefusedError);
    expect(attempt).toThrow(expect.objectContaining({ caseNumber: 'SH-2026-0002', code: 'case_closed' }));
    expect(() => enqueueAttendance(replica, sessionFor([dara, vannak], '2026-11-20'), context)).toThrow(
      expect.objectContaining({ caseNumber: 'SH-2026-0002', code: 'before_intake' }),
    );
  });

  it('refuses a child the device does not hold', () => {
    const { replica, dara } = caseload();
    expect(() => enqueueAttendance(replica, sessionFor([dara, uuid()]), context)).toThrow(/not kept on this device/);
  });

  it('leaves the outbox child by child as the server answers: applied goes, a refusal is held on her timeline', () => {
    const { replica, dara, vannak } = caseload();
    const session = sessionFor([dara, vannak]);
    const queued = enqueueAttendance(replica, session, context);
    const [forDara, forVannak] = queued.outbox.map((entry) => entry.operation);
    const answered = applyPushResults(queued, [
      { opId: forDara!.opId, status: 'applied', caseId: dara, caseNumber: null, held: null },
      {
        opId: forVannak!.opId,
        status: 'attention',
        caseId: vannak,
        caseNumber: 'SH-2026-0002',
        held: {
          id: forVannak!.opId,
          kind: 'attention',
          status: 'open',
          caseId: vannak,
          caseNumber: 'SH-2026-0002',
          deviceId: null,
          madeBy: null,
          madeAt,
          receivedAt: madeAt,
          reason: 'case_closed',
          message: 'This case is closed.',
          operation: forVannak!,
          conflicts: [],
        },
      },
    ]);
    expect(answered.outbox).toEqual([]);
    expect(localTimeline(answered, vannak).find((entry) => entry.id === forVannak!.opId)?.sync).toBe('attention');
  });
});
