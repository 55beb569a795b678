import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CaseDetail, HubCredentials } from '@homeward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths';
import { aNewCase } from './support/cases';
import { api, createTestOrganisation, startTestServer, type TestServer } from './support/test-server';

const BIN = resolve(REPO_ROOT, 'packages/server/bin/homeward.js');
const dataDir = mkdtempSync(join(tmpdir(), 'homeward-hub-'));

/** The command runs while this process serves the central server, so it must not block the event loop. */
function homeward(...args: string[]): Promise<{ status: number; out: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 120_000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('the homeward hub commands', () => {
  let central: TestServer;
  let credentials: HubCredentials;
  let child: CaseDetail;

  beforeAll(async () => {
    central = await startTestServer('pglite');
    const ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    child = (await api<CaseDetail>(central, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
    credentials = (
      await api<HubCredentials>(central, 'POST', '/devices/hubs', {
        token: ngo.user.token,
        body: { id: randomUUID(), name: 'Shelter laptop' },
      })
    ).body;
  });
  afterAll(async () => {
    await central?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('links with the token and syncs at once, then syncs again on request; a wrong token links nothing', async () => {
    const origin = new URL(central.url('/health')).origin;
    const wrong = await homeward('hub', 'link', '--central', origin, '--token', 'hwhub_not-a-token');
    expect(wrong.status).not.toBe(0);
    expect(wrong.out).toContain('401');
    const unlinked = await homeward('hub', 'sync');
    expect(unlinked.status).not.toBe(0);
    expect(unlinked.out).toContain('not linked');

    const linked = await homeward('hub', 'link', '--central', origin, '--token', credentials.token);
    expect(linked.out).toContain('Linked as hub “Shelter laptop”');
    expect(linked.out).toContain('received: 1 cases');
    expect(linked.status).toBe(0);
    // The child's name never reaches the terminal.
    expect(linked.out).not.toContain(child.givenNameLatin);

    const again = await homeward('hub', 'sync');
    expect(again.out).toContain('Sync round done.');
    expect(again.out).toContain('sent: 0; received: 0 cases');
    expect(again.status).toBe(0);
  }, 240_000);
});
