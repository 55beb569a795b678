/**
 * The device's sync as the browser runs it (issue 11): the built web app in headless Chromium against a server on
 * PGlite whose caseworker leads 50 cases of 100 events each (about 5,000). Signing in opens the device store and
 * runs the first sync (pull, check, apply, seal each record, write to IndexedDB); then a few changes are made on
 * the server and the page syncs again. The times are the page's own measures (`homeward sync` and its steps,
 * written by `packages/web/src/offline/sync-runner.ts`), each first sync in a fresh browser context (an empty
 * store). Goals: first sync under 1 s, incremental under 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { newCaseEventSchema, newCaseSchema, type NewCaseEventInput } from '@homeward/core';
import type { Actor } from '../packages/server/src/auth/actor';
import { hashPassword } from '../packages/server/src/auth/passwords';
import { insertEvent } from '../packages/server/src/cases/case-events.repository';
import { addEvent } from '../packages/server/src/cases/case-events.service';
import { createCase, systemClock } from '../packages/server/src/cases/cases.service';
import { ensureWebBuild } from '../packages/server/src/cli/web-build';
import { loadConfig } from '../packages/server/src/config';
import { openDatabase, type Db } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import { GIVEN_NAMES, pick, seededRandom } from '../packages/server/src/demo/demo-people';
import { keyFromBase64 } from '../packages/server/src/documents/file-crypto';
import { buildApp } from '../packages/server/src/http/app';
import { VERSION, WEB_DIST } from '../packages/server/src/paths';
import { aChild, benchWorker } from './bench-fixtures';

export const CHROMIUM = '/usr/bin/chromium';
const CASES = 50;
const EVENTS_PER_CASE = 100;
const CHANGED_CASES = 10;
const EMAIL = 'worker@sync-bench.example';
const PASSWORD = 'sync-bench-password-4K';
/** The name sync-runner gives its measures. */
const MEASURE = 'homeward sync';
const STEPS = ['pull', 'apply', 'store'] as const;
/** The pull's request as the browser's resource timing saw it: the server's work, then the answer's download. */
const NETWORK = ['server', 'download'] as const;

type Timing = Record<'total' | (typeof STEPS)[number] | (typeof NETWORK)[number], number>;

function anEvent(random: () => number, n: number): NewCaseEventInput {
  const occurredOn = `2025-${String(2 + (n % 11)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  if (n % 3 === 0) {
    return {
      type: 'service',
      occurredOn,
      payload: { kind: 'counselling', provider: 'in_house', note: 'Weekly counselling session at the shelter.' },
    };
  }
  const [, name] = pick(random, GIVEN_NAMES.female);
  return {
    type: 'note',
    occurredOn,
    payload: {
      text: `Visited the family at home with ${name}'s aunt. The mother works at the market; the child attends school and says she is doing well. Next visit in two weeks.`,
      confidential: false,
    },
  };
}

/**
 * The caseworker's caseload: each case opened through the service; its events but the last written with the
 * repository's insert (each with its audit entry) in one transaction per case, which takes seconds where the
 * service's checks over the growing history take minutes; the last through the service, which checks the rules
 * over the whole history and writes the case's projection from it.
 */
async function seed(db: Db, actor: Actor): Promise<string[]> {
  const random = seededRandom(11);
  const caseIds: string[] = [];
  for (let n = 0; n < CASES; n += 1) {
    const intake = newCaseSchema.parse(aChild(random, '2025-01-15'));
    const { detail } = await createCase(db.kysely, actor, intake, systemClock);
    caseIds.push(detail.id);
    // The intake is the case's first event.
    await db.kysely.transaction().execute(async (trx) => {
      for (let e = 1; e < EVENTS_PER_CASE - 1; e += 1) {
        const { type, occurredOn, payload } = newCaseEventSchema.parse(anEvent(random, e));
        await insertEvent(trx, actor, { id: randomUUID(), caseId: detail.id, type, occurredOn, payload });
      }
    });
    const last = newCaseEventSchema.parse(anEvent(random, EVENTS_PER_CASE - 1));
    await addEvent(db.kysely, actor, detail.id, last, systemClock);
    if ((n + 1) % 10 === 0) process.stdout.write(`  ${n + 1} of ${CASES} cases written\n`);
  }
  return caseIds;
}

