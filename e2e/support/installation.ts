import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Installation {
  baseUrl: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server stopped before it was ready:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`The server did not answer within two minutes:\n${output()}`);
}

/** The real `homeward serve` on an empty embedded database of its own (a test may start one more installation). */
export async function startServer(port: number): Promise<Installation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-'));
  let log = '';
  const server = spawn(
    process.execPath,
    [resolve(ROOT, 'packages/server/bin/homeward.js'), 'serve', '--port', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server, () => log);
  return {
    baseUrl,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((done) => server.once('exit', done));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loadDemo(baseUrl: string): Promise<void> {
  const loaded = await fetch(`${baseUrl}/api/v1/setup/demo`, { method: 'POST' });
  if (loaded.status !== 201) throw new Error(`The demo data did not load: ${loaded.status} ${await loaded.text()}`);
}

/**
 * One more installation with the demo data of its own, beside the shared ones of the global setup: a second
 * installation a case file travels to, or one whose counts a test may change.
 */
export async function startDemoInstallation(): Promise<Installation> {
  const installation = await startServer(4100 + Math.floor(Math.random() * 60));
  await loadDemo(installation.baseUrl);
  return installation;
}
