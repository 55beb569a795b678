/**
 * Load on a real `homeward serve` (its own process, listening on 127.0.0.1 only): simulated social workers, each
 * signed in once as a user of their own, doing one action every 5-10 s (list, open a case, read its timeline,
 * search, write a note, now and then open a case), then a short closed-loop saturation phase that doubles the
 * concurrency until a request fails. Prints p50/p95/p99 per action and overall, failures by status, and the highest
 * throughput without a failure. Embedded database by default; a PostgreSQL server with BENCH_DATABASE_URL (a
 * database of its own is created and dropped).
 *   npm run bench:load                 # PGlite, 20 users
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:load   # 300 users
 * BENCH_LOAD_USERS, BENCH_LOAD_SECONDS (default 60) and BENCH_SATURATION_SECONDS (default 20) change the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { GIVEN_NAMES, pick, seededRandom } from '../packages/server/src/demo/demo-people';
import { aChild } from './bench-fixtures';
import { Sample } from './load-sample';

const ROOT = resolve(import.meta.dirname, '..');
const serverUrl = process.env.BENCH_DATABASE_URL;
const USERS = Number(process.env.BENCH_LOAD_USERS ?? (serverUrl ? 300 : 20));
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 20);
const PASSWORD = 'load-bench-password-7Q';
const random = seededRandom(9);

interface Answer {
  status: number;
  body: unknown;
}

interface Worker {
  token: string;
  caseIds: string[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  try {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    // No answer at all (refused, reset or timed out): counted as status 0.
    return { status: 0, body: null };
  }
}

function must<T>(answer: Answer, expected: number, what: string): T {
  if (answer.status !== expected) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** Starts `homeward serve` on its own data and waits until it answers. */
