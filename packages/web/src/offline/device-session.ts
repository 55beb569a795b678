/**
 * The one device store of this tab while it is unlocked, and what happens around it: opened with the password
 * at sign-in (this module is loaded only then, by a dynamic import, so the sign-in screen carries none of it),
 * opened again after a reload online with the key the server keeps for this device and session (decision 0017),
 * unlocked with the password on the offline screen, locked after the organisation's idle minutes (the key
 * leaves memory, and only the password opens it again), wiped at sign-out and when the server says the device
 * is revoked. Syncs on sign-in, when the browser comes back online, after each change made while online, and
 * every few minutes.
 */
import type { TFunction } from 'i18next';
import {
  currentUserSchema,
  deviceSessionKeySchema,
  registerDeviceSchema,
  syncCounts,
  type CurrentUser,
  type Replica,
} from '@homeward/core';
import { isApiError, noContent, request } from '../api/http';
import { DeviceStore, NoOfflineCopyError, wipeDeviceStore } from './device-store';
import { WrongPasswordError } from './device-crypto';
import { DeviceRevokedError, syncDevice } from './sync-runner';
import {
  readSyncStatus,
  reportOutboxCounts,
  reportReachable,
  reportSyncFinished,
  reportSyncProgress,
  reportSyncStarted,
  resetSyncStatus,
  setSyncRunner,
} from './sync-status';

const SYNC_EVERY_MS = 5 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart'] as const;

let store: DeviceStore | null = null;
/** The store's replica, opened; every change goes through `updateReplica`, which saves it first. */
let replica: Replica | null = null;
let saving: Promise<void> = Promise.resolve();
/** Set while the password opens the store at sign-in, so the screens do not ask for it meanwhile. */
let opening = false;
/** Set while the session's key opens the store after a reload. */
let resuming: Promise<boolean> | null = null;
let running: Promise<void> | null = null;
let again = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let syncTimer: ReturnType<typeof setInterval> | undefined;
const lockListeners = new Set<() => void>();

export function currentDeviceStore(): DeviceStore | null {
  return store;
}

/** The replica as it stands, or null while the store is locked. */
export function currentReplica(): Replica | null {
  return replica;
}

/** Changes the replica with one of the engine's functions, one change at a time, saved before it is seen. */
export function updateReplica(change: (current: Replica) => Replica): Promise<void> {
  const next = saving.then(async () => {
    const opened = store;
    const before = replica;
    if (!opened || !before) throw new NoOfflineCopyError('The device store is locked.');
    const after = change(before);
    if (after === before) return;
    await opened.save(before, after);
    if (store === opened) replica = after;
  });
  saving = next.catch(() => undefined);
  return next;
}

export function isUnlocked(): boolean {
  return store !== null || opening || resuming !== null;
}

