import type { CaseDetail, NotificationList } from '@homeward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareCase } from '../src/cases/case-access.repository';
import { aNewCase } from './support/cases';
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

describeOnEachEngine('notifications: told in the writer’s transaction, once, to the right people', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let department: TestOrganisation;
  let otherDepartment: TestOrganisation;
  let officer2: TestUser;
  let disabledOfficer: TestUser;
  let departmentAdmin: TestUser;
  let caseworker: TestUser;
  let supervisor: TestUser;

  const inbox = (user: TestUser, query = '') =>
    api<NotificationList>(server, 'GET', `/notifications${query}`, { token: user.token });
  const newCase = async () =>
    (await api<CaseDetail>(server, 'POST', '/cases', { token: caseworker.token, body: aNewCase() })).body;
  const share = (caseId: string, organisationId = department.id) =>
    api(server, 'POST', `/cases/${caseId}/shares`, {
      token: caseworker.token,
      body: { organisationId, kind: 'referral', note: 'For the reintegration plan' },
    });
  const rows = (caseId: string) =>
    server.db.kysely.selectFrom('notification').selectAll().where('case_id', '=', caseId).execute();
  const outboxRows = (caseId: string) =>
    server.db.kysely
      .selectFrom('email_outbox as m')
      .innerJoin('notification as n', 'n.id', 'm.notification_id')
      .select('m.id')
      .where('n.case_id', '=', caseId)
      .execute();

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    department = await createTestOrganisation(server, { withUser: ['government_officer'], kind: 'government' });
    otherDepartment = await createTestOrganisation(server, { withUser: ['government_officer'], kind: 'government' });
    officer2 = await department.addUser(['government_officer']);
    disabledOfficer = await department.addUser(['government_officer']);
    await server.db.kysely
      .updateTable('app_user')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabledOfficer.id)
      .execute();
    // Administers the department's accounts but may not read cases: not told of a case.
    departmentAdmin = await department.addUser(['system_admin']);
    caseworker = await ngo.addUser(['caseworker']);
    supervisor = await ngo.addUser(['supervisor']);
  });
  afterAll(() => server.close());

  describe('a case shared with a department', () => {
    it('tells each of the department’s users who may read cases once, and nobody else', async () => {
      const child = await newCase();
      expect((await share(child.id)).status).toBe(200);

      for (const officer of [department.user, officer2]) {
        const list = await inbox(officer);
        expect(list.status).toBe(200);
        expect(list.body.unread).toBe(1);
        expect(list.body.items).toEqual([
          expect.objectContaining({
            kind: 'case.shared',
            caseId: child.id,
            caseNumber: child.caseNumber,
            readAt: null,
          }),
        ]);
        // The case by its number, never the child by name.
        expect(JSON.stringify(list.body)).not.toMatch(/Dara|Sok|ដារា|Girl A/);
      }
      for (const user of [departmentAdmin, otherDepartment.user, caseworker, ngo.user, supervisor]) {
        expect((await inbox(user)).body).toMatchObject({ items: [], total: 0, unread: 0 });
      }
      const stored = await rows(child.id);
      expect(stored.map((row) => row.recipient_id).sort()).toEqual([department.user.id, officer2.id].sort());
      expect(stored.every((row) => row.organisation_id === department.id)).toBe(true);
      expect(await outboxRows(child.id)).toHaveLength(2);
    });

    it('follows the department’s own policy: a role it took case reading from is not told', async () => {
      const strict = await createTestOrganisation(server, { withUser: ['org_admin'], kind: 'government' });
      const officer = await strict.addUser(['government_officer']);
      const policy = await api(server, 'PUT', '/settings/access-policy', {
        token: strict.user.token,
        body: { government_officer: { revoke: ['case.read'] } },
      });
      expect(policy.status).toBe(200);
      const child = await newCase();
      expect((await share(child.id, strict.id)).status).toBe(200);
      expect((await rows(child.id)).map((row) => row.recipient_id)).toEqual([strict.user.id]);
      expect((await inbox(officer)).body.total).toBe(0);
    });

    it('tells once when the same share is sent again, or many times at once', async () => {
      const child = await newCase();
      const answers = await Promise.all(Array.from({ length: 6 }, () => share(child.id)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect((await share(child.id)).status).toBe(200);
      const stored = await rows(child.id);
      expect(stored).toHaveLength(2);
      expect(new Set(stored.map((row) => row.recipient_id)).size).toBe(2);
      expect(await outboxRows(child.id)).toHaveLength(2);
    });

    it('tells nobody of a write that was rolled back, or refused', async () => {
      const child = await newCase();
      const rolledBack = server.db.kysely.transaction().execute(async (trx) => {
        await shareCase(trx, caseworker.actor, child.id, {
          organisationId: department.id,
          kind: 'referral',
          id: crypto.randomUUID(),
          sharedOn: TODAY,
        });
        // Told inside the transaction: visible to it...
        expect(
          await trx.selectFrom('notification').select('id').where('case_id', '=', child.id).execute(),
        ).toHaveLength(2);
        throw new Error('a later step of the same write failed');
      });
      await expect(rolledBack).rejects.toThrow('a later step');
      // ...and gone with it.
      expect(await rows(child.id)).toEqual([]);
      expect(await outboxRows(child.id)).toEqual([]);

      // Refused (an NGO is not a department): nothing written, nobody told.
      expect((await share(child.id, ngo.id)).status).toBe(400);
      expect(await rows(child.id)).toEqual([]);
    });
  });

  describe('work given to a person', () => {
    it('tells a worker a case was assigned to them, once per assignment', async () => {
      const child = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
      const worker = await ngo.addUser(['caseworker']);
      const assign = (workerId: string) =>
        api(server, 'PUT', `/cases/${child.id}/assignment`, { token: supervisor.token, body: { workerId } });
      expect((await assign(worker.id)).status).toBe(200);
      expect((await assign(worker.id)).status).toBe(200);
      const list = await inbox(worker);
      expect(list.body.items.map((item) => [item.kind, item.caseId])).toEqual([['case.assigned', child.id]]);
      // Given to someone else and back: a new assignment, told again.
      expect((await assign(caseworker.id)).status).toBe(200);
      expect((await assign(worker.id)).status).toBe(200);
      expect((await inbox(worker)).body.unread).toBe(2);
      // The supervisor assigning a case to themselves needs no notice of their own act.
      expect((await assign(supervisor.id)).status).toBe(200);
      expect((await inbox(supervisor)).body.total).toBe(0);
    });

    it('tells a colleague a task was given to them', async () => {
      const child = await newCase();
      const given = await api<{ id: string }>(server, 'POST', '/tasks', {
        token: caseworker.token,
        body: { caseId: child.id, assignedTo: supervisor.id, title: 'Visit the family', dueOn: '2026-12-01' },
      });
      expect(given.status).toBe(201);
      const list = await inbox(supervisor);
      expect(list.body.items).toEqual([
        expect.objectContaining({ kind: 'task.assigned', caseId: child.id, subjectId: given.body.id }),
      ]);
      expect(JSON.stringify(list.body)).not.toContain('Visit the family');
    });
  });

  describe('reading one’s list', () => {
    let reader: TestUser;
    let cases: CaseDetail[];

    beforeAll(async () => {
      reader = await department.addUser(['government_officer']);
      cases = [];
      for (let index = 0; index < 3; index += 1) {
        const child = await newCase();
        cases.push(child);
        expect((await share(child.id)).status).toBe(200);
      }
    });

    it('lists newest first, in pages, with the counts', async () => {
      const first = await inbox(reader, '?limit=2');
      expect(first.body.total).toBe(3);
      expect(first.body.unread).toBe(3);
      expect(first.body.items.map((item) => item.caseId)).toEqual([cases[2]?.id, cases[1]?.id]);
      const second = await inbox(reader, '?limit=2&offset=2');
      expect(second.body.items.map((item) => item.caseId)).toEqual([cases[0]?.id]);
      const counts = await inbox(reader, '?limit=0');
      expect(counts.body).toEqual({ items: [], total: 3, unread: 3 });
      expect((await inbox(reader, '?limit=101')).status).toBe(400);
    });

    it('marks one read, then all; another user’s notification is not found', async () => {
      const [newest] = (await inbox(reader)).body.items;
      if (!newest) throw new Error('no notification');
      // Another officer of the same department cannot see or mark the reader's notice.
      const foreign = await api(server, 'POST', `/notifications/${newest.id}/read`, { token: officer2.token });
      expect(foreign.status).toBe(404);
      expect((await inbox(reader)).body.unread).toBe(3);

      const read = await api<{ unread: number }>(server, 'POST', `/notifications/${newest.id}/read`, {
        token: reader.token,
      });
      expect(read.status).toBe(200);
      expect(read.body.unread).toBe(2);
      const again = await api<{ unread: number }>(server, 'POST', `/notifications/${newest.id}/read`, {
        token: reader.token,
      });
      expect(again.body.unread).toBe(2);
      const list = await inbox(reader);
      expect(list.body.items.find((item) => item.id === newest.id)?.readAt).toEqual(expect.any(String));
      expect((await inbox(reader, '?unread=true')).body.items.map((item) => item.caseId)).toEqual([
        cases[1]?.id,
        cases[0]?.id,
      ]);
      const missing = await api(server, 'POST', `/notifications/${crypto.randomUUID()}/read`, { token: reader.token });
      expect(missing.status).toBe(404);

      const officer2Unread = (await inbox(officer2)).body.unread;
      const all = await api<{ unread: number }>(server, 'POST', '/notifications/read-all', { token: reader.token });
      expect(all.status).toBe(200);
      expect(all.body.unread).toBe(0);
      expect((await inbox(reader)).body).toMatchObject({ total: 3, unread: 0 });
      // Only the reader's own.
      expect((await inbox(officer2)).body.unread).toBe(officer2Unread);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = await api<{ paths: Record<string, Record<string, unknown>> }>(server, 'GET', '/openapi.json');
      expect(Object.keys(doc.body.paths['/api/v1/notifications'] ?? {})).toContain('get');
      expect(Object.keys(doc.body.paths['/api/v1/notifications/{id}/read'] ?? {})).toContain('post');
      expect(Object.keys(doc.body.paths['/api/v1/notifications/read-all'] ?? {})).toContain('post');
      expect(JSON.stringify(doc.body.paths['/api/v1/notifications'])).toContain('unread');
    });

    it('answers the app’s poll without counting it as the person’s activity', async () => {
      const sessionId = () =>
        server.db.kysely
          .selectFrom('user_session')
          .select(['id', 'last_seen_at'])
          .where('user_id', '=', reader.id)
          .executeTakeFirstOrThrow();
      const idle = new Date(Date.now() - 10 * 60_000);
      await server.db.kysely
        .updateTable('user_session')
        .set({ last_seen_at: idle })
        .where('user_id', '=', reader.id)
        .execute();
      const polled = await api(server, 'GET', '/notifications?limit=0', {
        token: reader.token,
        headers: { 'x-homeward-background': '1' },
      });
      expect(polled.status).toBe(200);
      expect((await sessionId()).last_seen_at.getTime()).toBe(idle.getTime());
      expect((await inbox(reader, '?limit=0')).status).toBe(200);
      expect((await sessionId()).last_seen_at.getTime()).toBeGreaterThan(idle.getTime());
    });

    it('needs a signed-in user', async () => {
      expect((await api(server, 'GET', '/notifications')).status).toBe(401);
      expect((await api(server, 'POST', '/notifications/read-all')).status).toBe(401);
    });
  });
});
