import type { AccessLog, AuditPage, CaseDetail } from '@homeward/core';
import { TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-verify';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import type { Problem } from './support/problem';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

async function zipFrom(response: Response, password?: string) {
  const data = new Uint8Array(await response.arrayBuffer());
  const reader = new ZipReader(new Uint8ArrayReader(data), password ? { password } : {});
  const entries = (await reader.getEntries()).filter((entry): entry is FileEntry => !entry.directory);
  const text = (name: string) => {
    const entry = entries.find((candidate) => candidate.filename === name);
    if (!entry) throw new Error(`${name} is not in the ZIP.`);
    return entry.getData(new TextWriter());
  };
  return { entries, text, data };
}

describeOnEachEngine('case records: access log, audit search, prints, exports, deletion, rate limits', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let admin: TestUser;
  let supervisor: TestUser;
  let worker: TestUser;
  let other: TestOrganisation;
  let child: CaseDetail;

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    admin = ngo.user;
    supervisor = await ngo.addUser(['supervisor']);
    worker = await ngo.addUser(['caseworker']);
    other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    child = (await api<CaseDetail>(server, 'POST', '/cases', { token: worker.token, body: aNewCase() })).body;
    await api(server, 'GET', `/cases/${child.id}`, { token: worker.token });
  });
  afterAll(() => server.close());

  function fileRequest(user: TestUser, caseId: string, body?: object) {
    return fetch(server.url(`/cases/${caseId}/file`), {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${user.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  it('shows a supervisor who opened a case, and records that they looked', async () => {
    const log = await api<AccessLog>(server, 'GET', `/cases/${child.id}/access-log`, { token: supervisor.token });
    expect(log.status).toBe(200);
    const read = log.body.items.find((entry) => entry.action === 'case.read');
    expect(read).toMatchObject({
      userId: worker.id,
      roles: ['caseworker'],
      caseNumber: child.caseNumber,
      ip: '127.0.0.1',
    });
    expect(read?.userName).toMatch(/^Worker /);
    expect(log.body.items.map((entry) => entry.action)).toContain('case.create');

    const again = await api<AccessLog>(server, 'GET', `/cases/${child.id}/access-log`, { token: supervisor.token });
    expect(again.body.items[0]).toMatchObject({ action: 'case.access_log_read', userId: supervisor.id });
  });

  it('refuses the access log to a caseworker, and hides another organisation’s case', async () => {
    const refused = await api<Problem>(server, 'GET', `/cases/${child.id}/access-log`, { token: worker.token });
    expect(refused.status).toBe(403);
    const hidden = await api<Problem>(server, 'GET', `/cases/${child.id}/access-log`, { token: other.user.token });
    expect(hidden.status).toBe(404);
  });

  it('records a print with its form, and refuses an unknown form without writing', async () => {
    const before = (await verifyAuditChain(server.db.kysely)).entries;
    const bad = await api<Problem>(server, 'POST', `/cases/${child.id}/prints`, {
      token: worker.token,
      body: { form: 'not-a-form' },
    });
    expect(bad.status).toBe(400);
    expect((await verifyAuditChain(server.db.kysely)).entries).toBe(before);
    const printed = await api(server, 'POST', `/cases/${child.id}/prints`, {
      token: worker.token,
      body: { form: 'assessment', alias: true },
    });
    expect(printed.status).toBe(204);
    const found = await api<AuditPage>(server, 'GET', `/audit?action=case.print&caseNumber=${child.caseNumber}`, {
      token: admin.token,
    });
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ userId: worker.id, detail: { form: 'assessment', alias: true } });
    const elsewhere = await api(server, 'POST', `/cases/${child.id}/prints`, {
      token: other.user.token,
      body: { form: 'assessment' },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('searches the audit log by user, action and date, in the admin’s organisation only', async () => {
    await api(server, 'POST', '/cases', { token: other.user.token, body: aNewCase() });
    const byUser = await api<AuditPage>(server, 'GET', `/audit?userId=${worker.id}&limit=2`, { token: admin.token });
    expect(byUser.status).toBe(200);
    expect(byUser.body.items).toHaveLength(2);
    expect(byUser.body.total).toBeGreaterThanOrEqual(3);
    expect(byUser.body.items.every((entry) => entry.userId === worker.id)).toBe(true);

    const all = await api<AuditPage>(server, 'GET', '/audit?limit=200', { token: admin.token });
    expect(all.body.items.some((entry) => entry.userId === other.user.id)).toBe(false);
    expect(all.body.items.some((entry) => entry.action === 'case.create')).toBe(true);

    const none = await api<AuditPage>(server, 'GET', '/audit?from=2020-01-01&to=2020-12-31', { token: admin.token });
    expect(none.body.total).toBe(0);
    const recent = await api<AuditPage>(server, 'GET', '/audit?from=2020-01-01&to=2099-12-31&action=case.create', {
      token: admin.token,
    });
    expect(recent.body.total).toBe(1);

    const searches = await api<AuditPage>(server, 'GET', '/audit?action=audit.search', { token: admin.token });
    expect(searches.body.items.length).toBeGreaterThanOrEqual(4);

    expect((await api(server, 'GET', '/audit', { token: supervisor.token })).status).toBe(403);
    const backwards = await api<Problem>(server, 'GET', '/audit?from=2026-02-01&to=2026-01-01', {
      token: admin.token,
    });
    expect(backwards.status).toBe(400);
  });

  it('exports the whole file as a ZIP with the decrypted photo, audited as case.export', async () => {
    await api(server, 'POST', `/cases/${child.id}/events`, {
      token: worker.token,
      body: { type: 'consent', occurredOn: TODAY, payload: { scope: 'photos', action: 'given', givenBy: 'guardian' } },
    });
    const photo = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#113355' } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('kind', 'photo');
    form.append('title', 'At the shelter');
    form.append('file', new Blob([new Uint8Array(photo)]), 'shelter.png');
    const uploaded = await fetch(server.url(`/cases/${child.id}/attachments`), {
      method: 'POST',
      headers: { authorization: `Bearer ${worker.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);

    const response = await fileRequest(admin, child.id, { language: 'km' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zip = await zipFrom(response);
    expect(zip.entries.map((entry) => entry.filename)).toEqual([
      'profile.json',
      'events.json',
      'summary.html',
      'attachments/01-shelter.png',
    ]);
    expect(JSON.parse(await zip.text('profile.json'))).toMatchObject({ caseNumber: child.caseNumber });
    const events = JSON.parse(await zip.text('events.json')) as { type: string }[];
    expect(events.map((event) => event.type)).toEqual(['intake', 'consent', 'document']);
    const summary = await zip.text('summary.html');
    expect(summary).toContain('ឯកសារករណី');
    expect(summary).toContain('ដារា');
    const stored = zip.entries.find((entry) => entry.filename.startsWith('attachments/'));
    const bytes = await stored!.getData(new Uint8ArrayWriter());
    expect((await sharp(bytes).metadata()).width).toBe(4);

    const audit = await api<AuditPage>(server, 'GET', `/audit?action=case.export&caseNumber=${child.caseNumber}`, {
      token: admin.token,
    });
    expect(audit.body.items[0]).toMatchObject({
      userId: admin.id,
      detail: { encrypted: false, language: 'km', attachments: 1, events: 3 },
    });
  });

  it('encrypts the ZIP with AES-256 when given a passphrase, and it opens only with that passphrase', async () => {
    const passphrase = 'river-mango-lantern-42';
    const response = await fileRequest(admin, child.id, { passphrase });
    expect(response.status).toBe(200);
    const zip = await zipFrom(response, passphrase);
    expect(zip.entries.every((entry) => entry.encrypted)).toBe(true);
    expect(JSON.parse(await zip.text('profile.json'))).toMatchObject({ givenNameLatin: 'Dara' });
    expect(Buffer.from(zip.data).includes(Buffer.from('Dara'))).toBe(false);

    const wrong = new ZipReader(new Uint8ArrayReader(zip.data), { password: 'not-the-passphrase' });
    const [first] = (await wrong.getEntries()).filter((entry): entry is FileEntry => !entry.directory);
    await expect(first!.getData(new TextWriter())).rejects.toThrow();

    const short = await fileRequest(admin, child.id, { passphrase: 'short' });
    expect(short.status).toBe(400);
  });

  it('refuses the export to roles without case.export and to other organisations', async () => {
    expect((await fileRequest(supervisor, child.id)).status).toBe(403);
    expect((await fileRequest(other.user, child.id)).status).toBe(404);
  });

  it('throttles the whole-file export with 429, Retry-After and a problem body', async () => {
    const exporter = await ngo.addUser(['org_admin']);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let n = 0; n < 11; n += 1) {
      last = await fileRequest(exporter, child.id);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect(((await last!.json()) as Problem).code).toBe('throttled');
    // Another user is counted apart: one colleague's exports do not lock out the others.
    expect((await fileRequest(admin, child.id)).status).toBe(200);
  });

  it('throttles case search per user', async () => {
    const searcher = await ngo.addUser(['caseworker']);
    let last = 0;
    for (let n = 0; n <= 120; n += 1) last = (await api(server, 'GET', '/cases?q=x', { token: searcher.token })).status;
    expect(last).toBe(429);
    expect((await api(server, 'GET', '/cases?q=x', { token: worker.token })).status).toBe(200);
  });

  it('deletes a case only with a reason and its number typed, keeping the number and reason in the audit', async () => {
    const doomed = (await api<CaseDetail>(server, 'POST', '/cases', { token: worker.token, body: aNewCase() })).body;
    const task = await api(server, 'POST', '/tasks', {
      token: admin.token,
      body: { caseId: doomed.id, assignedTo: worker.id, title: 'Visit', dueOn: TODAY },
    });
    expect(task.status).toBe(201);
    // A placement leaves a care stay behind it, which goes with the case.
    const placed = await api(server, 'POST', `/cases/${doomed.id}/events`, {
      token: worker.token,
      body: { type: 'placement', occurredOn: TODAY, payload: { careType: 'kinship' } },
    });
    expect(placed.status).toBe(201);
    const noReason = await api<Problem>(server, 'DELETE', `/cases/${doomed.id}`, {
      token: admin.token,
      body: { reason: 'dup', confirmCaseNumber: doomed.caseNumber },
    });
    expect(noReason.status).toBe(400);
    const mismatch = await api<Problem>(server, 'DELETE', `/cases/${doomed.id}`, {
      token: admin.token,
      body: { reason: 'Entered twice by mistake', confirmCaseNumber: child.caseNumber },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('confirmation_mismatch');
    const byWorker = await api(server, 'DELETE', `/cases/${doomed.id}`, {
      token: worker.token,
      body: { reason: 'Entered twice by mistake', confirmCaseNumber: doomed.caseNumber },
    });
    expect(byWorker.status).toBe(403);
    const byOther = await api(server, 'DELETE', `/cases/${doomed.id}`, {
      token: other.user.token,
      body: { reason: 'Entered twice by mistake', confirmCaseNumber: doomed.caseNumber },
    });
    expect(byOther.status).toBe(404);
    expect((await api(server, 'GET', `/cases/${doomed.id}`, { token: worker.token })).status).toBe(200);

    const deleted = await api(server, 'DELETE', `/cases/${doomed.id}`, {
      token: admin.token,
      body: { reason: 'Entered twice by mistake', confirmCaseNumber: doomed.caseNumber },
    });
    expect(deleted.status).toBe(204);
    expect((await api(server, 'GET', `/cases/${doomed.id}`, { token: worker.token })).status).toBe(404);
    for (const table of ['case_event', 'task'] as const) {
      const rows = await server.db.kysely.selectFrom(table).select('id').where('case_id', '=', doomed.id).execute();
      expect(rows, table).toEqual([]);
    }
    const audit = await api<AuditPage>(server, 'GET', `/audit?caseNumber=${doomed.caseNumber}&action=case.delete`, {
      token: admin.token,
    });
    expect(audit.body.items).toHaveLength(1);
    const entry = audit.body.items[0]!;
    expect(entry).toMatchObject({ caseNumber: doomed.caseNumber, detail: { reason: 'Entered twice by mistake' } });
    expect(JSON.stringify(entry)).not.toMatch(/Dara|ដារា|Sok/);
    expect((await verifyAuditChain(server.db.kysely)).problems).toEqual([]);
  });
});
