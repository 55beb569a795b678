/**
 * One sync: the outbox pushed in the order it was made (500 operations a request), each result applied, then a
 * pull with the marks of the cases held, applied in turn (decision 0013). Progress goes to the status hook;
 * an operation the server could not decide on stays queued as failed and is sent again next time.
 */
import {
  pullResponseSchema,
  pushResponseSchema,
  type CaseEvent,
  type PullResponse,
  type PushResult,
} from '@homeward/core';
import { isApiError, request } from '../api/http';
import type { DeviceStore, StoredCase } from './device-store';

const PUSH_BATCH = 500;

export interface SyncReport {
  pushed: number;
  pulledCases: number;
  pulledEvents: number;
  removed: number;
}

export class DeviceRevokedError extends Error {
  override readonly name = 'DeviceRevokedError';
}

type Progress = (done: number, total: number) => void;

export async function syncDevice(store: DeviceStore, progress: Progress = () => {}): Promise<SyncReport> {
  try {
    const queued = await store.queued();
    // One step per push batch and one for the pull.
    const total = Math.ceil(queued.length / PUSH_BATCH) + 1;
    let done = 0;
    progress(done, total);
    for (let start = 0; start < queued.length; start += PUSH_BATCH) {
      const operations = queued.slice(start, start + PUSH_BATCH).map((entry) => entry.operation);
      const { results } = await request('/sync/push', pushResponseSchema, {
        method: 'POST',
        body: { deviceId: store.deviceId, operations },
        background: true,
      });
      await applyPushResults(store, results);
      progress(++done, total);
    }
    const pull = await request('/sync/pull', pullResponseSchema, {
      method: 'POST',
      body: { deviceId: store.deviceId, known: await store.known() },
      background: true,
    });
    const applied = await applyPull(store, pull);
    await store.markSynced(new Date().toISOString());
    progress(total, total);
    return { pushed: queued.length, ...applied };
  } catch (error) {
    if (isApiError(error, 403) && error.code === 'device_revoked') throw new DeviceRevokedError(error.message);
    throw error;
  }
}

async function applyPushResults(store: DeviceStore, results: readonly PushResult[]): Promise<void> {
  // Held on the server is kept there, not lost: the pull brings it back as a conflict or needs-attention.
  const taken = results.filter((result) => result.status !== 'failed').map((result) => result.opId);
  const failed = results.filter((result) => result.status === 'failed').map((result) => result.opId);
  await store.removeQueued(taken);
  await store.markFailed(failed);
  // A case made here now has its server record, which the pull brings; the provisional copy goes.
  const made = results.filter((result) => result.status === 'applied' && result.caseId !== null);
  const provisional = (await Promise.all(made.map((result) => store.readCase(result.opId))))
    .filter((stored): stored is StoredCase => stored?.provisional === true)
    .map((stored) => stored.detail.id);
  await store.removeCases(provisional);
}

export async function applyPull(store: DeviceStore, pull: PullResponse): Promise<Omit<SyncReport, 'pushed'>> {
  const eventsByCase = new Map<string, PullResponse['events']>();
  for (const event of pull.events) {
    const list = eventsByCase.get(event.caseId) ?? [];
    list.push(event);
    eventsByCase.set(event.caseId, list);
  }
  const changedIds = new Set([...pull.cases.map((detail) => detail.id), ...eventsByCase.keys()]);
  const details = new Map(pull.cases.map((detail) => [detail.id, detail]));
  const updated: StoredCase[] = [];
  for (const caseId of changedIds) {
    const held = await store.readCase(caseId);
    const detail = details.get(caseId) ?? held?.detail;
    // Events for a case neither sent nor held cannot be shown; the next pull, with no mark for it, backfills.
    if (!detail) continue;
    updated.push({ detail, events: mergeEvents(held?.events ?? [], eventsByCase.get(caseId) ?? []) });
  }
  await store.putCases(updated);
  await store.removeCases(pull.tombstones.map((tombstone) => tombstone.caseId));
  await store.saveHeld(pull.held);
  await store.saveSettings(pull.settings);
  return { pulledCases: pull.cases.length, pulledEvents: pull.events.length, removed: pull.tombstones.length };
}

/** A resent event replaces its copy (a correction may have set `supersededBy`); the result is in sequence order. */
function mergeEvents<T extends CaseEvent & { seq?: number }>(held: readonly T[], pulled: readonly T[]): T[] {
  const byId = new Map(held.map((event) => [event.id, event]));
  for (const event of pulled) byId.set(event.id, event);
  // A correction pulled alone still marks the event it replaces, as the server's own list would.
  for (const event of pulled) {
    const replaced = event.supersedes ? byId.get(event.supersedes) : undefined;
    if (replaced) byId.set(replaced.id, { ...replaced, supersededBy: event.id });
  }
  return [...byId.values()].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}
