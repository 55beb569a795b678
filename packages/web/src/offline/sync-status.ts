/**
 * What the header's indicator and the /sync screen show about offline work: whether the server can be reached,
 * whether a sync is running, how many changes wait in the outbox, and how far a long sync has got. A tiny store
 * outside React, because the outbox and the sync runner (loaded after sign-in) write to it and several screens
 * read it. This file imports nothing heavy: the header loads it on every screen.
 */
import { useSyncExternalStore } from 'react';

export type Connection = 'online' | 'offline' | 'syncing';

export interface OutboxCounts {
  /** Changes made on this device that the server has not taken yet. */
  pending: number;
  /** Changes the server could not decide on (it was busy or down); sent again, never dropped. */
  failed: number;
  /** Corrections the server kept with both values, for a person to resolve. */
  conflicts: number;
  /** Changes the case's rules refused on arrival, kept with the reason for a person to re-apply or discard. */
  attention: number;
}

export interface SyncStatus extends OutboxCounts {
  connection: Connection;
  progress: { done: number; total: number } | null;
  /** ISO time of the last sync that finished, from this device's store; null before the first one. */
  lastSyncAt: string | null;
  syncNow(): Promise<void>;
}

interface State extends OutboxCounts {
  online: boolean;
  syncing: boolean;
  progress: { done: number; total: number } | null;
  lastSyncAt: string | null;
}

const NO_COUNTS: OutboxCounts = { pending: 0, failed: 0, conflicts: 0, attention: 0 };

let state: State = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  progress: null,
  lastSyncAt: null,
  ...NO_COUNTS,
};
let snapshot: SyncStatus = toStatus(state);
const listeners = new Set<() => void>();

/** Set by the sync runner once the device store is open; until then there is nothing to sync. */
let runner: (() => Promise<void>) | null = null;

function syncNow(): Promise<void> {
  return runner ? runner() : Promise.resolve();
}

function toStatus(current: State): SyncStatus {
  const connection: Connection = !current.online ? 'offline' : current.syncing ? 'syncing' : 'online';
  return {
    connection,
    pending: current.pending,
    failed: current.failed,
    conflicts: current.conflicts,
    attention: current.attention,
    progress: current.progress,
    lastSyncAt: current.lastSyncAt,
    syncNow,
  };
}

function update(change: Partial<State>): void {
  state = { ...state, ...change };
  snapshot = toStatus(state);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => update({ online: true }));
  window.addEventListener('offline', () => update({ online: false }));
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** The same status outside React (the sync runner, tests). */
export function readSyncStatus(): SyncStatus {
  return snapshot;
}

export function subscribeSyncStatus(listener: () => void): () => void {
  return subscribe(listener);
}

/** The outbox's counts, after every change to it and every sync. */
export function reportOutboxCounts(counts: OutboxCounts): void {
  update(counts);
}

/** A request failed because the network is down though the browser thinks it is online (a captive portal, a dead link). */
export function reportReachable(online: boolean): void {
  if (state.online !== online) update({ online });
}

export function reportSyncStarted(): void {
  update({ syncing: true, progress: null });
}

export function reportSyncProgress(done: number, total: number): void {
  update({ progress: { done, total } });
}

export function reportSyncFinished(lastSyncAt: string | null): void {
  update({ syncing: false, progress: null, lastSyncAt: lastSyncAt ?? state.lastSyncAt });
}

export function setSyncRunner(run: (() => Promise<void>) | null): void {
  runner = run;
}

/** At sign-out and when the store is wiped: nothing waits any more. */
export function resetSyncStatus(): void {
  runner = null;
  update({ syncing: false, progress: null, lastSyncAt: null, ...NO_COUNTS });
}