/** Told when the store opens, locks (idle) or is wiped, so the screens can ask for the password again. */
export function onDeviceChange(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/**
 * After a successful sign-in: opens this user's store with the password (or makes one), then syncs (which
 * registers the device first). A store the password does not open (another user's, or one made before a password
 * was changed elsewhere) is replaced only when nothing waits in it: changes not yet synced are someone's work, so
 * such a store stays, locked, and this sign-in works online only until its owner signs in here and syncs.
 */
export async function openAfterSignIn(password: string, user: CurrentUser): Promise<void> {
  opening = true;
  try {
    await openForUser(password, user);
  } finally {
    opening = false;
    notify();
  }
  await syncNow();
  await keepSessionKey(password);
}

/**
 * With a right password and the server reachable: the server's key for this device and session wraps the data
 * key a second time, so that a reload while signed in opens the store without asking again. Without it (the
 * server did not answer) a reload asks for the password, as before.
 */
async function keepSessionKey(password: string): Promise<void> {
  const current = store;
  if (!current?.registered) return;
  try {
    const path = `/devices/${current.deviceId}/session-key`;
    const { key } = await request(path, deviceSessionKeySchema, { method: 'POST' });
    if (store === current) await current.keepSessionKey(password, key);
  } catch (error) {
    console.warn('The device store will ask for the password after a reload.', error);
  }
}

/**
 * After a reload, signed in and online: the server releases this session's key for the device, which opens the
 * store without the password, and it syncs at once. False when it cannot: another user's store, no copy for a
 * session (never made, or dropped at an idle lock or sign-out), a key of another session (a new sign-in elsewhere
 * replaced it), the server unreachable; then the password opens the store, as before. A revoked device is wiped.
 */
export function resumeWithSession(user: CurrentUser): Promise<boolean> {
  if (store || opening) return Promise.resolve(store !== null);
  // Opened, it tells the screens (begin); not opened, nothing changed to tell.
  resuming ??= resume(user).finally(() => {
    resuming = null;
  });
  return resuming;
}

async function resume(user: CurrentUser): Promise<boolean> {
  const row = await DeviceStore.peek();
  if (!row?.sessionKey || !row.registered || row.userId !== user.id || !navigator.onLine) return false;
  let key: string;
  try {
    ({ key } = await request(`/devices/${row.deviceId}/session-key`, deviceSessionKeySchema));
  } catch (error) {
    if (isApiError(error, 403) && error.code === 'device_revoked') await wipe();
    else if (isApiError(error, 404)) await DeviceStore.forgetSessionKey();
    return false;
  }
  let opened: DeviceStore;
  try {
    opened = await DeviceStore.unlockWithSession(key);
  } catch (error) {
    // Past its days without sync (wiped), or a copy another key made: the password decides.
    console.warn('The device store could not be opened with the session.', error);
    return false;
  }
  if (store || opening) {
    opened.close();
    return store !== null;
  }
  await opened.saveUser(user);
  await begin(opened, await opened.load());
  void syncNow();
  return true;
}

/**
 * Loaded by the sign-in screen after a right password, which passes nothing else (every byte there counts);
 * a failure here must never stop the signed-in app.
 */
export function startAfterSignIn(password: string): void {
  opening = true;
  request('/auth/me', currentUserSchema)
    .then((user) => openAfterSignIn(password, user))
    .catch((error: unknown) => {
      opening = false;
      notify();
      console.warn('The offline copy could not be opened at sign-in.', error);
    });
}

async function openForUser(password: string, user: CurrentUser): Promise<void> {
  const existing = await DeviceStore.peek();
  let opened: DeviceStore | null = null;
  if (existing?.userId === user.id) {
    try {
      opened = await DeviceStore.unlock(password);
    } catch (error) {
      if (!(error instanceof WrongPasswordError)) throw error;
    }
  }
  if (!opened && existing && (await DeviceStore.waitingWhileLocked()) > 0) {
    console.warn('This device keeps changes of an earlier sign-in that have not synced; it works online only.');
    return;
  }
  opened ??= await DeviceStore.create(password, user);
  await opened.saveUser(user);
  await begin(opened, await opened.load());
}

/** Registering again with the same id is a retry, so a lost answer costs nothing. */
async function register(opened: DeviceStore): Promise<void> {
  const body = registerDeviceSchema.parse({ id: opened.deviceId, name: deviceName() });
  await request('/devices', noContent, { method: 'POST', body });
  await opened.markRegistered();
}

/** On the offline screen: the password opens the store (WrongPasswordError when it does not). */
export async function unlockOffline(password: string): Promise<CurrentUser> {
  const opened = await DeviceStore.unlock(password);
  const user = await opened.readUser();
  if (!user) {
    opened.close();
    throw new WrongPasswordError('This device store has no user.');
  }
  await begin(opened, await opened.load());
  // Online (a store that locked after idle minutes), it catches up at once rather than at the next timed sync.
  if (navigator.onLine) {
    void keepSessionKey(password);
    void syncNow();
  }
  return user;
}

async function begin(opened: DeviceStore, loaded: Replica): Promise<void> {
  store?.close();
  store = opened;
  replica = loaded;
  setSyncRunner(syncNow);
  reportSyncFinished(opened.lastSyncAt);
  refreshCounts();
  resetIdleTimer();
  for (const name of ACTIVITY_EVENTS) window.addEventListener(name, resetIdleTimer, { passive: true });
  window.addEventListener('online', onOnline);
  clearInterval(syncTimer);
  syncTimer = setInterval(() => void syncNow(), SYNC_EVERY_MS);
  notify();
}

function notify(): void {
  for (const listener of lockListeners) listener();
}

function end(): void {
  clearTimeout(idleTimer);
  clearInterval(syncTimer);
  for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, resetIdleTimer);
  window.removeEventListener('online', onOnline);
  store?.close();
  store = null;
  replica = null;
  notify();
}

function onOnline(): void {
  void syncNow();
}

function resetIdleTimer(): void {
  if (!store) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(lockDeviceStore, store.lockAfterMinutes * 60_000);
}

/**
 * Drops the key from memory; only the password opens the store again, online too: the copy the session's key
 * opens is deleted here and on the server, so the organisation's idle minutes keep their meaning after a reload.
 */
