import type { CaseDetail, CaseEvent, CaseList, Facility } from '@homeward/core';
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

describeOnEachEngine('the case list’s filters and order', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let supervisor: TestUser;
  let otherWorker: TestUser;
  let shelter: Facility;
  const cases: Record<'placed' | 'otherWorkers' | 'overdue', CaseDetail> = {} as never;

  const record = async (user: TestUser, caseId: string, body: Record<string, unknown>) => {
    const response = await api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, { token: user.token, body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const open = async (user: TestUser, input: Parameters<typeof aNewCase>[0]) => {
    const response = await api<CaseDetail>(server, 'POST', '/cases', { token: user.token, body: aNewCase(input) });
    expect(response.status).toBe(201);
    return response.body;
  };
  const list = async (query: string, user: TestUser = supervisor) => {
    const response = await api<CaseList>(server, 'GET', `/cases?${query}`, { token: user.token });
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.caseNumber);
  };

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: 'caseworker' });
    supervisor = await ngo.addUser(['supervisor']);
    otherWorker = await ngo.addUser(['caseworker'], { team: 'north' });
    const admin = await ngo.addUser(['org_admin']);
    shelter = (
      await api<Facility>(server, 'POST', '/facilities', {
        token: admin.token,
        body: { name: 'Filter Shelter', careType: 'shelter', capacity: 5, villageCode: '01020101' },
      })
    ).body;
    const summer = { source: 'transit_centre' as const, sourceName: 'Poipet', referredOn: '2026-08-01' };
    cases.placed = await open(ngo.user, { caseTypes: ['TL'], riskLevel: 'high' });
    await record(ngo.user, cases.placed.id, {
      type: 'placement',
      occurredOn: '2026-10-03',
      payload: { careType: 'shelter', facilityId: shelter.id },
    });
    cases.otherWorkers = await open(otherWorker, { caseTypes: ['DV'], riskLevel: 'low' });
    cases.overdue = await open(ngo.user, { caseTypes: ['SA'], riskLevel: 'medium', referral: summer });
    const request = await record(ngo.user, cases.overdue.id, {
      type: 'approval_request',
      occurredOn: '2026-08-19',
      payload: { subject: 'reintegration' },
    });
    await record(supervisor, cases.overdue.id, {
      type: 'approval_decision',
      occurredOn: '2026-08-19',
      payload: { requestId: request.id, decision: 'approved', comment: 'Agreed.' },
    });
    await record(ngo.user, cases.overdue.id, {
      type: 'reintegration',
      occurredOn: '2026-08-20',
      payload: { destination: 'birth_family', childConsents: true },
    });
  });
  afterAll(() => server.close());

  it('narrows by status, worker, case type, risk, facility and overdue follow-up', async () => {
    const { placed, otherWorkers, overdue } = cases;
    expect(await list('status=follow_up')).toEqual([overdue.caseNumber]);
    expect((await list('status=active')).sort()).toEqual([placed.caseNumber, otherWorkers.caseNumber].sort());
    expect(await list('status=closed')).toEqual([]);
    expect(await list(`worker=${otherWorker.id}`)).toEqual([otherWorkers.caseNumber]);
    expect(await list('worker=none')).toEqual([]);
    expect(await list('caseType=DV')).toEqual([otherWorkers.caseNumber]);
    expect(await list('riskLevel=high')).toEqual([placed.caseNumber]);
    expect(await list(`facility=${shelter.id}`)).toEqual([placed.caseNumber]);
    expect(await list('overdue=true')).toEqual([overdue.caseNumber]);
    expect(await list(`overdue=true&worker=${otherWorker.id}`)).toEqual([]);
    const filtered = await api<CaseList>(server, 'GET', '/cases?status=active&riskLevel=low', {
      token: supervisor.token,
    });
    expect(filtered.body.total).toBe(1);
  });

  it('sorts by the chosen column, either way', async () => {
    const { placed, otherWorkers, overdue } = cases;
    const byNumber = [placed, otherWorkers, overdue].map((c) => c.caseNumber).sort();
    expect(await list('sort=caseNumber&order=asc')).toEqual(byNumber);
    expect(await list('sort=caseNumber&order=desc')).toEqual([...byNumber].reverse());
    expect(await list('sort=riskLevel')).toEqual([placed.caseNumber, overdue.caseNumber, otherWorkers.caseNumber]);
    expect(await list('sort=openedOn&order=asc')).toEqual([
      overdue.caseNumber,
      placed.caseNumber,
      otherWorkers.caseNumber,
    ]);
    expect((await list('sort=nextFollowUpOn&order=asc'))[0]).toBe(overdue.caseNumber);
  });

  it('filters only within what the reader may see', async () => {
    // The first caseworker is in no team: a filter on a colleague's cases finds none of them.
    expect(await list(`worker=${otherWorker.id}`, ngo.user)).toEqual([]);
    expect(await list('caseType=DV', ngo.user)).toEqual([]);
  });

  it('refuses a filter it does not know how to apply', async () => {
    for (const query of ['status=lost', 'worker=alice', 'riskLevel=extreme', 'sort=name', 'overdue=maybe']) {
      const response = await api(server, 'GET', `/cases?${query}`, { token: supervisor.token });
      expect(response.status, query).toBe(400);
    }
  });
});
