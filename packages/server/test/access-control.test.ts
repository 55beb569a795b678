import type { AccessPolicySettings, CaseDetail, CaseEvent, CaseList } from '@homeward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { auditActions } from './support/two-factor';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

const NARRATIVE = 'Sold by a neighbour to a karaoke bar in Poipet';

describeOnEachEngine('access control: scope, field tiers, departments and the policy', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let other: TestOrganisation;
  let department: TestOrganisation;
  let north1: TestUser;
  let north2: TestUser;
  let south: TestUser;
  let caregiver: TestUser;
  let me: TestUser;
  let supervisor: TestUser;
  let placed: CaseDetail;
  let unassigned: CaseDetail;
  let elsewhere: CaseDetail;

  const get = <T>(user: TestUser, path: string) => api<T>(server, 'GET', path, { token: user.token });
  const ids = async (user: TestUser) => (await get<CaseList>(user, '/cases')).body.items.map((item) => item.id);

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    department = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      kind: 'government',
      provinceCode: '01',
    });
    const facility = await api<{ id: string }>(server, 'POST', '/facilities', {
      token: ngo.user.token,
      body: { name: 'Shelter', careType: 'shelter', capacity: 20 },
    });
    north1 = await ngo.addUser(['caseworker'], { team: 'North' });
    north2 = await ngo.addUser(['caseworker'], { team: 'North' });
    south = await ngo.addUser(['caseworker'], { team: 'South' });
    caregiver = await ngo.addUser(['caregiver'], { facilityId: facility.body.id });
    me = await ngo.addUser(['me_officer']);
    supervisor = await ngo.addUser(['supervisor']);
    placed = (await api<CaseDetail>(server, 'POST', '/cases', { token: north1.token, body: aNewCase() })).body;
    for (const body of [
      { type: 'note', occurredOn: TODAY, payload: { text: NARRATIVE, confidential: false } },
      { type: 'placement', occurredOn: TODAY, payload: { careType: 'shelter', facilityId: facility.body.id } },
    ]) {
      expect((await api(server, 'POST', `/cases/${placed.id}/events`, { token: north1.token, body })).status).toBe(201);
    }
    unassigned = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
    elsewhere = (await api<CaseDetail>(server, 'POST', '/cases', { token: other.user.token, body: aNewCase() })).body;
  });
  afterAll(() => server.close());

  describe('record scope', () => {
    it('lets a caseworker reach their team’s cases and nobody else’s', async () => {
      expect(await ids(north2)).toEqual([placed.id]);
      expect((await get(north2, `/cases/${placed.id}`)).status).toBe(200);
      expect(await ids(south)).toEqual([]);
      expect((await get(south, `/cases/${placed.id}`)).status).toBe(404);
      expect((await get(south, `/cases/${placed.id}/events`)).status).toBe(404);
      expect((await get(north1, `/cases/${unassigned.id}`)).status).toBe(404);
      expect(new Set(await ids(supervisor))).toEqual(new Set([placed.id, unassigned.id]));
    });

    it('opens a case to a caseworker when a supervisor assigns it, and only a supervisor may', async () => {
      const path = `/cases/${unassigned.id}/assignment`;
      const refused = await api(server, 'PUT', path, { token: south.token, body: { workerId: south.id } });
      expect(refused.status).toBe(403);
      const toOutsider = await api(server, 'PUT', path, { token: supervisor.token, body: { workerId: other.user.id } });
      expect(toOutsider.status).toBe(400);
      const assigned = await api<CaseDetail>(server, 'PUT', path, {
        token: supervisor.token,
        body: { workerId: south.id },
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignedWorkerId).toBe(south.id);
      expect(await ids(south)).toEqual([unassigned.id]);
    });

    it('shows a caregiver the children of their facility, without the account of what happened', async () => {
      expect(await ids(caregiver)).toEqual([placed.id]);
      const detail = await get<CaseDetail>(caregiver, `/cases/${placed.id}`);
      expect(detail.body.givenNameLatin).toBe('Dara');
      const events = await get<{ items: CaseEvent[] }>(caregiver, `/cases/${placed.id}/events`);
      const note = events.body.items.find((event) => event.type === 'note');
      expect(note?.payload).toEqual({ confidential: false });
      expect(note?.hidden).toEqual(['narrative']);
      expect(JSON.stringify(events.body)).not.toContain(NARRATIVE);
      expect((await get(caregiver, `/cases/${unassigned.id}`)).status).toBe(404);
    });

    it('gives an M&E officer the case number and alias but not who the child is', async () => {
      const detail = await get<CaseDetail>(me, `/cases/${placed.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ caseNumber: placed.caseNumber, alias: 'Girl A', givenNameKm: null });
      expect(detail.body.dateOfBirth).toBeNull();
      expect(detail.body.hidden).toContain('identity');
      const list = await get<CaseList>(me, '/cases?q=Dara');
      expect(JSON.stringify(list.body)).not.toContain('Dara');
    });
  });

  describe('organisation isolation', () => {
    it('answers 404 for another organisation’s case on every path', async () => {
      for (const path of ['', '/state', '/events', '/attachments', '/shares']) {
        expect((await get(ngo.user, `/cases/${elsewhere.id}${path}`)).status).toBe(404);
      }
      const write = await api(server, 'POST', `/cases/${elsewhere.id}/events`, {
        token: ngo.user.token,
        body: { type: 'note', occurredOn: TODAY, payload: { text: 'x', confidential: false } },
      });
      expect(write.status).toBe(404);
      expect(await ids(ngo.user)).not.toContain(elsewhere.id);
    });

    it('writes each refusal to the audit log: who, what route, which id, and no more', async () => {
      expect((await get(north1, `/cases/${elsewhere.id}`)).status).toBe(404);
      expect((await get(north1, '/users')).status).toBe(403);
      const refused = (await auditActions(server, north1.id)).filter((entry) => entry.action === 'access.refused');
      expect(refused.slice(-2).map((entry) => entry.detail)).toEqual([
        { method: 'GET', route: '/api/v1/cases/:id', status: 404, target: elsewhere.id },
        { method: 'GET', route: '/api/v1/users', status: 403 },
      ]);
    });
  });

  describe('departments of social affairs', () => {
    it('let an officer read only the cases referred to the department, never change them', async () => {
      const officer = department.user;
      expect((await get(officer, `/cases/${placed.id}`)).status).toBe(404);
      const toNgo = await api(server, 'POST', `/cases/${placed.id}/shares`, {
        token: north1.token,
        body: { organisationId: other.id, kind: 'referral' },
      });
      expect(toNgo.status).toBe(400);
      const shared = await api<{ items: { organisationName: string }[] }>(
        server,
        'POST',
        `/cases/${placed.id}/shares`,
        {
          token: north1.token,
          body: { organisationId: department.id, kind: 'referral', note: 'For the reintegration plan' },
        },
      );
      expect(shared.status).toBe(200);
      expect(shared.body.items.map((item) => item.organisationName)).toEqual([department.name]);
      expect(await ids(officer)).toEqual([placed.id]);
      const detail = await get<CaseDetail>(officer, `/cases/${placed.id}`);
      expect(detail.body.givenNameLatin).toBe('Dara');
      const write = await api(server, 'POST', `/cases/${placed.id}/events`, {
        token: officer.token,
        body: { type: 'note', occurredOn: TODAY, payload: { text: 'x', confidential: false } },
      });
      expect(write.status).toBe(403);
      expect((await get(officer, `/cases/${unassigned.id}`)).status).toBe(404);
      expect((await get(officer, `/cases/${elsewhere.id}`)).status).toBe(404);
    });

    it('show a referral’s note only to the roles that may read accounts of the case', async () => {
      type Shares = { items: { note: string | null; hidden?: string[] }[] };
      const toOfficer = await get<Shares>(department.user, `/cases/${placed.id}/shares`);
      expect(toOfficer.body.items.map((item) => item.note)).toEqual(['For the reintegration plan']);
      const toCaregiver = await get<Shares>(caregiver, `/cases/${placed.id}/shares`);
      expect(toCaregiver.status).toBe(200);
      expect(toCaregiver.body.items).toEqual([expect.objectContaining({ note: null, hidden: ['narrative'] })]);
    });
  });

  describe('the organisation’s policy', () => {
    const path = '/settings/access-policy';

    it('is adjusted by the administrator, audited, and takes effect at once', async () => {
      expect((await get(north1, path)).status).toBe(403);
      const changed = await api<AccessPolicySettings>(server, 'PUT', path, {
        token: ngo.user.token,
        body: { caregiver: { tiers: { narrative: 'read' } } },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.effective.caregiver.tiers.narrative).toBe('read');
      const events = await get<{ items: CaseEvent[] }>(caregiver, `/cases/${placed.id}/events`);
      expect(JSON.stringify(events.body)).toContain(NARRATIVE);
      const audit = await server.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'user_id'])
        .where('action', '=', 'policy.change')
        .execute();
      expect(audit).toEqual([{ action: 'policy.change', user_id: ngo.user.id }]);
    });

    it('refuses changes that lock administrators out, and keeps the policy as it was', async () => {
      const refused = await api<{ errors: { field: string }[] }>(server, 'PUT', path, {
        token: ngo.user.token,
        body: { org_admin: { revoke: ['policy.manage'] } },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error) => error.field)).toEqual(['org_admin.revoke.policy.manage']);
      const now = await get<AccessPolicySettings>(ngo.user, path);
      expect(now.body.adjustments).toEqual({ caregiver: { grant: [], revoke: [], tiers: { narrative: 'read' } } });
    });

    it('refuses a write to a tier the role may only read, writing nothing', async () => {
      await api(server, 'PUT', path, { token: ngo.user.token, body: { caseworker: { tiers: { narrative: 'read' } } } });
      const before = (await get<{ items: CaseEvent[] }>(north1, `/cases/${placed.id}/events`)).body.items.length;
      const refused = await api<{ code: string }>(server, 'POST', `/cases/${placed.id}/events`, {
        token: north1.token,
        body: { type: 'note', occurredOn: TODAY, payload: { text: 'Another account', confidential: false } },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('tier_read_only');
      const after = (await get<{ items: CaseEvent[] }>(north1, `/cases/${placed.id}/events`)).body.items.length;
      expect(after).toBe(before);
      await api(server, 'PUT', path, { token: ngo.user.token, body: {} });
    });
  });
});