/** The page's sync measures so far, oldest first, grouped per sync. */
function readTimings(page: Page): Promise<Timing[]> {
  return page.evaluate(
    ([measure, steps]) => {
      const entries = performance.getEntriesByType('measure');
      const totals = entries.filter((entry) => entry.name === measure);
      return totals.map((total, n) => {
        const timing: Record<string, number> = { total: total.duration };
        for (const step of steps) {
          timing[step] = entries.filter((entry) => entry.name === `${measure}: ${step}`)[n]?.duration ?? NaN;
        }
        // The browser's resource timing (this runs in the page, whatever the types of Node's `performance` say).
        const pull = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/sync/pull'))[
          n
        ] as unknown as { requestStart: number; responseStart: number; responseEnd: number } | undefined;
        timing.server = pull ? pull.responseStart - pull.requestStart : NaN;
        timing.download = pull ? pull.responseEnd - pull.responseStart : NaN;
        return timing as Timing;
      });
    },
    [MEASURE, STEPS] as const,
  );
}

async function waitForSyncs(page: Page, count: number): Promise<Timing> {
  await page.waitForFunction(
    ([measure, wanted]) => performance.getEntriesByName(measure).length >= wanted,
    [MEASURE, count] as const,
    { timeout: 120_000, polling: 50 },
  );
  const timings = await readTimings(page);
  return timings[count - 1]!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function print(label: string, runs: Timing[], detail: string): void {
  const [total, pull, apply, store, server, download] = (['total', ...STEPS, ...NETWORK] as const).map((key) =>
    median(runs.map((run) => run[key])),
  );
  const check = pull! - server! - download!;
  console.log(
    `  ${label.padEnd(40)} ${total!.toFixed(1).padStart(8)} ms  (pull ${pull!.toFixed(1)}: server ${server!.toFixed(1)}, ` +
      `download ${download!.toFixed(1)}, parse and check about ${check.toFixed(1)}; apply ${apply!.toFixed(1)}; ` +
      `seal and write to IndexedDB ${store!.toFixed(1)}; ${detail})`,
  );
  console.log(`    each run: ${runs.map((run) => run.total.toFixed(0)).join(', ')} ms`);
}

export async function benchBrowserSync(runs: number): Promise<void> {
  ensureWebBuild((line) => console.log(line));
  const db = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(db);
  const actor = await benchWorker(db, {
    email: EMAIL,
    displayName: 'Sophea Chan',
    passwordHash: await hashPassword(PASSWORD),
    roles: ['caseworker'],
  });
  console.log(
    `Device sync in Chromium: writing ${CASES} cases of ${EVENTS_PER_CASE} events (the last of each through the service)`,
  );
  const seeding = performance.now();
  const caseIds = await seed(db, actor);
  console.log(`  written in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);

  const key = keyFromBase64(Buffer.alloc(32, 7).toString('base64'));
  const config = loadConfig({ databaseUrl: undefined, dataDir: 'memory://', host: '127.0.0.1' });
  const app = await buildApp(
    {
      db: db.kysely,
      engine: db.engine,
      config,
      clock: systemClock,
      version: VERSION,
      fileKeys: { current: key, all: [key] },
    },
    { webRoot: WEB_DIST },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The bench server has no port.');
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  try {
    const firsts: Timing[] = [];
    const incrementals: Timing[] = [];
    // A warm-up, then the timed runs: each signs in on a fresh browser profile, so the store starts empty.
    for (let run = 0; run <= runs; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.locator('#login-email').fill(EMAIL);
      await page.locator('#login-password').fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();
      const first = await waitForSyncs(page, 1);
      // A few changes made on the server meanwhile (a colleague's notes), then the browser's next sync.
      for (const caseId of caseIds.slice(0, CHANGED_CASES)) {
        await addEvent(db.kysely, actor, caseId, newCaseEventSchema.parse(anEvent(Math.random, run)), systemClock);
      }
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const incremental = await waitForSyncs(page, 2);
      if (run > 0) {
        firsts.push(first);
        incrementals.push(incremental);
      }
      await context.close();
    }
    // Each run's changes stay, so the later runs' first syncs carry a few more events.
    const events = (extra: number) => (CASES * EVENTS_PER_CASE + extra * CHANGED_CASES).toLocaleString('en');
    console.log(`  median of ${runs} runs after a warm-up, the page's own measures:`);
    print('first sync (goal under 1 s)', firsts, `${CASES} cases, ${events(1)} to ${events(runs)} events`);
    print('incremental sync (goal under 100 ms)', incrementals, `${CHANGED_CASES} new notes on ${CHANGED_CASES} cases`);
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }
}
