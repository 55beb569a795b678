/**
 * The device's sync in the browser's code path (issue 11): a first sync of a 50-case caseload of about 5,000
 * events, then an incremental sync of 10 new events. Each step as the browser does it: the answer's JSON parsed
 * and checked with the protocol's zod schema, applied with core's engine (`applyPull`), then every record that
 * changed serialised and encrypted on its own with AES-GCM through WebCrypto, as the device store keeps them.
 * Prints the median of BENCH_RUNS runs after a warm-up; goals: first sync under 1 s, incremental under 100 ms.
 */
import { performance } from 'node:perf_hooks';
import {
  applyPull,
  createReplica,
  pullResponseSchema,
  type CaseDetail,
  type PullResponse,
  type Replica,
  type SyncedEvent,
} from '@homeward/core';
import { FAMILY_NAMES, GIVEN_NAMES, pick, seededRandom } from '../packages/server/src/demo/demo-people';

const CASES = 50;
const EVENTS_PER_CASE = 100;
/** The global WebCrypto, as in the browser. */
const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${(counter += 1).toString(16).padStart(12, '0')}`;
const organisationId = uuid();
const userId = uuid();

function caseload(random: () => number): { cases: CaseDetail[]; events: SyncedEvent[] } {
  const cases: CaseDetail[] = [];
  const events: SyncedEvent[] = [];
  let seq = 0;
  for (let n = 0; n < CASES; n += 1) {
    const sex = random() < 0.6 ? 'female' : 'male';
    const [familyNameKm, familyNameLatin] = pick(random, FAMILY_NAMES);
    const [givenNameKm, givenNameLatin] = pick(random, GIVEN_NAMES[sex]);
    const id = uuid();
    cases.push({
      id,
      caseNumber: `SH-2026-${String(n + 1).padStart(4, '0')}`,
      organisationId,
      familyNameKm,
      givenNameKm,
      familyNameLatin,
      givenNameLatin,
      alias: null,
      sex,
      dateOfBirth: '2012-04-01',
      dateOfBirthEstimated: true,
      caseTypes: ['TL'],
      status: 'active',
      riskLevel: 'medium',
      openedOn: '2024-01-15',
      villageCode: null,
      assignedWorkerId: userId,
      version: EVENTS_PER_CASE,
      nationality: 'Cambodian',
      childType: null,
      referral: { source: 'police', referredOn: '2024-01-15', reason: 'Referred by the anti-trafficking police.' },
      assignedWorkerName: 'Sophea Chan',
      createdAt: '2024-01-15T08:00:00.000Z',
      fieldVersions: {},
      reach: { kind: 'lead' },
    });
    for (let e = 0; e < EVENTS_PER_CASE; e += 1) {
      seq += 1;
      events.push(event(id, seq, e === 0 ? 'intake' : e % 3 === 0 ? 'service' : 'note'));
    }
  }
  return { cases, events };
}

function event(caseId: string, seq: number, type: 'intake' | 'note' | 'service'): SyncedEvent {
  const payload =
    type === 'intake'
      ? { referral: { source: 'police', referredOn: '2024-01-15' }, caseTypes: ['TL'], childType: null }
      : type === 'service'
        ? { kind: 'counselling', provider: 'in_house', note: 'Weekly counselling session at the shelter.' }
        : {
            text: 'Visited the family at home. The mother works at the market; the child attends school and says she is doing well. Next visit in two weeks.',
            confidential: false,
          };
  return {
    id: uuid(),
    caseId,
    type,
    occurredOn: '2025-03-10',
    recordedAt: '2025-03-10T09:30:00.000Z',
    authorId: userId,
    authorName: 'Sophea Chan',
    organisationId,
    organisationName: 'Shelter',
    supersedes: null,
    supersededBy: null,
    payload,
    seq,
  };
}

/** The records a store writes after a sync: each case and each event the new replica does not share. */
function changedRecords(before: Replica, after: Replica): unknown[] {
  const records: unknown[] = [];
  for (const [caseId, detail] of Object.entries(after.cases)) if (before.cases[caseId] !== detail) records.push(detail);
  for (const [caseId, events] of Object.entries(after.events)) {
    const earlier = before.events[caseId];
    if (earlier === events) continue;
    const kept = new Set(earlier);
    for (const event of events) if (!kept.has(event)) records.push(event);
  }
  for (const [caseId, mark] of Object.entries(after.marks)) if (before.marks[caseId] !== mark) records.push(mark);
  return records;
}

async function encryptAll(key: CryptoKey, records: readonly unknown[]): Promise<number> {
  let bytes = 0;
  await Promise.all(
    records.map(async (record) => {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(record)));
      bytes += sealed.byteLength;
    }),
  );
  return bytes;
}

interface Timings {
  parse: number;
  apply: number;
  store: number;
  records: number;
  bytes: number;
}

async function sync(key: CryptoKey, before: Replica, body: string): Promise<{ replica: Replica; timings: Timings }> {
  const t0 = performance.now();
  const response: PullResponse = pullResponseSchema.parse(JSON.parse(body));
  const t1 = performance.now();
  const replica = applyPull(before, response, new Date().toISOString());
  const t2 = performance.now();
  const records = changedRecords(before, replica);
  const bytes = await encryptAll(key, records);
  const t3 = performance.now();
  return { replica, timings: { parse: t1 - t0, apply: t2 - t1, store: t3 - t2, records: records.length, bytes } };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function print(label: string, runs: Timings[]): void {
  const parse = median(runs.map((run) => run.parse));
  const apply = median(runs.map((run) => run.apply));
  const store = median(runs.map((run) => run.store));
  const total = median(runs.map((run) => run.parse + run.apply + run.store));
  const { records, bytes } = runs[0]!;
  console.log(
    `  ${label.padEnd(44)} ${total.toFixed(2).padStart(9)} ms  (parse and check ${parse.toFixed(1)}, apply ${apply.toFixed(1)}, ` +
      `serialise and encrypt ${store.toFixed(1)}; ${records.toLocaleString('en')} records, ${(bytes / 1024).toFixed(0)} KiB)`,
  );
}

export async function benchSync(runs: number): Promise<void> {
  const random = seededRandom(11);
  const { cases, events } = caseload(random);
  const first: PullResponse = {
    cases,
    events,
    tombstones: [],
    held: [],
    settings: { wipeAfterDays: 30, lockAfterMinutes: 15 },
  };
  const firstBody = JSON.stringify(first);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const unlockStarted = performance.now();
  const material = await subtle.importKey('raw', encoder.encode('a user password'), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 310_000 },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const unlock = performance.now() - unlockStarted;
  const empty = createReplica(uuid(), { userId, userName: 'Sophea Chan', organisationId });

  console.log(
    `Device sync (browser code path): ${CASES} cases, ${events.length.toLocaleString('en')} events, ` +
      `${(firstBody.length / 1024).toFixed(0)} KiB of JSON; median of ${runs} runs after a warm-up`,
  );
  console.log(`  ${'unlock the store (PBKDF2-SHA-256, 310,000)'.padEnd(44)} ${unlock.toFixed(2).padStart(9)} ms`);
  await sync(key, empty, firstBody);
  const firstRuns: Timings[] = [];
  let synced = empty;
  for (let run = 0; run < runs; run += 1) {
    const { replica, timings } = await sync(key, empty, firstBody);
    firstRuns.push(timings);
    synced = replica;
  }
  print('first sync (goal under 1 s)', firstRuns);

  let seq = events.length;
  const touched = cases.slice(0, 10);
  const incremental: PullResponse = {
    ...first,
    cases: touched.map((detail) => ({ ...detail, version: detail.version + 1 })),
    events: touched.map((detail) => event(detail.id, (seq += 1), 'note')),
  };
  const incrementalBody = JSON.stringify(incremental);
  await sync(key, synced, incrementalBody);
  const incrementalRuns: Timings[] = [];
  for (let run = 0; run < runs; run += 1) incrementalRuns.push((await sync(key, synced, incrementalBody)).timings);
  print('incremental sync, 10 new events (goal 100 ms)', incrementalRuns);
}
