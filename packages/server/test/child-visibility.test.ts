import type { CaseDetail, CaseList, Supervision, TaskList } from '@homeward/core';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { up as backfill } from '../src/db/migrations/2026-12-06T1301-romanised-search-key-backfill';
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

/**
 * Who a child is reaches a reader only through the case's scope and tier check: in lists (tasks, supervision),
 * in answers to a search by name or birth date, and in search across the two scripts.
 */
describeOnEachEngine('child visibility: lists, identity search terms, search across scripts', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let me: TestUser;
  let supervisor: TestUser;
  let khmerOnly: CaseDetail;
  let latinOnly: CaseDetail;

  const get = <T>(user: TestUser, path: string) => api<T>(server, 'GET', path, { token: user.token });
  const found = async (user: TestUser, q: string) =>
    (await get<CaseList>(user, `/cases?q=${encodeURIComponent(q)}`)).body.items.map((item) => item.id);

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    me = await ngo.addUser(['me_officer']);
    supervisor = await ngo.addUser(['supervisor']);
    const open = async (names: Parameters<typeof aNewCase>[0]) =>
      (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase(names) })).body;
    khmerOnly = await open({
      familyNameKm: 'ចាន់',
      givenNameKm: 'ធីតា',
      familyNameLatin: undefined,
      givenNameLatin: undefined,
      alias: 'Girl T',
      dateOfBirth: '2013-02-11',
    });
    latinOnly = await open({
      familyNameKm: undefined,
      givenNameKm: undefined,
      familyNameLatin: 'Keo',
      givenNameLatin: 'Sreypov',
      alias: 'Girl S',
      dateOfBirth: '2012-08-30',
    });
    const task = await api(server, 'POST', '/tasks', {
      token: ngo.user.token,
      body: { caseId: khmerOnly.id, assignedTo: me.id, title: 'Check the numbers', dueOn: TODAY },
    });
    expect(task.status).toBe(201);
  });
  afterAll(() => server.close());

  it('finds a child registered in Khmer script by a Latin spelling, and one registered in Latin by Khmer', async () => {
    expect(await found(ngo.user, 'Thida')).toEqual([khmerOnly.id]);
    expect(await found(ngo.user, 'chan tida')).toEqual([khmerOnly.id]);
    expect(await found(ngo.user, 'ស្រីពៅ')).toEqual([latinOnly.id]);
    expect(await found(ngo.user, 'ស្រី')).toEqual([latinOnly.id]);
    // The exact text still answers as before.
    expect(await found(ngo.user, 'ធីតា')).toEqual([khmerOnly.id]);
    expect(await found(ngo.user, 'Sreypov')).toEqual([latinOnly.id]);
  });

  it('back-fills the romanised key of cases written before it existed', async () => {
    await sql`update child_case set romanised_key = null`.execute(server.db.kysely);
    expect(await found(ngo.user, 'Thida')).toEqual([]);
    await backfill(server.db.kysely as unknown as Kysely<unknown>);
    expect(await found(ngo.user, 'Thida')).toEqual([khmerOnly.id]);
    expect(await found(ngo.user, 'ស្រីពៅ')).toEqual([latinOnly.id]);
  });

  it('answers a search by a guessed name without saying which child has it, to a role that may not read identity', async () => {
    expect(await found(me, 'Sreypov')).toEqual([]);
    expect(await found(me, 'Thida')).toEqual([]);
    // What it may read still finds the case: the case number and the alias.
    expect(await found(me, latinOnly.caseNumber)).toEqual([latinOnly.id]);
    expect(await found(me, 'girl t')).toEqual([khmerOnly.id]);
  });

  it('refuses a duplicate check by name or birth date to a role that may not read identity', async () => {
    for (const body of [
      { givenNameLatin: 'Sreypov', familyNameLatin: 'Keo' },
      { givenNameKm: 'ធីតា' },
      { dateOfBirth: '2012-08-30', sex: 'female' },
    ]) {
      const refused = await api<{ code: string }>(server, 'POST', '/cases/duplicates', { token: me.token, body });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('identity_terms_refused');
    }
    const allowed = await api<{ items: unknown[] }>(server, 'POST', '/cases/duplicates', {
      token: supervisor.token,
      body: { givenNameLatin: 'Sreypov', familyNameLatin: 'Keo', dateOfBirth: '2012-08-30', sex: 'female' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.items).toHaveLength(1);
  });

  it('lists tasks and supervision with names withheld by tier, the alias kept, and audits the case ids', async () => {
    const tasks = await get<TaskList>(me, '/tasks');
    expect(tasks.status).toBe(200);
    const given = tasks.body.items.find((item) => item.caseId === khmerOnly.id);
    expect(given).toMatchObject({ givenNameKm: null, familyNameKm: null, alias: 'Girl T', hidden: ['identity'] });
    expect(JSON.stringify(tasks.body)).not.toContain('ធីតា');

    const seen = await get<Supervision>(supervisor, '/supervision');
    const gap = seen.body.withoutAssessment.find((item) => item.caseId === khmerOnly.id);
    expect(gap).toMatchObject({ givenNameKm: 'ធីតា', alias: 'Girl T', hidden: [] });

    const audit = await get<{ items: { action: string; detail: { caseIds?: string[] } }[] }>(
      ngo.user,
      '/audit?action=task.list',
    );
    expect(audit.body.items[0]?.detail.caseIds).toEqual([khmerOnly.id]);
  });
});
