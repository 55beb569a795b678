/**
 * The device store's tables in IndexedDB. Every row holds an opaque id (a case's or an operation's UUID), a
 * few numbers the sync needs without the key (a case's mark and version, an operation's order and state), and
 * the record itself sealed with the data key (device-crypto.ts). Nothing that names or describes a child is in
 * clear: a test reads the raw database to check it.
 */
import Dexie, { type Table } from 'dexie';
import type { Sealed, WrappedKey } from './device-crypto';

export const DEVICE_DB_NAME = 'homeward-device';

/** The device's own row: who it belongs to, its wrapped key, and what it needs before it is unlocked. */
export interface DeviceRow {
  key: 'device';
  deviceId: string;
  userId: string;
  wrappedKey: WrappedKey;
  registered: boolean;
  /** The organisation's settings as of the last pull (numbers, not about any child). */
  wipeAfterDays: number;
  lockAfterMinutes: number;
  createdAt: string;
  /** Checked before unlocking: a store not synced for `wipeAfterDays` is wiped instead of opened. */
  lastSyncAt: string | null;
}

/** A sealed value under a fixed name: the signed-in user's profile (`user`), the held operations (`held`). */
export interface SealedRow extends Sealed {
  key: string;
}

export interface CaseRow extends Sealed {
  caseId: string;
  /** The last event sequence applied for this case and the case's version: the marks a pull sends. */
  seq: number;
  version: number;
}

export type OutboxState = 'pending' | 'failed';

export interface OutboxRow extends Sealed {
  /** The order the operations were made in, which is the order they are pushed in. */
  order?: number;
  opId: string;
  state: OutboxState;
  /** Audit entries of offline reads travel with the changes but are not counted as changes waiting. */
  audit: 0 | 1;
  attempts: number;
}

export class DeviceDb extends Dexie {
  device!: Table<DeviceRow, 'device'>;
  sealed!: Table<SealedRow, string>;
  cases!: Table<CaseRow, string>;
  outbox!: Table<OutboxRow, number>;

  constructor() {
    super(DEVICE_DB_NAME);
    this.version(1).stores({
      device: 'key',
      sealed: 'key',
      cases: 'caseId',
      outbox: '++order, &opId, [state+audit]',
    });
  }
}

/** Whether this browser holds a device store, without creating one. */
export async function deviceStoreExists(): Promise<boolean> {
  return Dexie.exists(DEVICE_DB_NAME);
}
