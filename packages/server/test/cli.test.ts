import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths';

const BIN = resolve(REPO_ROOT, 'packages/server/bin/homeward.js');
const dataDir = mkdtempSync(join(tmpdir(), 'homeward-cli-'));

function homeward(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe('the homeward command', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('explains itself and every command with --help', () => {
    const top = homeward('--help');
    expect(top.status).toBe(0);
    for (const command of ['serve', 'migrate', 'init', 'demo']) expect(top.out).toContain(command);
    for (const [command, option] of [
      ['serve', '--port'],
      ['migrate', 'schema'],
      ['init', '--password'],
      ['demo', 'demo'],
    ] as const) {
      const help = homeward(command, '--help');
      expect(help.status, command).toBe(0);
      expect(help.out, command).toContain(option);
    }
  });

  it('refuses a bad email or a short password before touching the database', () => {
    const bad = homeward('init', '--org', 'Damnok Toek', '--email', 'not-an-email', '--password', 'short');
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('Enter a valid email address.');
    expect(bad.out).toContain('at least 10 characters');
    expect(bad.out).not.toMatch(/at .*\.ts:\d+/);
  });

  it('migrates, creates the first organisation once, then refuses politely', () => {
    const migrate = homeward('migrate');
    expect(migrate.status).toBe(0);
    expect(migrate.out).toContain('2026-11-23T1500-foundation');
    expect(homeward('migrate').out).toContain('up to date');

    const init = homeward(
      'init',
      '--org',
      'Damnok Toek',
      '--email',
      'admin@dt.example',
      '--password',
      'a-long-enough-secret',
    );
    expect(init.status).toBe(0);
    expect(init.out).toContain('Created “Damnok Toek” with administrator admin@dt.example.');

    const again = homeward('init', '--org', 'Other', '--email', 'x@x.example', '--password', 'a-long-enough-secret');
    expect(again.status).toBe(1);
    expect(again.out).toContain('already set up');
    const verify = homeward('audit', 'verify');
    expect(verify.status).toBe(0);
    expect(verify.out).toMatch(/The audit log is intact: \d+ entries/);
    const demo = homeward('demo');
    expect(demo.status).toBe(1);
    expect(demo.out).toContain('only into an empty one');
  });
});
