import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, FieldConflictDetail, ReportResult } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { changedTables, fingerprint, fingerprintedTables } from './support/fingerprint';
import type { Problem } from './support/problem';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

type Conflict = Problem & { conflicts: FieldConflictDetail[] };

describeOnEachEngine('correcting a case', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let supervisor: TestUser;
  let other: TestOrganisation;
  let tables: string[];
  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    supervisor = await ngo.addUser(['supervisor']);
    other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    tables = await fingerprintedTables(server.db.kysely);
  });
  afterAll(() => server.close());

  const open = async (overrides = {}) =>
    (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase(overrides) })).body;
  const read = async (id: string, user: TestUser = ngo.user) =>
    (await api<CaseDetail>(server, 'GET', `/cases/${id}`, { token: user.token })).body;
  const correct = (id: string, body: unknown, user: TestUser = ngo.user) =>
    api<CaseDetail & Conflict>(server, 'PATCH', `/cases/${id}`, { token: user.token, body });
  const events = async (id: string) =>
    (await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${id}/events`, { token: ngo.user.token })).body.items;

  it('corrects names, birth date, nationality and the referral, keeping both values in the history', async () => {
    const child = await open();
    expect(child.fieldVersions).toEqual({});
    expect(child.nationality).toBeNull();
    const response = await correct(child.id, {
      changes: {
        givenNameLatin: 'Darra',
        dateOfBirth: '2012-04-14',
        nationality: 'Cambodian',
        caseTypes: ['SA'],
        'referral.source': 'police',
        'referral.referredOn': '2026-09-30',
      },
      baseVersions: {
        givenNameLatin: 0,
        dateOfBirth: 0,
        nationality: 0,
        caseTypes: 0,
        'referral.source': 0,
        'referral.referredOn': 0,
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      givenNameLatin: 'Darra',
      dateOfBirth: '2012-04-14',
      nationality: 'Cambodian',
      caseTypes: ['SA'],
      openedOn: '2026-09-30',
      referral: { source: 'police', sourceName: 'Poipet Transit Centre', referredOn: '2026-09-30' },
      fieldVersions: {
        givenNameLatin: 1,
        dateOfBirth: 1,
        nationality: 1,
        caseTypes: 1,
        'referral.source': 1,
        'referral.referredOn': 1,
      },
    });
    expect(response.body.version).toBeGreaterThan(child.version);
    const correction = (await events(child.id)).find((event) => event.type === 'profile_correction');
    expect(correction?.authorName).toBeTruthy();
    expect(correction?.payload.changes).toMatchObject({
      givenNameLatin: { from: 'Dara', to: 'Darra', baseVersion: 0, version: 1 },
      caseTypes: { from: ['TL', 'RC'], to: ['SA'] },
    });
    // The search follows the corrected name.
    const found = await api<{ items: { id: string }[] }>(server, 'GET', '/cases?q=darra', { token: ngo.user.token });
    expect(found.body.items.map((item) => item.id)).toContain(child.id);
  });

  it('raises the whole-case version with every change: an event, an assignment, a correction', async () => {
    const child = await open();
    const afterEvent = await api(server, 'POST', `/cases/${child.id}/events`, {
      token: ngo.user.token,
      body: { type: 'note', occurredOn: '2026-10-05', payload: { text: 'Settled in' } },
    });
    expect(afterEvent.status).toBe(201);
    const v1 = (await read(child.id)).version;
    expect(v1).toBeGreaterThan(child.version);
    await api(server, 'PUT', `/cases/${child.id}/assignment`, {
      token: ngo.user.token,
      body: { workerId: supervisor.id },
    });
    const v2 = (await read(child.id)).version;
    expect(v2).toBeGreaterThan(v1);
    await correct(child.id, { changes: { alias: 'Girl B' }, baseVersions: { alias: 0 } });
    expect((await read(child.id)).version).toBeGreaterThan(v2);
  });

  it('answers 409 with both values for a stale field, and changes nothing', async () => {
    const child = await open();
    const first = await correct(child.id, {
      changes: { givenNameLatin: 'Dara A' },
      baseVersions: { givenNameLatin: 0 },
    });
    expect(first.status).toBe(200);
    const before = await fingerprint(server.db.kysely, tables);
    const stale = await correct(child.id, {
      changes: { givenNameLatin: 'Dara B', alias: 'Girl C' },
      baseVersions: { givenNameLatin: 0, alias: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.code).toBe('conflict');
    expect(stale.body.conflicts).toEqual([
      expect.objectContaining({ field: 'givenNameLatin', yours: 'Dara B', current: 'Dara A', currentVersion: 1 }),
    ]);
    expect(stale.body.conflicts[0]?.changedBy).toBeTruthy();
    expect(changedTables(before, await fingerprint(server.db.kysely, tables))).toEqual([]);
    // Resent from the current version, it applies; a stale change equal to the current value is no conflict.
    const resent = await correct(child.id, {
      changes: { givenNameLatin: 'Dara B', alias: 'Girl C' },
      baseVersions: { givenNameLatin: 1, alias: 0 },
    });
    expect(resent.status).toBe(200);
    expect(resent.body.fieldVersions).toMatchObject({ givenNameLatin: 2, alias: 1 });
    const same = await correct(child.id, {
      changes: { givenNameLatin: 'Dara B' },
      baseVersions: { givenNameLatin: 0 },
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(resent.body.version);
  });

  it('refuses a correction of identity to a role that may not write it, writing nothing', async () => {
    const child = await open();
    const policy = '/settings/access-policy';
    await api(server, 'PUT', policy, { token: ngo.user.token, body: { supervisor: { tiers: { identity: 'read' } } } });
    const supervisorNow = await ngo.addUser(['supervisor']);
    const before = await fingerprint(server.db.kysely, tables);
    const refused = await correct(
      child.id,
      { changes: { givenNameLatin: 'Other', caseTypes: ['SA'] }, baseVersions: { givenNameLatin: 0, caseTypes: 0 } },
      supervisorNow,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('tier_read_only');
    expect(refused.body.detail).toContain('identity');
    expect(changedTables(before, await fingerprint(server.db.kysely, tables))).toEqual([]);
    const allowed = await correct(
      child.id,
      { changes: { caseTypes: ['SA'] }, baseVersions: { caseTypes: 0 } },
      supervisorNow,
    );
    expect(allowed.status).toBe(200);
    await api(server, 'PUT', policy, { token: ngo.user.token, body: {} });
  });

  it('answers 404 for another organisation’s case and 400 for bad input, writing nothing', async () => {
    const child = await open();
    const before = await fingerprint(server.db.kysely, tables);
    const theirs = await correct(child.id, { changes: { alias: 'X' }, baseVersions: { alias: 0 } }, other.user);
    expect(theirs.status).toBe(404);
    for (const body of [
      { changes: { alias: 'X' }, baseVersions: {} },
      { changes: {}, baseVersions: {} },
      { changes: { caseNumber: 'X' }, baseVersions: { caseNumber: 0 } },
      { changes: { caseTypes: [] }, baseVersions: { caseTypes: 0 } },
      { changes: { dateOfBirth: '2012-02-30' }, baseVersions: { dateOfBirth: 0 } },
      { changes: { sex: 'unknown' }, baseVersions: { sex: 0 } },
    ]) {
      const response = await correct(child.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const future = await correct(child.id, {
      changes: { 'referral.referredOn': '2099-01-01' },
      baseVersions: { 'referral.referredOn': 0 },
    });
    expect(future.status).toBe(400);
    const nameless = await correct(child.id, {
      changes: { givenNameKm: '', givenNameLatin: null },
      baseVersions: { givenNameKm: 0, givenNameLatin: 0 },
    });
    expect(nameless.status).toBe(400);
    const ignored = changedTables(before, await fingerprint(server.db.kysely, tables));
    expect(ignored).toEqual([]);
  });

  it('writes a retried correction once, even when the two copies arrive at once', async () => {
    const child = await open();
    const body = { id: randomUUID(), changes: { alias: 'Girl D' }, baseVersions: { alias: 0 } };
    const answers = await Promise.all([correct(child.id, body), correct(child.id, body), correct(child.id, body)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.map((answer) => answer.body.alias)).toEqual(['Girl D', 'Girl D', 'Girl D']);
    const corrections = (await events(child.id)).filter((event) => event.type === 'profile_correction');
    expect(corrections).toHaveLength(1);
    const reused = await correct(child.id, { ...body, changes: { alias: 'Someone else' } });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('id_taken');
  });

  it('hides corrected values of a tier from a reader who may not see it', async () => {
    const child = await open();
    await correct(child.id, { changes: { givenNameLatin: 'Secretname' }, baseVersions: { givenNameLatin: 0 } });
    const officer = await ngo.addUser(['me_officer']);
    const timeline = await api(server, 'GET', `/cases/${child.id}/events`, { token: officer.token });
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).not.toContain('Secretname');
    expect(JSON.stringify(timeline.body)).not.toContain('Dara');
  });

  it('re-runs a report with the corrected case type and says it includes later corrections', async () => {
    const shelter = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const created = await api<CaseDetail>(server, 'POST', '/cases', {
      token: shelter.user.token,
      body: aNewCase({ caseTypes: ['DV'], referral: { source: 'police', referredOn: '2026-07-10' } }),
    });
    const child = created.body;
    const query = 'from=2026-07-01&to=2026-09-30';
    const run = async () =>
      (await api<ReportResult>(server, 'GET', `/reports/shelter-quarterly?${query}`, { token: shelter.user.token }))
        .body;
    const rowOf = (result: ReportResult, key: string) => {
      const table = result.tables.find((candidate) => candidate.id === 'referrals-by-case-type');
      const index = table?.rows.findIndex((row) => row.key === key) ?? -1;
      return index < 0 ? 0 : (table?.rowTotals[index] ?? 0);
    };
    const before = await run();
    expect(rowOf(before, 'DV')).toBe(1);
    expect(before.correctedLater).toBe(false);
    await correct(child.id, { changes: { caseTypes: ['SA'] }, baseVersions: { caseTypes: 0 } }, shelter.user);
    const after = await run();
    expect(rowOf(after, 'DV')).toBe(0);
    expect(rowOf(after, 'SA')).toBe(1);
    expect(after.correctedLater).toBe(true);
    expect(after.notices.join(' ')).toContain('Figures include later corrections');
  });
});
