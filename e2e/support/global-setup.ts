import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_MISSING, CHROMIUM_PATH } from './chromium';
import { loadDemo, startServer } from './installation';

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
  await loadDemo(demo.baseUrl);
  project.provide('baseUrl', empty.baseUrl);
  project.provide('demoBaseUrl', demo.baseUrl);
  project.provide('demoSetupBaseUrl', demoSetup.baseUrl);
  return async () => {
    await Promise.all([empty.stop(), demo.stop(), demoSetup.stop()]);
  };
}
