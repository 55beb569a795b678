import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, HubCredentials, KnownCase, SyncOperationInput } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkHub } from '../src/hub/hub-link.service';
import { runRound } from '../src/hub/hub-round.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { madeAt, marksAfter, pullAs, pushAs, registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  testFileKeys,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * A phone at the shelter syncs with the hub over the same `/sync` protocol as with any server (decision 0019):
 * what it records offline reaches the central server through the hub's round under the same ids and in its
 * user's name, and what head office writes reaches the phone through the hub.
 */
describeOnEachEngine('a phone syncing through a shelter hub', (engine) => {
  let central: TestServer;
  let hub: TestServer;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let atHub: TestUser;
  let child: CaseDetail;
  let phone: string;
  let marks: KnownCase[] = [];
  const visitId = randomUUID();
  const intakeId = randomUUID();

  const round = async () => {
    const done = await runRound(hub.db.kysely, testFileKeys.all);
    expect([done.outcome, done.error, done.held]).toEqual(['done', null, []]);
    return done;
  };
  const eventsOf = async (server: TestServer, token: string, caseId: string) =>
    (await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${caseId}/events`, { token })).body.items;

  beforeAll(async () => {
    central = await startTestServer(engine);
    hub = await startTestServer('pglite');
    ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    child = (
      await api<CaseDetail>(central, 'POST', '/cases', {
        token: worker.token,
        body: aNewCase({ givenNameLatin: 'Dara' }),
      })
    ).body;
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(central, 'PUT', '/settings/cases', { token: ngo.user.token, body: settings })).status).toBe(200);
    // A follow-up visit comes after the child went home.
    const home = await api(central, 'POST', `/cases/${child.id}/events`, {
      token: worker.token,
      body: {
        type: 'reintegration',
        occurredOn: TODAY,
        payload: { destination: 'relatives', carerName: 'Pov Sokha', villageCode: '01020101', childConsents: true },
      },
    });
    expect(home.status).toBe(201);
    const credentials = await api<HubCredentials>(central, 'POST', '/devices/hubs', {
      token: ngo.user.token,
      body: { id: randomUUID(), name: 'Shelter laptop' },
    });
    await linkHub(hub.db.kysely, testFileKeys.current, {
      centralUrl: new URL(central.url('/health')).origin,
      token: credentials.body.token,
    });
    await round();
    // She is a user of the hub because the central server's directory came with the pull; she signs in there.
    const login = await api<{ token: string }>(hub, 'POST', '/auth/login', {
      body: { email: worker.email, password: worker.password },
    });
    expect(login.status).toBe(200);
    atHub = { ...worker, token: login.body.token };
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('takes the phone’s caseload from the hub, as from any server', async () => {
    phone = await registerDevice(hub, atHub, 'Phone at the shelter');
    const first = await pullAs(hub, atHub, phone);
    expect(first.status).toBe(200);
    expect(first.body.cases.map((item) => [item.id, item.caseNumber])).toEqual([[child.id, child.caseNumber]]);
    marks = marksAfter(first.body);
  });

  it('sends a follow-up and a new intake recorded offline to central through the hub, as the phone’s user', async () => {
    const operations: SyncOperationInput[] = [
      {
        kind: 'event',
        opId: visitId,
        madeAt,
        caseId: child.id,
        body: {
          type: 'follow_up_visit',
          occurredOn: TODAY,
          payload: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
        },
      },
      { kind: 'case', opId: intakeId, madeAt, body: aNewCase({ givenNameLatin: 'Bopha', alias: 'Girl B' }) },
    ];
    const pushed = await pushAs(hub, atHub, phone, operations);
    expect(pushed.body.results.map((result) => [result.opId, result.status, result.held?.reason])).toEqual([
      [visitId, 'applied', undefined],
      [intakeId, 'applied', undefined],
    ]);
    // A retry of the phone's push is answered the same, and the hub's round sends each once.
    const retried = await pushAs(hub, atHub, phone, operations);
    expect(retried.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);

    const sent = await round();
    expect(sent.pushed).toBe(2);
    const visit = (await eventsOf(central, ngo.user.token, child.id)).filter((event) => event.id === visitId);
    expect(visit).toEqual([expect.objectContaining({ type: 'follow_up_visit', authorId: worker.id })]);
    const intake = await api<CaseDetail>(central, 'GET', `/cases/${intakeId}`, { token: ngo.user.token });
    expect(intake.status).toBe(200);
    expect(intake.body).toMatchObject({ givenNameLatin: 'Bopha', assignedWorkerId: worker.id });
    expect(intake.body.caseNumber).not.toContain('HUB');
    const audit = await central.db.kysely
      .selectFrom('audit_log')
      .select(['user_id', 'action'])
      .where('case_id', 'in', [child.id, intakeId])
      .where('action', 'in', ['case.create', 'event.create'])
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((row) => row.user_id))).toEqual(new Set([worker.id]));
  });

  it('brings what head office writes back to the phone through the hub, with the central case number', async () => {
    const written = await api<CaseEvent>(central, 'POST', `/cases/${child.id}/events`, {
      token: ngo.user.token,
      body: {
        type: 'note',
        occurredOn: TODAY,
        payload: { text: 'Head office called the family.', confidential: false },
      },
    });
    expect(written.status).toBe(201);
    await round();

    const next = await pullAs(hub, atHub, phone, marks);
    expect(next.status).toBe(200);
    expect(next.body.tombstones).toEqual([]);
    const received = next.body.events.map((event) => event.id);
    expect(received).toContain(written.body.id);
    expect(received).toContain(visitId);
    const numbered = await api<CaseDetail>(central, 'GET', `/cases/${intakeId}`, { token: ngo.user.token });
    expect(next.body.cases.find((item) => item.id === intakeId)?.caseNumber).toBe(numbered.body.caseNumber);
    // The phone's timeline of the case is the central one, under the same ids.
    marks = marksAfter(next.body, marks);
    const atCentral = (await eventsOf(central, ngo.user.token, child.id)).map((event) => event.id).sort();
    expect((await eventsOf(hub, atHub.token, child.id)).map((event) => event.id).sort()).toEqual(atCentral);
    const settled = await pullAs(hub, atHub, phone, marks);
    expect([settled.body.cases, settled.body.events]).toEqual([[], []]);
  });
});
