/**
 * The cases, outbox and held operations kept on this device, each record sealed with the data key
 * (decision 0017). An instance exists only while the store is unlocked: locking drops it, and its key with it.
 */
import type { CaseDetail, CaseEvent, CurrentUser, HeldOperation, KnownCase, SyncOperation } from '@homeward/core';
import { newDataKey, open, seal, unwrapDataKey } from './device-crypto';
import { DEVICE_DB_NAME, DeviceDb, type DeviceRow, type OutboxRow } from './device-db';
import Dexie from 'dexie';
import type { OutboxCounts } from './sync-status';

/** A case as the device holds it: the case and its events, each with the server's sequence number. */
export interface StoredCase {
  detail: CaseDetail;
  events: (CaseEvent & { seq?: number })[];
  /** A case made on this device and not yet taken by the server: its number is provisional. */
  provisional?: boolean;
}

export interface QueuedOperation {
  order: number;
  operation: SyncOperation;
  state: OutboxRow['state'];
  attempts: number;
}

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
  private constructor(
    private readonly db: DeviceDb,
    private readonly key: CryptoKey,
    private row: DeviceRow,
  ) {}

  get deviceId(): string {
    return this.row.deviceId;
  }

  get userId(): string {
    return this.row.userId;
  }

  get registered(): boolean {
    return this.row.registered;
  }

  get settings(): { wipeAfterDays: number; lockAfterMinutes: number } {
    return { wipeAfterDays: this.row.wipeAfterDays, lockAfterMinutes: this.row.lockAfterMinutes };
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

  /** Opens the store with the password; wipes it instead when it has not synced for the organisation's days. */
  static async unlock(password: string, now = Date.now()): Promise<DeviceStore> {
    const db = new DeviceDb();
    const row = await db.device.get('device');
    if (!row) throw new StoreExpiredError('There is no device store.');
    const since = Date.parse(row.lastSyncAt ?? row.createdAt);
    if (now - since > row.wipeAfterDays * DAY_MS) {
      db.close();
      await wipeDeviceStore();
      throw new StoreExpiredError('The device store was not synced in time and has been wiped.');
    }
    return new DeviceStore(db, await unwrapDataKey(password, row.wrappedKey), row);
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

  saveSettings(settings: { wipeAfterDays: number; lockAfterMinutes: number }): Promise<void> {
    return this.updateRow(settings);
  }

  markSynced(at: string): Promise<void> {
    return this.updateRow({ lastSyncAt: at });
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

  saveHeld(held: HeldOperation[]): Promise<void> {
    return this.putSealed('held', held);
  }

  async readHeld(): Promise<HeldOperation[]> {
    return (await this.getSealed<HeldOperation[]>('held')) ?? [];
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

  async putCases(cases: readonly StoredCase[]): Promise<void> {
    const rows = await Promise.all(
      cases.map(async (stored) => ({
        caseId: stored.detail.id,
        seq: Math.max(0, ...stored.events.map((event) => event.seq ?? 0)),
        version: stored.detail.version,
        ...(await seal(this.key, stored.detail.id, stored)),
      })),
    );
    await this.db.cases.bulkPut(rows);
  }

  async readCase(caseId: string): Promise<StoredCase | null> {
    const row = await this.db.cases.get(caseId);
    return row ? open<StoredCase>(this.key, caseId, row) : null;
  }

  async readCases(): Promise<StoredCase[]> {
    const rows = await this.db.cases.toArray();
    return Promise.all(rows.map((row) => open<StoredCase>(this.key, row.caseId, row)));
  }

  async removeCases(caseIds: readonly string[]): Promise<void> {
    await this.db.cases.bulkDelete([...caseIds]);
  }

  /** What a pull sends: the marks of every case the server gave, not of the ones made here. */
  async known(): Promise<KnownCase[]> {
    const rows = await this.db.cases.toArray();
    return rows
      .filter((row) => row.seq > 0 || row.version > 0)
      .map(({ caseId, seq, version }) => ({ caseId, seq, version }));
  }

  async enqueue(operation: SyncOperation): Promise<void> {
    await this.db.outbox.put({
      opId: operation.opId,
      state: 'pending',
      audit: operation.kind === 'audit' ? 1 : 0,
      attempts: 0,
      ...(await seal(this.key, operation.opId, operation)),
    });
  }

  /** The outbox in the order it was made, failed operations included: they are sent again, never dropped. */
  async queued(limit = Number.MAX_SAFE_INTEGER): Promise<QueuedOperation[]> {
    const rows = await this.db.outbox.orderBy('order').limit(limit).toArray();
    return Promise.all(
      rows.map(async (row) => ({
        order: row.order ?? 0,
        operation: await open<SyncOperation>(this.key, row.opId, row),
        state: row.state,
        attempts: row.attempts,
      })),
    );
  }

  /** Taken by the server (applied, or held there as a conflict or for attention): the device's copy can go. */
  async removeQueued(opIds: readonly string[]): Promise<void> {
    await this.db.outbox
      .where('opId')
      .anyOf([...opIds])
      .delete();
  }

  async markFailed(opIds: readonly string[]): Promise<void> {
    await this.db.outbox
      .where('opId')
      .anyOf([...opIds])
      .modify((row) => {
        row.state = 'failed';
        row.attempts += 1;
      });
  }

  async counts(): Promise<OutboxCounts> {
    const [pending, failed, held] = await Promise.all([
      this.db.outbox.where({ state: 'pending', audit: 0 }).count(),
      this.db.outbox.where({ state: 'failed', audit: 0 }).count(),
      this.readHeld(),
    ]);
    return {
      pending,
      failed,
      conflicts: held.filter((operation) => operation.kind === 'conflict').length,
      attention: held.filter((operation) => operation.kind === 'attention').length,
    };
  }
}

/** Deletes the whole database: sign-out, a revoked device, a store past its days without sync. */
export async function wipeDeviceStore(): Promise<void> {
  await Dexie.delete(DEVICE_DB_NAME);
}
