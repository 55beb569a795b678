/**
 * The sync engine's replica (core/src/sync) kept on this device, each record sealed with the data key
 * (decision 0017): a row per case, a row per outbox entry, one for the rest. The engine returns a new replica
 * that shares every untouched part with the old one, so `save` compares references and writes only what
 * changed. An instance exists only while the store is unlocked: locking drops it, and its key with it.
 */
import Dexie from 'dexie';
import {
  createReplica,
  mustWipe,
  type CaseDetail,
  type CurrentUser,
  type KnownCase,
  type OutboxEntry,
  type Replica,
  type SyncedEvent,
} from '@homeward/core';
import {
  newDataKey,
  open,
  openBytes,
  rewrapDataKey,
  seal,
  sealBytes,
  unwrapDataKey,
  unwrapWithSessionKey,
  wrapForSession,
} from './device-crypto';
import { DEVICE_DB_NAME, DeviceDb, type DeviceRow, type OutboxRow } from './device-db';

interface CaseRecord {
  detail: CaseDetail | null;
  events: readonly SyncedEvent[];
  mark: KnownCase | null;
}

type ReplicaRest = Pick<Replica, 'owner' | 'held' | 'settings' | 'caseSettings' | 'lastPullAt'>;

const DEFAULT_SETTINGS = { wipeAfterDays: 30, lockAfterMinutes: 15 };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The store is locked or absent, or does not hold the case: the screen shows the network error, as before. */
export class NoOfflineCopyError extends Error {
  override readonly name = 'NoOfflineCopyError';
}

/** The store outlived the organisation's days without sync and was wiped instead of opened. */
export class StoreExpiredError extends Error {
  override readonly name = 'StoreExpiredError';
}

export class DeviceStore {
  /** The order of each outbox entry written, so a changed entry keeps its place. */
  private readonly orders = new Map<string, number>();
  private nextOrder = 0;

  private constructor(
    private readonly db: DeviceDb,
    private readonly key: CryptoKey,
    private row: DeviceRow,
  ) {}

  get deviceId(): string {
    return this.row.deviceId;
  }

  get registered(): boolean {
    return this.row.registered;
  }

  get lockAfterMinutes(): number {
    return this.row.lockAfterMinutes;
  }

  get lastSyncAt(): string | null {
    return this.row.lastSyncAt;
  }

  /** A new, empty store for this user, replacing whatever this browser held. */
  static async create(password: string, user: CurrentUser): Promise<DeviceStore> {
    await wipeDeviceStore();
    const db = new DeviceDb();
    const { key, wrapped } = await newDataKey(password);
    const row: DeviceRow = {
      key: 'device',
      deviceId: crypto.randomUUID(),
      userId: user.id,
      wrappedKey: wrapped,
      registered: false,
      ...DEFAULT_SETTINGS,
      createdAt: new Date().toISOString(),
      lastSyncAt: null,
    };
    await db.device.put(row);
    const store = new DeviceStore(db, key, row);
    await store.saveUser(user);
    const owner = { userId: user.id, userName: user.displayName, organisationId: user.organisationId };
    const empty = createReplica(row.deviceId, owner);
    await store.save(empty, empty);
    return store;
  }

  /** The clear part of the store, to know whose it is before asking for a password; null when there is none. */
  static async peek(): Promise<DeviceRow | null> {
    if (!(await Dexie.exists(DEVICE_DB_NAME))) return null;
    const db = new DeviceDb();
    try {
      return (await db.device.get('device')) ?? null;
    } finally {
      db.close();
    }
  }

  /** How many entries wait in a locked store's outbox: their rows are counted without opening any. */
  static async waitingWhileLocked(): Promise<number> {
    if (!(await Dexie.exists(DEVICE_DB_NAME))) return 0;
    const db = new DeviceDb();
    try {
      return await db.outbox.count();
    } finally {
      db.close();
    }
  }

  /** After a password change: the data key wrapped under the new password (nothing when there is no store). */
  static async rewrap(oldPassword: string, newPassword: string): Promise<void> {
    if (!(await Dexie.exists(DEVICE_DB_NAME))) return;
    const db = new DeviceDb();
    try {
      const row = await db.device.get('device');
      if (!row) return;
      await db.device.put({ ...row, wrappedKey: await rewrapDataKey(oldPassword, newPassword, row.wrappedKey) });
    } finally {
      db.close();
    }
  }

  /** Opens the store with the password; wipes it instead when it has not synced for the organisation's days. */
  static unlock(password: string, now = Date.now()): Promise<DeviceStore> {
    return DeviceStore.openWith((row) => unwrapDataKey(password, row.wrappedKey), now);
  }

