import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../src/db/folder-lock';
import { REPO_ROOT } from '../src/paths';

const BIN = resolve(REPO_ROOT, 'packages/server/bin/homeward.js');
const work = mkdtempSync(join(tmpdir(), 'homeward-folder-'));
const dataDir = join(work, 'data');
const passphrase = join(work, 'pass');
const wrongPassphrase = join(work, 'wrong');
writeFileSync(passphrase, 'a long enough passphrase\n', { mode: 0o600 });
writeFileSync(wrongPassphrase, 'another long passphrase\n', { mode: 0o600 });

function homeward(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 280_000,
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

const IN_USE = /in use by another Homeward process \(pid \d+\)/;
const NOT_A_BACKUP = 'This is not a usable Homeward backup';

describe('one embedded data folder, one process', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('refuses a second serve, migrate, backup or restore on a folder in use, and takes over a stale lock', () => {
    expect(homeward('migrate').status).toBe(0);
    expect(homeward('backup', '--out', join(work, 'b.enc'), '--passphrase-file', passphrase).status).toBe(0);
    const running = lockDataFolder(dataDir);
    try {
      for (const args of [
        ['serve'],
        ['migrate'],
        ['backup', '--out', join(work, 'b.enc'), '--passphrase-file', passphrase],
        ['restore', '--in', join(work, 'b.enc'), '--passphrase-file', passphrase, '--data-dir', dataDir],
      ]) {
        const refused = homeward(...args);
        expect(refused.status, args[0]).toBe(1);
        expect(refused.out, args[0]).toMatch(IN_USE);
        expect(refused.out, args[0]).not.toMatch(/at .*\.ts:\d+/);
      }
    } finally {
      running.release();
    }
    // A server killed without a chance to clean up leaves its lock behind, naming a process that is gone.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${dataDir}.lock`, String(gone));
    const after = homeward('migrate');
    expect(after.status).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 1_200_000);

  it('says the same clear thing of every unusable backup, and restores a good one', () => {
    const backup = join(work, 'good.enc');
    expect(homeward('backup', '--out', backup, '--passphrase-file', passphrase).status).toBe(0);
    const whole = readFileSync(backup);
    writeFileSync(join(work, 'tiny.enc'), whole.subarray(0, 20));
    writeFileSync(join(work, 'cut.enc'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(work, 'junk.enc'), Buffer.from('not a backup at all, just some text\n'));
    const restore = (file: string, pass = passphrase, target = join(work, `restored-${file}`)) =>
      homeward('restore', '--in', join(work, file), '--passphrase-file', pass, '--data-dir', target);

    for (const [file, pass] of [
      ['tiny.enc', passphrase],
      ['cut.enc', passphrase],
      ['junk.enc', passphrase],
      ['good.enc', wrongPassphrase],
    ] as const) {
      const refused = restore(file, pass);
      expect(refused.status, file).toBe(1);
      expect(refused.out, file).toContain(NOT_A_BACKUP);
      expect(refused.out, file).not.toMatch(/initialization vector|ENOENT|at .*\.ts:\d+/);
    }
    const missing = restore('missing.enc');
    expect(missing.status).toBe(1);
    expect(missing.out).toContain('There is no backup file at');
    expect(missing.out).not.toContain('ENOENT');

    const good = restore('good.enc');
    expect(good.status).toBe(0);
    expect(good.out).toContain('Restored into');
  }, 1_200_000);
});