async function startServer(databaseUrl: string | undefined): Promise<{ base: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeward-load-'));
  const port = 4100 + Math.floor(Math.random() * 800);
  let output = '';
  const server: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'packages/server/bin/homeward.js'), 'serve', '--port', String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        HOMEWARD_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server stopped before it was ready:\n${output}`);
    if ((await call(base, 'GET', '/health')).status === 200) return { base, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`The server did not answer within two minutes:\n${output}`);
}

function aNewCase() {
  return aChild(random, new Date().toISOString().slice(0, 10));
}

type Action = (base: string, worker: Worker) => Promise<[string, Answer]>;

function anyCase(worker: Worker): string | undefined {
  return worker.caseIds[Math.floor(random() * worker.caseIds.length)];
}

const createCase: Action = async (base, worker) => {
  const answer = await call(base, 'POST', '/cases', worker.token, aNewCase());
  if (answer.status === 201) worker.caseIds.push((answer.body as { id: string }).id);
  return ['create a case', answer];
};

const listCases: Action = async (base, worker) => {
  const answer = await call(base, 'GET', '/cases?limit=50', worker.token);
  if (answer.status === 200) {
    const items = (answer.body as { items: { id: string }[] }).items;
    worker.caseIds = [...new Set([...worker.caseIds, ...items.map((item) => item.id)])];
  }
  return ['list cases', answer];
};

/** A social worker's hour: mostly reading, now and then writing. Cumulative weights. */
const ACTIONS: [number, Action][] = [
  [0.25, listCases],
  [
    0.45,
    async (base, worker) => {
      const id = anyCase(worker);
      return id ? ['open a case', await call(base, 'GET', `/cases/${id}`, worker.token)] : createCase(base, worker);
    },
  ],
  [
    0.65,
    async (base, worker) => {
      const id = anyCase(worker);
      return id
        ? ['read its timeline', await call(base, 'GET', `/cases/${id}/events`, worker.token)]
        : createCase(base, worker);
    },
  ],
  [
    0.8,
    async (base, worker) => {
      const [, latin] = pick(random, GIVEN_NAMES.female);
      return ['search a name', await call(base, 'GET', `/cases?q=${encodeURIComponent(latin)}`, worker.token)];
    },
  ],
  [
    0.95,
    async (base, worker) => {
      const id = anyCase(worker);
      if (!id) return createCase(base, worker);
      const note = {
        type: 'note',
        occurredOn: new Date().toISOString().slice(0, 10),
        payload: { text: 'Visited the family; follow-up agreed for next month.', confidential: false },
      };
      return ['write a note', await call(base, 'POST', `/cases/${id}/events`, worker.token, note)];
    },
  ],
  [1, createCase],
];

function nextAction(): Action {
  const roll = random();
  return (ACTIONS.find(([upTo]) => roll < upTo) ?? ACTIONS[0]!)[1];
}

function isFailure(status: number): boolean {
  return status === 0 || status >= 400;
}

/** Signs in as the first demo administrator and makes one caseworker account per simulated worker. */
async function makeUsers(base: string): Promise<string[]> {
  const demo = must<{ password: string; users: { email: string; roles: string[] }[] }>(
    await call(base, 'POST', '/setup/demo'),
    201,
    'Loading the demo data',
  );
  const admin = demo.users.find((user) => user.roles.includes('org_admin'));
  if (!admin) throw new Error('The demo data has no administrator.');
  const { token } = must<{ token: string }>(
    await call(base, 'POST', '/auth/login', undefined, { email: admin.email, password: demo.password }),
    200,
    'Signing in as the demo administrator',
  );
  const emails = Array.from({ length: USERS }, (_, n) => `load-${n + 1}@bench.example`);
  // A few at a time: each account hashes a password, which is meant to be slow.
  for (let n = 0; n < emails.length; n += 4) {
    await Promise.all(
      emails.slice(n, n + 4).map(async (email, k) =>
        must(
          await call(base, 'POST', '/users', token, {
            email,
            displayName: `Load worker ${n + k + 1}`,
            roles: ['caseworker'],
            password: PASSWORD,
          }),
          201,
          `Creating ${email}`,
        ),
      ),
    );
  }
  return emails;
}

/** Each worker signs in once at a random moment of the first interval, then acts every 5-10 s until the end. */
async function socialWorkerPace(base: string, emails: string[]): Promise<Worker[]> {
  const byAction = new Map<string, Sample>();
  const overall = new Sample();
  const working = new Sample();
  const failures = new Map<string, number>();
  const record = (label: string, status: number, ms: number) => {
    if (!byAction.has(label)) byAction.set(label, new Sample());
    byAction.get(label)!.add(ms);
    overall.add(ms);
    if (label !== 'sign in') working.add(ms);
    const key = `${label}: ${status || 'no answer'}`;
    if (isFailure(status)) failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  const end = performance.now() + SECONDS * 1000;
  const workers: Worker[] = [];
  await Promise.all(
    emails.map(async (email) => {
      // Signing in is a worker's first action, somewhere in the first 5-10 s like any other.
      await sleep(random() * 10_000);
      const started = performance.now();
      const login = await call(base, 'POST', '/auth/login', undefined, { email, password: PASSWORD });
      record('sign in', login.status, performance.now() - started);
      if (login.status !== 200) return;
      const worker: Worker = { token: (login.body as { token: string }).token, caseIds: [] };
      workers.push(worker);
      for (;;) {
        const pause = 5000 + random() * 5000;
        if (performance.now() + pause > end) return;
        await sleep(pause);
        const before = performance.now();
        const [label, answer] = await nextAction()(base, worker);
        record(label, answer.status, performance.now() - before);
      }
    }),
  );
  const perSecond = overall.count / SECONDS;
  console.log(
    `  ${emails.length} users for ${SECONDS} s, one action each every 5-10 s: ${overall.count} requests ` +
      `(${perSecond.toFixed(1)}/s)`,
  );
  console.log(
    `  ${'action'.padEnd(20)} ${'count'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}`,
  );
  const lines = [...byAction.entries(), ['all but sign in', working] as const, ['all', overall] as const];
  for (const [label, sample] of lines) console.log(`  ${sample.line(label)}`);
  const failed = [...failures.entries()].map(([key, count]) => `${count} × ${key}`);
  console.log(`  failures: ${failed.length ? failed.join(', ') : 'none'}`);
  return workers;
}

/**
 * Closed loops (each sends its next request when the last is answered), doubling in number each step while no
 * request fails. Requests rotate over every signed-in worker, so no one account meets the per-user limits.
 */
async function saturation(base: string, workers: Worker[], goalMs: number): Promise<void> {
  const steps = [2, 4, 8, 16, 32, 64, 128];
  const stepMs = (SATURATION_SECONDS * 1000) / steps.length;
  let best: { loops: number; perSecond: number; p95: number } | undefined;
  let withinGoal: typeof best;
  let turn = 0;
  for (const loops of steps) {
    const sample = new Sample();
    const failures = new Map<number, number>();
    const stepStart = performance.now();
    const stepEnd = stepStart + stepMs;
    await Promise.all(
      Array.from({ length: loops }, async () => {
        while (performance.now() < stepEnd) {
          const worker = workers[turn++ % workers.length]!;
          const before = performance.now();
          const [, answer] = await nextAction()(base, worker);
          sample.add(performance.now() - before);
          if (isFailure(answer.status)) failures.set(answer.status, (failures.get(answer.status) ?? 0) + 1);
        }
      }),
    );
    // Requests still in flight at the step's end are waited for and counted, so the time is measured, not planned.
    const perSecond = sample.count / ((performance.now() - stepStart) / 1000);
    const failed = [...failures.entries()].map(([status, count]) => `${count} × ${status || 'no answer'}`);
    console.log(
      `  ${String(loops).padStart(3)} loops: ${perSecond.toFixed(1).padStart(7)} requests/s, ` +
        `p50 ${sample.percentile(50).toFixed(0)} ms, p95 ${sample.percentile(95).toFixed(0)} ms, ` +
        `failures: ${failed.length ? failed.join(', ') : 'none'}`,
    );
    if (failures.size > 0) break;
    const step = { loops, perSecond, p95: sample.percentile(95) };
    if (!best || perSecond > best.perSecond) best = step;
    if (step.p95 < goalMs && (!withinGoal || perSecond > withinGoal.perSecond)) withinGoal = step;
  }
  console.log(
    best
      ? `  saturation: ${best.perSecond.toFixed(1)} requests/s without a failure (${best.loops} loops, p95 ${best.p95.toFixed(0)} ms)`
      : '  saturation: requests failed from the first step',
  );
  console.log(
    withinGoal
      ? `  with p95 under ${goalMs} ms: ${withinGoal.perSecond.toFixed(1)} requests/s (${withinGoal.loops} loops)`
      : `  with p95 under ${goalMs} ms: no step`,
  );
}

/** The goal for p95 at a social worker's pace: 200 ms on PostgreSQL, 500 ms on the embedded database. */
async function run(name: string, databaseUrl: string | undefined, goalMs: number): Promise<void> {
  const server = await startServer(databaseUrl);
  try {
    console.log(
      `${name}: load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')} on this machine`,
    );
    const emails = await makeUsers(server.base);
    const workers = await socialWorkerPace(server.base, emails);
    if (workers.length === 0) throw new Error('No simulated worker could sign in.');
    await saturation(server.base, workers, goalMs);
    console.log(
      `  load average at the end ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await server.stop();
  }
}

if (serverUrl) {
  const name = `homeward_load_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await run('PostgreSQL', url.toString(), 200);
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
} else {
  await run('PGlite (embedded, on disk)', undefined, 500);
}
