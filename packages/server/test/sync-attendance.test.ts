import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, HeldOperation, PushResponse, SyncOperationInput } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-verify';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { countRows } from './support/test-db';
import { madeAt, pullAs, pushAs, registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/** A group session recorded offline: one `attendance` operation per child present (decision 0021). */
describeOnEachEngine('offline sync: attendance at a group session', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let device: string;
  let elsewhere: CaseDetail;

  const open = async (name: string) =>
    (await api<CaseDetail>(server, 'POST', '/cases', { token: worker.token, body: aNewCase({ givenNameLatin: name }) }))
      .body;
  const record = async (caseId: string, body: unknown) => {
    const answer = await api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, { token: worker.token, body });
    expect(answer.status).toBe(201);
  };
  const close = (caseId: string) =>
    record(caseId, {
      type: 'closure',
      occurredOn: TODAY,
      payload: { reason: 'stable_and_safe', summary: 'Back at school.' },
    });
  /** The session as the device queues it: the same session id, topic and date on each child's operation. */
  const session = (caseIds: string[], activityId: string = randomUUID()): SyncOperationInput[] =>
    caseIds.map((caseId) => ({
      kind: 'attendance',
      opId: randomUUID(),
      madeAt,
      caseId,
      body: { activityId, topic: 'budgeting', title: 'Saving money, week 2', occurredOn: TODAY },
    }));
  const sessionsOf = async (caseId: string) =>
    (
      await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${caseId}/events`, { token: worker.token })
    ).body.items.filter((event) => event.type === 'group_session');
  const statuses = (answer: { body: PushResponse }) =>
    answer.body.results.map((result) => [result.status, result.held?.reason ?? null]);
  const decide = (id: string, body: unknown) =>
    api<HeldOperation>(server, 'POST', `/sync/held/${id}`, { token: worker.token, body });

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    // A closure without follow-up, as in sync-push.test.ts: the closure closes at once.
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(server, 'PUT', '/settings/cases', { token: ngo.user.token, body: settings })).status).toBe(200);
    device = await registerDevice(server, worker);
    const other = await createTestOrganisation(server, { withUser: ['caseworker'] });
    const made = await api<CaseDetail>(server, 'POST', '/cases', {
      token: other.user.token,
      body: aNewCase({ givenNameLatin: 'Elsewhere' }),
    });
    elsewhere = made.body;
  });
  afterAll(() => server.close());

  it('writes each child present on her own timeline under the device’s ids, and the session once', async () => {
    const [dara, sophea] = [await open('Dara'), await open('Sophea')];
    const operations = session([dara.id, sophea.id]);
    const [events, activities] = [
      await countRows(server.db, 'case_event'),
      await countRows(server.db, 'group_activity'),
    ];
    const pushed = await pushAs(server, worker, device, operations);
    expect(pushed.status).toBe(200);
    expect(statuses(pushed)).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    for (const [index, child] of [dara, sophea].entries()) {
      const [event] = await sessionsOf(child.id);
      expect(event).toMatchObject({
        id: operations[index]!.opId,
        occurredOn: TODAY,
        authorId: worker.id,
        payload: {
          activityId: (operations[0] as { body: { activityId: string } }).body.activityId,
          topic: 'budgeting',
        },
      });
    }
    const again = await pushAs(server, worker, device, operations);
    expect(statuses(again)).toEqual(statuses(pushed));
    expect([await countRows(server.db, 'case_event'), await countRows(server.db, 'group_activity')]).toEqual([
      events + 2,
      activities + 1,
    ]);
    const row = await server.db.kysely
      .selectFrom('group_activity')
      .select(['organisation_id', 'facilitator_id', 'topic', 'title'])
      .where('id', '=', (operations[0] as { body: { activityId: string } }).body.activityId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      organisation_id: ngo.id,
      facilitator_id: worker.id,
      topic: 'budgeting',
      title: 'Saving money, week 2',
    });
  });

  it('keeps a child whose case closed meanwhile, or left her reach, for a person, and applies the others', async () => {
    const [vannak, closed] = [await open('Vannak'), await open('Closedmeanwhile')];
    await close(closed.id);
    const operations = session([vannak.id, closed.id, elsewhere.id]);
    const pushed = await pushAs(server, worker, device, operations);
    expect(statuses(pushed)).toEqual([
      ['applied', null],
      ['attention', 'case_closed'],
      ['attention', 'case_not_reachable'],
    ]);
    expect(await sessionsOf(vannak.id)).toHaveLength(1);
    expect(await sessionsOf(closed.id)).toEqual([]);
    const pulled = await pullAs(server, worker, device);
    expect(pulled.body.held.map((held) => held.id)).toEqual(
      expect.arrayContaining([operations[1]!.opId, operations[2]!.opId]),
    );

    // Reopened, the child's attendance is re-applied by a person, into the same session.
    await record(closed.id, { type: 'reopening', occurredOn: TODAY, payload: { reason: 'New report.' } });
    expect((await decide(operations[1]!.opId, { action: 'reapply' })).body.status).toBe('reapplied');
    const [late] = await sessionsOf(closed.id);
    expect(late).toMatchObject({ id: operations[1]!.opId, payload: (await sessionsOf(vannak.id))[0]!.payload });
    expect(statuses(await pushAs(server, worker, device, [operations[1]!]))).toEqual([['applied', null]]);
    const discarded = await decide(operations[2]!.opId, { action: 'discard', reason: 'Not in our programme.' });
    expect(discarded.body.status).toBe('discarded');
  });

  it('refuses a session id another organisation used, without writing the child’s attendance', async () => {
    const child = await open('Takensession');
    const other = await createTestOrganisation(server, { withUser: ['caseworker'] });
    const theirs = await api<CaseDetail>(server, 'POST', '/cases', {
      token: other.user.token,
      body: aNewCase({ givenNameLatin: 'Theirs' }),
    });
    const activityId = randomUUID();
    const used = await api(server, 'POST', '/group-activities', {
      token: other.user.token,
      body: { id: activityId, topic: 'hygiene', occurredOn: TODAY, caseIds: [theirs.body.id] },
    });
    expect(used.status).toBe(201);
    expect(statuses(await pushAs(server, worker, device, session([child.id], activityId)))).toEqual([
      ['attention', 'id_taken'],
    ]);
    expect(await sessionsOf(child.id)).toEqual([]);
  });

  it('lists a child once when the online session went through and the device queued it as well', async () => {
    const [kosal, chenda] = [await open('Kosal'), await open('Chenda')];
    const activityId = randomUUID();
    const online = await api(server, 'POST', '/group-activities', {
      token: worker.token,
      body: {
        id: activityId,
        topic: 'budgeting',
        title: 'Saving money, week 2',
        occurredOn: TODAY,
        caseIds: [kosal.id],
      },
    });
    expect(online.status).toBe(201);
    const queued = session([kosal.id, chenda.id], activityId);
    expect(statuses(await pushAs(server, worker, device, queued))).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    expect(await sessionsOf(kosal.id)).toHaveLength(1);
    expect((await sessionsOf(chenda.id)).map((event) => event.id)).toEqual([queued[1]!.opId]);
  });

  it('answers ten copies of one session at once with one set of events, one kept child, and a sound audit chain', async () => {
    const children = [await open('Parallelone'), await open('Paralleltwo'), await open('Parallelclosed')];
    await close(children[2]!.id);
    const operations = session(children.map((child) => child.id));
    const before = await Promise.all(
      (['case_event', 'group_activity', 'sync_held'] as const).map((table) => countRows(server.db, table)),
    );
    const answers = await Promise.all(Array.from({ length: 10 }, () => pushAs(server, worker, device, operations)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(statuses(answer)).toEqual([
        ['applied', null],
        ['applied', null],
        ['attention', 'case_closed'],
      ]);
    }
    const after = await Promise.all(
      (['case_event', 'group_activity', 'sync_held'] as const).map((table) => countRows(server.db, table)),
    );
    expect(after).toEqual([before[0]! + 2, before[1]! + 1, before[2]! + 1]);
    for (const child of children.slice(0, 2)) expect(await sessionsOf(child.id)).toHaveLength(1);
    const chain = await verifyAuditChain(server.db.kysely);
    expect(chain.problems).toEqual([]);
  });
});
