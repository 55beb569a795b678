import type { CaseDetail, CaseEvent, CaseState } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

describeOnEachEngine('a reintegrated child’s follow-up, on the case page and in the work lists', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let supervisor: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: 'caseworker' });
    supervisor = await ngo.addUser(['supervisor']);
    admin = await ngo.addUser(['org_admin']);
  });
  afterAll(() => server.close());

  const record = async (user: TestUser, caseId: string, body: Record<string, unknown>) => {
    const response = await api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, { token: user.token, body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const state = async (caseId: string) =>
    (await api<CaseState>(server, 'GET', `/cases/${caseId}/state`, { token: ngo.user.token })).body;
  const overdueOnSupervision = async () =>
    (
      await api<{ overdueFollowUps: { caseId: string; dueOn: string }[] }>(server, 'GET', '/supervision', {
        token: supervisor.token,
      })
    ).body.overdueFollowUps;
  const followUpTasks = async () =>
    (
      await api<{ items: { kind: string; caseId: string; dueOn: string }[] }>(server, 'GET', '/tasks', {
        token: ngo.user.token,
      })
    ).body.items.filter((task) => task.kind === 'follow_up');

  const referredInSummer = () =>
    aNewCase({ referral: { source: 'transit_centre', sourceName: 'Poipet Transit Centre', referredOn: '2026-08-01' } });

  const reintegrate = async (caseId: string, payload: Record<string, unknown>) => {
    const request = await record(ngo.user, caseId, {
      type: 'approval_request',
      occurredOn: '2026-08-19',
      payload: { subject: 'reintegration' },
    });
    await record(supervisor, caseId, {
      type: 'approval_decision',
      occurredOn: '2026-08-19',
      payload: { requestId: request.id, decision: 'approved', comment: 'Family assessed as safe.' },
    });
    await record(ngo.user, caseId, {
      type: 'reintegration',
      occurredOn: '2026-08-20',
      payload: { ...payload, childConsents: true },
    });
  };

  it('says where the child lives, counts the first visit home, and follows a new rule at once', async () => {
    const child = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: referredInSummer() }))
      .body;
    await reintegrate(child.id, { destination: 'relatives', carerName: 'Pov Sokha', villageCode: '01020101' });
    await record(ngo.user, child.id, {
      type: 'follow_up_visit',
      occurredOn: '2026-08-25',
      payload: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
    });

    const now = await state(child.id);
    expect(now.placement).toBeNull();
    expect(now.livingWith).toEqual({
      destination: 'relatives',
      carerName: 'Pov Sokha',
      villageCode: '01020101',
      since: '2026-08-20',
    });
    expect(now.followUp).toMatchObject({ done: ['2026-09-20'], next: '2026-10-20' });
    expect(await overdueOnSupervision()).toContainEqual(
      expect.objectContaining({ caseId: child.id, dueOn: '2026-10-20' }),
    );

    // Every two months instead: the visit home met October's due date, December's is next.
    const saved = await api(server, 'PUT', '/settings/cases', {
      token: admin.token,
      body: { approvalGates: ['reintegration'], followUpRule: [{ everyMonths: 2, untilMonth: 24 }] },
    });
    expect(saved.status).toBe(200);
    expect((await state(child.id)).followUp.next).toBe('2026-12-20');
    expect((await overdueOnSupervision()).map((row) => row.caseId)).not.toContain(child.id);
    expect(await followUpTasks()).toContainEqual(expect.objectContaining({ caseId: child.id, dueOn: '2026-12-20' }));
  });

  it('keeps the carer’s name and the village from a role that may not read them', async () => {
    const child = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: referredInSummer() }))
      .body;
    await reintegrate(child.id, { destination: 'birth_family', carerName: 'Pov Sokha', villageCode: '01020101' });
    const officer = await ngo.addUser(['me_officer']);
    const read = await api<CaseState>(server, 'GET', `/cases/${child.id}/state`, { token: officer.token });
    expect(read.status).toBe(200);
    expect(read.body.livingWith).toEqual({
      destination: 'birth_family',
      carerName: null,
      villageCode: null,
      since: '2026-08-20',
    });
  });
});
