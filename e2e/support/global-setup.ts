import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_MISSING, CHROMIUM_PATH } from './chromium';

const ROOT = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty installation, as a new user first sees it. */
    baseUrl: string;
    /** An installation with the demo data loaded (password `homeward-demo`). */
    demoBaseUrl: string;
    /** Another empty installation, where a browser loads the demo data from the setup screen. */
    demoSetupBaseUrl: string;
    chromiumMissing: string;
  }
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

/**
 * Builds the web app as it is now and runs the real `homeward serve` on an empty embedded database, so the
 * browser tests see exactly what `npm start` gives a new user.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.CI === 'true') throw new Error(CHROMIUM_MISSING);
    project.provide('chromiumMissing', CHROMIUM_MISSING);
    project.provide('baseUrl', '');
    project.provide('demoBaseUrl', '');
    project.provide('demoSetupBaseUrl', '');
    return async () => {};
  }
  project.provide('chromiumMissing', '');
  const vite = resolve(ROOT, 'node_modules/vite/bin/vite.js');
  const build = spawn(process.execPath, [vite, 'build', '--logLevel', 'error'], {
    cwd: resolve(ROOT, 'packages/web'),
    // Vitest sets NODE_ENV=test, which would build React's development code: test what users get.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  const buildCode = await new Promise<number | null>((done) => build.on('exit', done));
  if (buildCode !== 0) throw new Error('The web app did not build.');

  const empty = await startServer(3900 + Math.floor(Math.random() * 40));
  const demo = await startServer(3950 + Math.floor(Math.random() * 40));
  const demoSetup = await startServer(4000 + Math.floor(Math.random() * 40));
  const loaded = await fetch(`${demo.baseUrl}/api/v1/setup/demo`, { method: 'POST' });
  if (loaded.status !== 201) throw new Error(`The demo data did not load: ${loaded.status} ${await loaded.text()}`);
  project.provide('baseUrl', empty.baseUrl);
  project.provide('demoBaseUrl', demo.baseUrl);
  project.provide('demoSetupBaseUrl', demoSetup.baseUrl);
  return async () => {
    await Promise.all([empty.stop(), demo.stop(), demoSetup.stop()]);
  };
}

/** The real `homeward serve` on an empty embedded database of its own (a test may start one more installation). */
export async function startServer(port: number): Promise<{ baseUrl: string; stop(): Promise<void> }> {
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
