import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, HubCredentials } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkHub } from '../src/hub/hub-link.service';
import { runRound } from '../src/hub/hub-round.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { countRows } from './support/test-db';
import {
  api,
  createTestOrganisation,
  startTestServer,
  testFileKeys,
  TODAY,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * A group session recorded at a shelter's hub reaches the central server (decision 0021): its `group_session`
 * events go up as attendance, one child each, so central makes the session and decides each child alone.
 */
describeOnEachEngine('a group session recorded at a hub', (engine) => {
  let central: TestServer;
  let hub: TestServer;
  let worker: TestUser;
  let atHub: string;
  const children: CaseDetail[] = [];

  const round = () => runRound(hub.db.kysely, testFileKeys.all);
  const sessionsOf = async (server: TestServer, token: string, caseId: string) =>
    (await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${caseId}/events`, { token })).body.items.filter(
      (event) => event.type === 'group_session',
    );

  beforeAll(async () => {
    central = await startTestServer(engine);
    hub = await startTestServer('pglite');
    const ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(central, 'PUT', '/settings/cases', { token: ngo.user.token, body: settings })).status).toBe(200);
    for (const name of ['Dara', 'Sophea', 'Vannak']) {
      const made = await api<CaseDetail>(central, 'POST', '/cases', {
        token: worker.token,
        body: aNewCase({ givenNameLatin: name }),
      });
      children.push(made.body);
    }
    const credentials = (
      await api<HubCredentials>(central, 'POST', '/devices/hubs', {
        token: ngo.user.token,
        body: { id: randomUUID(), name: 'Shelter laptop' },
      })
    ).body;
    await linkHub(hub.db.kysely, testFileKeys.current, {
      centralUrl: new URL(central.url('/health')).origin,
      token: credentials.token,
    });
    expect(await round()).toMatchObject({ outcome: 'done', pulledCases: 3 });
    const login = await api<{ token: string }>(hub, 'POST', '/auth/login', {
      body: { email: worker.email, password: worker.password },
    });
    atHub = login.body.token;
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('sends each child’s attendance to central under the hub’s ids, as hers, and nothing twice', async () => {
    const [dara, sophea, vannak] = children;
    // Closed at central after the hub last pulled: the hub still takes her into the session.
    const closed = await api(central, 'POST', `/cases/${vannak!.id}/events`, {
      token: worker.token,
      body: { type: 'closure', occurredOn: TODAY, payload: { reason: 'stable_and_safe', summary: 'Back home.' } },
    });
    expect(closed.status).toBe(201);
    const activityId = randomUUID();
    const recorded = await api(hub, 'POST', '/group-activities', {
      token: atHub,
      body: { id: activityId, topic: 'hygiene', occurredOn: TODAY, caseIds: [dara!.id, sophea!.id, vannak!.id] },
    });
    expect(recorded.status).toBe(201);
    const atHubEvents = await Promise.all(children.map((child) => sessionsOf(hub, atHub, child.id)));

    const sent = await round();
    expect(sent).toMatchObject({ outcome: 'done', pushed: 3 });
    expect(sent.held).toEqual([expect.objectContaining({ opId: atHubEvents[2]![0]!.id, reason: 'case_closed' })]);
    for (const [index, child] of [dara, sophea].entries()) {
      const [event] = await sessionsOf(central, worker.token, child!.id);
      expect(event).toMatchObject({
        id: atHubEvents[index]![0]!.id,
        authorId: worker.id,
        payload: { activityId, topic: 'hygiene' },
      });
    }
    const session = await central.db.kysely
      .selectFrom('group_activity')
      .select(['facilitator_id', 'topic'])
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ facilitator_id: worker.id, topic: 'hygiene' });

    const [events, activities] = [
      await countRows(central.db, 'case_event'),
      await countRows(central.db, 'group_activity'),
    ];
    await round();
    expect([await countRows(central.db, 'case_event'), await countRows(central.db, 'group_activity')]).toEqual([
      events,
      activities,
    ]);
  });
});
