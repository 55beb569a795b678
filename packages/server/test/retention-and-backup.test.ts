import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AuditPage, CaseDetail, RetentionPreview, RetentionSettings } from '@homeward/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { REPO_ROOT } from '../src/paths';
import { dumpEmbeddedDatabase, restoreEmbeddedDatabase } from '../src/records/backup';
import { decryptWithPassphrase, encryptWithPassphrase } from '../src/records/passphrase-crypto';
import { runRetention } from '../src/records/retention.service';
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
} from './support/test-server';

const work = mkdtempSync(join(tmpdir(), 'homeward-records-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describeOnEachEngine('retention rules', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let old: CaseDetail;
  let recent: CaseDetail;
  const memberId = randomUUID();

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    old = (
      await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase({ alias: undefined }) })
    ).body;
    recent = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
    const family = await api(server, 'POST', `/cases/${old.id}/events`, {
      token: ngo.user.token,
      body: {
        type: 'family_member',
        occurredOn: TODAY,
        payload: {
          memberId,
          name: 'Sok Chanthou',
          relationship: 'mother',
          phone: '012 345 678',
          whereaboutsKnown: true,
          villageCode: '01020101',
        },
      },
    });
    expect(family.status).toBe(201);
    // Years must pass for a rule to fall due; the closures are set where no request could put them.
    await sql`update child_case set status = 'closed', closed_on = '2019-05-01' where id = ${old.id}`.execute(
      server.db.kysely,
    );
    await sql`update child_case set status = 'closed', closed_on = '2025-05-01' where id = ${recent.id}`.execute(
      server.db.kysely,
    );
  });
  afterAll(() => server.close());

  it('are off until an administrator sets one, and only administrators may', async () => {
    const settings = await api<RetentionSettings>(server, 'GET', '/settings/retention', { token: ngo.user.token });
    expect(settings.body).toEqual({ rules: [] });
    const preview = await api<RetentionPreview>(server, 'GET', '/settings/retention/preview', {
      token: ngo.user.token,
    });
    expect(preview.body.items).toEqual([]);
    const worker = await ngo.addUser(['caseworker']);
    const refused = await api<Problem>(server, 'PUT', '/settings/retention', {
      token: worker.token,
      body: { rules: [{ status: 'closed', action: 'pseudonymise', afterYears: 5 }] },
    });
    expect(refused.status).toBe(403);
    const bad = await api<Problem>(server, 'PUT', '/settings/retention', {
      token: ngo.user.token,
      body: { rules: [{ status: 'closed', action: 'pseudonymise', afterYears: 0 }] },
    });
    expect(bad.status).toBe(400);
    expect(
      (await api<RetentionSettings>(server, 'GET', '/settings/retention', { token: ngo.user.token })).body,
    ).toEqual({ rules: [] });
  });

  it('preview the due cases by number, then pseudonymise them with an audit entry each', async () => {
    const saved = await api<RetentionSettings>(server, 'PUT', '/settings/retention', {
      token: ngo.user.token,
      body: { rules: [{ status: 'closed', action: 'pseudonymise', afterYears: 5 }] },
    });
    expect(saved.status).toBe(200);
    const preview = await api<RetentionPreview>(server, 'GET', '/settings/retention/preview', {
      token: ngo.user.token,
    });
    expect(preview.body.items).toEqual([
      expect.objectContaining({ caseId: old.id, caseNumber: old.caseNumber, dueOn: '2024-05-01' }),
    ]);
    expect(JSON.stringify(preview.body)).not.toMatch(/Dara|ដារា/);

    const applied = await runRetention(server.db.kysely, ngo.id, TODAY);
    expect(applied.map((item) => item.caseNumber)).toEqual([old.caseNumber]);

    const child = await api<CaseDetail>(server, 'GET', `/cases/${old.id}`, { token: ngo.user.token });
    expect(child.body).toMatchObject({
      familyNameKm: null,
      givenNameKm: null,
      familyNameLatin: null,
      givenNameLatin: null,
      alias: old.caseNumber,
      dateOfBirth: '2012-01-01',
      dateOfBirthEstimated: true,
      villageCode: null,
    });
    const events = await api<{ items: { type: string; payload: Record<string, unknown> }[] }>(
      server,
      'GET',
      `/cases/${old.id}/events`,
      { token: ngo.user.token },
    );
    const member = events.body.items.find((event) => event.type === 'family_member');
    expect(member?.payload).toEqual({ memberId, name: old.caseNumber, relationship: 'mother', whereaboutsKnown: true });
    const untouched = await api<CaseDetail>(server, 'GET', `/cases/${recent.id}`, { token: ngo.user.token });
    expect(untouched.body.givenNameLatin).toBe('Dara');
    const search = await api<{ total: number }>(server, 'GET', '/cases?q=Dara', { token: ngo.user.token });
    expect(search.body.total).toBe(1);

    const audit = await api<AuditPage>(server, 'GET', '/audit?action=case.pseudonymise', { token: ngo.user.token });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ userId: null, caseNumber: old.caseNumber });

    expect(await runRetention(server.db.kysely, ngo.id, TODAY)).toEqual([]);
  });
});