export function lockDeviceStore(): void {
  const deviceId = store?.deviceId;
  setSyncRunner(null);
  end();
  void DeviceStore.forgetSessionKey();
  if (deviceId) {
    request(`/devices/${deviceId}/session-key`, noContent, { method: 'DELETE', background: true }).catch(
      // Unreachable: the copy on the device is gone already, and the server's key goes with the session.
      () => undefined,
    );
  }
}

/** Before signing out with changes the server has not received: the person is told they stay, locked, here. */
export function confirmSignOut(t: TFunction): boolean {
  const count = replica?.outbox.filter((entry) => entry.operation.kind !== 'audit').length ?? 0;
  return count === 0 || window.confirm(t('offline:signOutKeeps.count', { count }));
}

/**
 * At sign-out: what is queued is sent first when the server can be reached, then the store is deleted. A store
 * that still holds changes the server has not received is only locked, never deleted: they go at its owner's next
 * sign-in on this device (the sign-out asked her first).
 */
export async function signOutDevice(): Promise<void> {
  if (store && navigator.onLine) await syncNow();
  // A locked store's changes are counted without opening it: they are someone's work all the same.
  const keep = replica ? replica.outbox.length > 0 : (await DeviceStore.waitingWhileLocked()) > 0;
  end();
  resetSyncStatus();
  // A store kept for its changes opens with its owner's password only, even before the server hears the sign-out.
  if (keep) await DeviceStore.forgetSessionKey();
  else await wipeDeviceStore();
}

/** After the server accepted a new password: the store opens with it from now on, its changes intact. */
export async function changeDevicePassword(oldPassword: string, newPassword: string): Promise<void> {
  await DeviceStore.rewrap(oldPassword, newPassword);
}

async function wipe(): Promise<void> {
  end();
  resetSyncStatus();
  await wipeDeviceStore();
}

/** Audit entries travel in the outbox but are not changes a person waits for. */
export function refreshCounts(): void {
  if (!replica) return;
  const changes = replica.outbox.filter((entry) => entry.operation.kind !== 'audit');
  const { conflict, attention } = syncCounts(replica);
  const failed = changes.filter((entry) => entry.lastError !== null).length;
  reportOutboxCounts({ pending: changes.length - failed, failed, conflicts: conflict, attention });
}

/** After a change queued on the device: counted at once, and sent at once when the browser is online. */
export function changeQueued(): void {
  refreshCounts();
  if (navigator.onLine) void syncNow();
}

/** One sync at a time; a request for another while one runs makes one more run after it. */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = runOnce().finally(() => {
    running = null;
    if (again) {
      again = false;
      void syncNow();
    }
  });
  return running;
}

async function runOnce(): Promise<void> {
  const current = store;
  if (!current) return;
  reportSyncStarted();
  try {
    if (!current.registered) await register(current);
    const access = { read: () => replica ?? emptyAfterLock(), update: updateReplica };
    await syncDevice(
      access,
      (opId) => current.readFile(opId),
      (done, total) => {
        reportSyncProgress(done, total);
        refreshCounts();
      },
    );
    reportReachable(true);
  } catch (error) {
    // Registering a revoked device answers the same refusal as a sync does.
    if (error instanceof DeviceRevokedError || (isApiError(error, 403) && error.code === 'device_revoked')) {
      await wipe();
      return;
    }
    if (isApiError(error, 0)) reportReachable(false);
    // Anything else (signed out, server busy): the outbox stays as it is and the next sync tries again.
  } finally {
    if (store === current) {
      reportSyncFinished(current.lastSyncAt);
      refreshCounts();
    } else if (readSyncStatus().connection === 'syncing') {
      reportSyncFinished(null);
    }
  }
}

/** A sync that outlives its store (locked meanwhile) stops at its next save, which finds no store. */
function emptyAfterLock(): Replica {
  throw new NoOfflineCopyError('The device store locked during a sync.');
}

function deviceName(): string {
  const agent = navigator.userAgent;
  const platform = /Android/.test(agent)
    ? 'Android'
    : /iPhone|iPad/.test(agent)
      ? 'iOS'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac/.test(agent)
          ? 'Mac'
          : /Linux/.test(agent)
            ? 'Linux'
            : 'Browser';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Chrome\//.test(agent)
      ? 'Chrome'
      : /Firefox\//.test(agent)
        ? 'Firefox'
        : /Safari\//.test(agent)
          ? 'Safari'
          : '';
  return `${browser} ${platform}`.trim();
}
