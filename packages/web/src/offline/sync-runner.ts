/**
 * One sync with the engine (core/src/sync): the outbox pushed in its batches (a new case before what was
 * recorded on it), each answer applied, then a pull with the marks of the cases held, applied in turn
 * (decision 0013). A push without an answer leaves its operations in the outbox, counted as tried once more:
 * nothing is dropped after any number of retries.
 */
import {
  applyPull,
  applyPushResults,
  nextPushBatch,
  PUSH_BATCH_LIMIT,
  pullRequest,
  pullResponseSchema,
  pushRequest,
  pushResponseSchema,
  recordPushFailure,
  stagedFileSchema,
  type OutboxEntry,
  type Replica,
} from '@homeward/core';
import { isApiError, request } from '../api/http';

export class DeviceRevokedError extends Error {
  override readonly name = 'DeviceRevokedError';
}

/** How the runner reads and changes the device's replica (the session saves each change to the store). */
export interface ReplicaAccess {
  read(): Replica;
  update(change: (replica: Replica) => Replica): Promise<void>;
}

type Progress = (done: number, total: number) => void;

/** The sealed bytes of files added offline, by their operation's id (the device store's). */
export type FileReader = (opId: string) => Promise<ArrayBuffer | null>;

/** The most files one push follows: each push then lets go of their bytes before many more are sent. */
const FILES_PER_PUSH = 10;

/**
 * The batch cut before its eleventh file, so a sync of many photos advances push by push (the upload limit of
 * 30 a minute then stops it after some pushes, not before any); a prefix keeps a new case before its entries.
 */
function withFewFiles(batch: OutboxEntry[]): OutboxEntry[] {
  let files = 0;
  const cut = batch.findIndex((entry) => entry.operation.kind === 'attachment' && ++files > FILES_PER_PUSH);
  return cut === -1 ? batch : batch.slice(0, cut);
}

/**
 * Each file of the batch goes up before the push that names it (decision 0020), to its own idempotent endpoint:
 * the push stays small, and a file sent again after a lost answer is a retry. A file already gone from the store
 * was answered before; the push answers its operation again.
 */
async function sendFilesAhead(deviceId: string, batch: readonly OutboxEntry[], files: FileReader): Promise<void> {
  for (const { operation } of batch) {
    if (operation.kind !== 'attachment') continue;
    const bytes = await files(operation.opId);
    if (!bytes) continue;
    const query = `deviceId=${deviceId}&sha256=${operation.body.sha256}`;
    await request(`/sync/files/${operation.opId}?${query}`, stagedFileSchema, {
      method: 'PUT',
      body: new Blob([bytes]),
      background: true,
    });
  }
}

/**
 * Each sync's steps go to the page's performance timeline as measures (`homeward sync`, and its pull, apply and
 * store), seen in the browser's profiler and read by `npm run bench`, which times this very code in Chromium.
 */
const SYNC_MEASURE = 'homeward sync';

export async function syncDevice(
  access: ReplicaAccess,
  files: FileReader,
  progress: Progress = () => {},
): Promise<void> {
  const started = performance.now();
  try {
    // Every push batch and the pull are a step each; the total grows if changes are made meanwhile.
    let done = 0;
    const totalSteps = () => Math.ceil(access.read().outbox.length / PUSH_BATCH_LIMIT) + done + 1;
    progress(done, totalSteps());
    const tried = new Set<string>();
    for (;;) {
      // What was tried in this sync (and what was recorded on a new case among it) waits for the next one.
      const batch = withFewFiles(nextPushBatch(access.read(), PUSH_BATCH_LIMIT, tried));
      if (batch.length === 0) break;
      for (const entry of batch) tried.add(entry.operation.opId);
      const body = pushRequest(access.read(), batch);
      try {
        await sendFilesAhead(access.read().deviceId, batch, files);
        const { results } = await request('/sync/push', pushResponseSchema, { method: 'POST', body, background: true });
        await access.update((replica) => applyPushResults(replica, results));
      } catch (error) {
        const opIds = batch.map((entry) => entry.operation.opId);
        await access.update((replica) => recordPushFailure(replica, opIds, errorCode(error)));
        throw error;
      }
      progress(++done, totalSteps());
    }
    const pullStarted = performance.now();
    const pull = await request('/sync/pull', pullResponseSchema, {
      method: 'POST',
      body: pullRequest(access.read()),
      background: true,
    });
    const pulled = performance.now();
    const at = new Date().toISOString();
    let applied = pulled;
    await access.update((replica) => {
      const next = applyPull(replica, pull, at);
      applied = performance.now();
      return next;
    });
    const stored = performance.now();
    performance.measure(`${SYNC_MEASURE}: pull`, { start: pullStarted, end: pulled });
    performance.measure(`${SYNC_MEASURE}: apply`, { start: pulled, end: applied });
    performance.measure(`${SYNC_MEASURE}: store`, { start: applied, end: stored });
    performance.measure(SYNC_MEASURE, { start: started, end: stored });
    progress(++done, done);
  } catch (error) {
    if (isApiError(error, 403) && error.code === 'device_revoked') throw new DeviceRevokedError(error.message);
    throw error;
  }
}

function errorCode(error: unknown): string {
  if (isApiError(error)) return error.code ?? `http_${error.status}`;
  return 'unknown';
}