describe('passphrase encryption and backups', () => {
  it('round-trips with the passphrase and refuses a wrong one or a changed byte', () => {
    const plain = Buffer.from('a backup of the shelter’s records');
    const sealed = encryptWithPassphrase(plain, 'correct horse battery');
    expect(sealed.includes(plain)).toBe(false);
    expect(decryptWithPassphrase(sealed, 'correct horse battery').equals(plain)).toBe(true);
    expect(() => decryptWithPassphrase(sealed, 'wrong horse battery')).toThrow(/passphrase is wrong/);
    const changed = Buffer.from(sealed);
    changed[changed.length - 1]! ^= 1;
    expect(() => decryptWithPassphrase(changed, 'correct horse battery')).toThrow(/passphrase is wrong/);
  });

  it('backs up the embedded database and restores it into a new folder only', async () => {
    const server = await startTestServer('pglite');
    try {
      const ngo = await createTestOrganisation(server, { withUser: ['caseworker'] });
      await api(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() });
      const sealed = encryptWithPassphrase(await dumpEmbeddedDatabase(server.db), 'correct horse battery');
      const target = join(work, 'restored');
      await restoreEmbeddedDatabase(target, decryptWithPassphrase(sealed, 'correct horse battery'));
      const restored = await openDatabase({ engine: 'pglite', dataDir: target });
      try {
        const rows = await restored.kysely.selectFrom('child_case').select('given_name_latin').execute();
        expect(rows).toEqual([{ given_name_latin: 'Dara' }]);
      } finally {
        await restored.close();
      }
      await expect(restoreEmbeddedDatabase(target, Buffer.alloc(0))).rejects.toThrow(/not empty/);
    } finally {
      await server.close();
    }
  });

  it('backs up, restores and previews retention through the command line', () => {
    const bin = resolve(REPO_ROOT, 'packages/server/bin/homeward.js');
    const passFile = join(work, 'backup.pass');
    writeFileSync(passFile, 'correct horse battery', { mode: 0o600 });
    const env = { ...process.env, HOMEWARD_DATA_DIR: join(work, 'cli-data'), DATABASE_URL: '' };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
    const backupFile = join(work, 'cli.backup');
    const backup = run('backup', '--out', backupFile, '--passphrase-file', passFile);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    const restored = run(
      'restore',
      '--in',
      backupFile,
      '--passphrase-file',
      passFile,
      '--data-dir',
      join(work, 'cli-restored'),
    );
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('Restored into');
    const preview = run('retention', 'preview');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('No organisation has a retention rule');
    // Three commands, each opening a new embedded database: slow on a busy machine.
  }, 300_000);

  it('encrypts and decrypts through the command line with a passphrase file', () => {
    const bin = resolve(REPO_ROOT, 'packages/server/bin/homeward.js');
    const passFile = join(work, 'pass');
    writeFileSync(passFile, 'correct horse battery\n', { mode: 0o600 });
    const plain = join(work, 'plain.sql');
    writeFileSync(plain, 'create table t ();\n');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(run('encrypt', '--passphrase-file', passFile, '--in', plain, '--out', join(work, 'x.enc')).status).toBe(0);
    expect(readFileSync(join(work, 'x.enc')).includes(Buffer.from('create table'))).toBe(false);
    const back = run('decrypt', '--passphrase-file', passFile, '--in', join(work, 'x.enc'));
    expect(back.status).toBe(0);
    expect(back.stdout).toBe('create table t ();\n');
    writeFileSync(passFile, 'another passphrase');
    const wrong = run('decrypt', '--passphrase-file', passFile, '--in', join(work, 'x.enc'));
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('passphrase is wrong');
  });
});