  /**
   * Opens the store with the key the server released to this device's session (online, after a reload), under
   * the same rule of days; NoOfflineCopyError when the store keeps no copy for a session.
   */
  static unlockWithSession(rawSessionKey: string, now = Date.now()): Promise<DeviceStore> {
    return DeviceStore.openWith((row) => {
      if (!row.sessionKey) throw new NoOfflineCopyError('This device store opens with the password only.');
      return unwrapWithSessionKey(rawSessionKey, row.sessionKey);
    }, now);
  }

  private static async openWith(unwrap: (row: DeviceRow) => Promise<CryptoKey>, now: number): Promise<DeviceStore> {
    const db = new DeviceDb();
    const row = await db.device.get('device');
    if (!row) {
      db.close();
      throw new NoOfflineCopyError('There is no device store.');
    }
    if (now - Date.parse(row.lastSyncAt ?? row.createdAt) > row.wipeAfterDays * DAY_MS) {
      db.close();
      await wipeDeviceStore();
      throw new StoreExpiredError('The device store was not synced in time and has been wiped.');
    }
    try {
      return new DeviceStore(db, await unwrap(row), row);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** At sign-out and an idle lock: from now on only the password opens the store. */
  static async forgetSessionKey(): Promise<void> {
    if (!(await Dexie.exists(DEVICE_DB_NAME))) return;
    const db = new DeviceDb();
    try {
      await db.device.update('device', { sessionKey: null });
    } finally {
      db.close();
    }
  }

  close(): void {
    this.db.close();
  }

  private async updateRow(change: Partial<DeviceRow>): Promise<void> {
    this.row = { ...this.row, ...change };
    await this.db.device.put(this.row);
  }

  markRegistered(): Promise<void> {
    return this.updateRow({ registered: true });
  }

  /** With the password just given and the server's key for this session: the copy a reload opens online. */
  async keepSessionKey(password: string, rawSessionKey: string): Promise<void> {
    await this.updateRow({ sessionKey: await wrapForSession(password, this.row.wrappedKey, rawSessionKey) });
  }

  private async putSealed(key: string, value: unknown): Promise<void> {
    await this.db.sealed.put({ key, ...(await seal(this.key, key, value)) });
  }

  private async getSealed<T>(key: string): Promise<T | null> {
    const row = await this.db.sealed.get(key);
    return row ? open<T>(this.key, key, row) : null;
  }

  saveUser(user: CurrentUser): Promise<void> {
    return this.putSealed('user', user);
  }

  readUser(): Promise<CurrentUser | null> {
    return this.getSealed<CurrentUser>('user');
  }

  /** The cases this user marked "keep on this device" (their ids only, sealed like the rest). */
  async readMarks(): Promise<string[]> {
    return (await this.getSealed<string[]>('marks')) ?? [];
  }

  async saveMark(caseId: string, kept: boolean): Promise<void> {
    const marks = new Set(await this.readMarks());
    if (kept) marks.add(caseId);
    else marks.delete(caseId);
    await this.putSealed('marks', [...marks]);
  }

  /** Keeps the bytes of a file added offline, sealed, before its operation joins the outbox. */
  async putFile(opId: string, bytes: ArrayBuffer): Promise<void> {
    await this.db.files.put({ opId, ...(await sealBytes(this.key, fileId(opId), bytes)) });
  }

  /** The bytes of a file waiting to sync; null once its operation was answered (the server has them). */
  async readFile(opId: string): Promise<ArrayBuffer | null> {
    const row = await this.db.files.get(opId);
    return row ? openBytes(this.key, fileId(opId), row) : null;
  }

  /** The whole replica, every record opened; a store past the organisation's days without sync is wiped. */
  async load(): Promise<Replica> {
    const rest = await this.getSealed<ReplicaRest>('replica');
    if (!rest) throw new NoOfflineCopyError('The device store holds no replica.');
    const [caseRows, outboxRows] = await Promise.all([
      this.db.cases.toArray(),
      this.db.outbox.orderBy('order').toArray(),
    ]);
    const replica: Replica = {
      ...createReplica(this.row.deviceId, rest.owner),
      ...rest,
      outbox: await Promise.all(outboxRows.map((row) => this.openEntry(row))),
    };
    const cases: Record<string, CaseDetail> = {};
    const events: Record<string, readonly SyncedEvent[]> = {};
    const marks: Record<string, KnownCase> = {};
    for (const row of caseRows) {
      const record = await open<CaseRecord>(this.key, row.caseId, row);
      if (record.detail) cases[row.caseId] = record.detail;
      if (record.events.length > 0) events[row.caseId] = record.events;
      if (record.mark) marks[row.caseId] = record.mark;
    }
    const loaded = { ...replica, cases, events, marks };
    if (mustWipe(loaded, new Date().toISOString())) {
      this.close();
      await wipeDeviceStore();
      throw new StoreExpiredError('The device store was not synced in time and has been wiped.');
    }
    return loaded;
  }

  private async openEntry(row: OutboxRow): Promise<OutboxEntry> {
    this.orders.set(row.opId, row.order);
    this.nextOrder = Math.max(this.nextOrder, row.order + 1);
    return open<OutboxEntry>(this.key, row.opId, row);
  }

  /** Writes what differs between two replicas (by reference), in one transaction. */
  async save(before: Replica, after: Replica): Promise<void> {
    const caseIds = new Set([...Object.keys(before.cases), ...Object.keys(after.cases), ...Object.keys(after.events)]);
    const changedCases: string[] = [];
    const goneCases: string[] = [];
    for (const caseId of caseIds) {
      const same =
        before.cases[caseId] === after.cases[caseId] &&
        before.events[caseId] === after.events[caseId] &&
        before.marks[caseId] === after.marks[caseId];
      if (same && before !== after) continue;
      if (!after.cases[caseId] && !after.events[caseId] && !after.marks[caseId]) goneCases.push(caseId);
      else changedCases.push(caseId);
    }
    const caseRows = await Promise.all(
      changedCases.map(async (caseId) => {
        const record: CaseRecord = {
          detail: after.cases[caseId] ?? null,
          events: after.events[caseId] ?? [],
          mark: after.marks[caseId] ?? null,
        };
        return { caseId, ...(await seal(this.key, caseId, record)) };
      }),
    );
    const previous = new Map(before.outbox.map((entry) => [entry.operation.opId, entry]));
    const kept = new Set(after.outbox.map((entry) => entry.operation.opId));
    const outboxRows = await Promise.all(
      after.outbox
        .filter((entry) => previous.get(entry.operation.opId) !== entry || before === after)
        .map(async (entry) => {
          const opId = entry.operation.opId;
          const order = this.orders.get(opId) ?? this.nextOrder++;
          this.orders.set(opId, order);
          return { opId, order, ...(await seal(this.key, opId, entry)) };
        }),
    );
    const goneOps = [...previous.keys()].filter((opId) => !kept.has(opId));
    const rest: ReplicaRest = {
      owner: after.owner,
      held: after.held,
      settings: after.settings,
      caseSettings: after.caseSettings,
      lastPullAt: after.lastPullAt,
    };
    const restChanged =
      before === after ||
      before.owner !== after.owner ||
      before.held !== after.held ||
      before.settings !== after.settings ||
      before.caseSettings !== after.caseSettings ||
      before.lastPullAt !== after.lastPullAt;
    const sealedRest = restChanged ? await seal(this.key, 'replica', rest) : null;
    const tables = [this.db.cases, this.db.outbox, this.db.files, this.db.sealed, this.db.device];
    await this.db.transaction('rw', tables, async () => {
      if (caseRows.length > 0) await this.db.cases.bulkPut(caseRows);
      if (goneCases.length > 0) await this.db.cases.bulkDelete(goneCases);
      if (outboxRows.length > 0) await this.db.outbox.bulkPut(outboxRows);
      if (goneOps.length > 0) {
        await this.db.outbox.bulkDelete(goneOps);
        // A file's bytes go with its entry: the server answered it, so it holds them (applied or kept).
        await this.db.files.bulkDelete(goneOps);
      }
      if (sealedRest) await this.db.sealed.put({ key: 'replica', ...sealedRest });
      if (
        after.settings &&
        (after.settings.wipeAfterDays !== this.row.wipeAfterDays ||
          after.settings.lockAfterMinutes !== this.row.lockAfterMinutes ||
          after.lastPullAt !== this.row.lastSyncAt)
      ) {
        this.row = { ...this.row, ...after.settings, lastSyncAt: after.lastPullAt };
        await this.db.device.put(this.row);
      }
    });
    for (const opId of goneOps) this.orders.delete(opId);
  }
}

function fileId(opId: string): string {
  return `file:${opId}`;
}

/** Deletes the whole database: sign-out, a revoked device, a store past its days without sync. */
export async function wipeDeviceStore(): Promise<void> {
  await Dexie.delete(DEVICE_DB_NAME);
}
