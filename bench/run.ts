/**
 * Benchmarks of the device's sync, the web app's own code in Chromium (browser-sync.ts), then on the embedded database and, when
 * BENCH_DATABASE_URL is set, on a PostgreSQL server: opening and searching cases, then every built-in report
 * over generated data (10,000 cases on PGlite, 200,000 cases and about 10 million events in the server's
 * `homeward_bench` database, generated once and kept). Prints figures; asserts only that the generated data is
 * what the application writes and that the hand-written query agrees.
 *   npm run bench                      # PGlite: 2,000 cases opened one by one, reports over 10,000 cases
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 * BENCH_CASES, BENCH_REPORT_CASES and BENCH_RUNS change the sizes and the number of timed runs.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { newCaseSchema } from '@homeward/core';
import { createCase, listCases, systemClock } from '../packages/server/src/cases/cases.service';
import { openDatabase, type Db, type DatabaseTarget } from '../packages/server/src/db/database';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import { seededRandom } from '../packages/server/src/demo/demo-people';
import { aChild, benchWorker } from './bench-fixtures';
import { checkSample } from './dataset-check';
import { ensureDataset } from './generate-dataset';
import { timeReports } from './report-timings';
import { benchBrowserSync, CHROMIUM } from './browser-sync';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function time<T>(label: string, runs: number, action: () => Promise<T>): Promise<void> {
  await action();
  const started = performance.now();
  for (let run = 0; run < runs; run += 1) await action();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - started) / runs).toFixed(2).padStart(9)} ms`);
}

async function bench(name: string, target: DatabaseTarget, cleanup?: () => Promise<void>): Promise<void> {
  const db: Db = await openDatabase(target);
  await migrateToLatest(db);
  const actor = await benchWorker(db, {
    email: 'worker@bench.example',
    displayName: 'Bench',
    passwordHash: 'x',
    roles: ['caseworker'],
  });
  const random = seededRandom(7);
  console.log(`${name}: ${CASES} cases`);
  const started = performance.now();
  for (let n = 0; n < CASES; n += 1) {
    await createCase(db.kysely, actor, newCaseSchema.parse(aChild(random, '2026-01-15')), systemClock);
  }
  const perCase = (performance.now() - started) / CASES;
  console.log(`  ${'open a case (intake, audit, projection)'.padEnd(44)} ${perCase.toFixed(2).padStart(9)} ms`);
  await time('list the newest 50', 20, () => listCases(db.kysely, actor, { limit: 50, offset: 0 }));
  await time('search a Khmer name (ស្រីពៅ)', 20, () => listCases(db.kysely, actor, { q: 'ស្រីពៅ', limit: 50, offset: 0 }));
  await time('search a Latin name (sok dara)', 20, () =>
    listCases(db.kysely, actor, { q: 'sok dara', limit: 50, offset: 0 }),
  );
  await db.close();
  await cleanup?.();
}

async function benchReports(name: string, target: DatabaseTarget, cases: number): Promise<void> {
  const db = await openDatabase(target);
  const dataset = await ensureDataset(db, cases, console.log);
  const problems = await checkSample(db, 200);
  if (problems.length) throw new Error(`Generated data unlike the application's:\n${problems.slice(0, 20).join('\n')}`);
  console.log(
    `${name}: reports over ${dataset.cases.toLocaleString('en')} cases, ${dataset.events.toLocaleString('en')} events ` +
      `(median of ${RUNS} runs after a warm-up)`,
  );
  await timeReports(db.kysely, dataset, RUNS, console.log);
  await db.close();
}

if (existsSync(CHROMIUM)) await benchBrowserSync(RUNS);
else console.log(`(the device's sync is measured in Chromium, which is not at ${CHROMIUM})`);
await bench('PGlite (in memory)', { engine: 'pglite', dataDir: 'memory://' });
const pgliteCases = Number(process.env.BENCH_REPORT_CASES ?? 10_000);
await benchReports(
  'PGlite',
  { engine: 'pglite', dataDir: join(tmpdir(), `homeward-bench-${pgliteCases}`) },
  pgliteCases,
);
const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) {
  const name = `homeward_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await bench('PostgreSQL', { engine: 'postgres', url: url.toString() }, async () => {
    await admin.query(`drop database ${name}`);
  });
  const cases = Number(process.env.BENCH_REPORT_CASES ?? 200_000);
  const reports = cases === 200_000 ? 'homeward_bench' : `homeward_bench_${cases}`;
  const exists = await admin.query('select 1 from pg_database where datname = $1', [reports]);
  if (exists.rowCount === 0) await admin.query(`create database ${reports}`);
  await admin.end();
  url.pathname = `/${reports}`;
  await benchReports('PostgreSQL', { engine: 'postgres', url: url.toString() }, cases);
} else {
  console.log('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)');
}
console.log('(npm run bench:load measures a running server under simulated social workers)');
