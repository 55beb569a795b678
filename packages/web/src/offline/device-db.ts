/**
 * The device store's tables in IndexedDB. Every row holds an opaque id (a case's or an operation's UUID), an
 * order, and the record itself sealed with the data key (device-crypto.ts). Nothing that names or describes a
 * child is in clear: a test reads the raw database to check it.
 */
import Dexie, { type Table } from 'dexie';
import type { Sealed, SessionWrappedKey, WrappedKey } from './device-crypto';

export const DEVICE_DB_NAME = 'homeward-device';

/** The device's own row: whose it is, its wrapped key, and what must be known before it is unlocked. */
export interface DeviceRow {
  key: 'device';
  deviceId: string;
  userId: string;
  wrappedKey: WrappedKey;
  /**
   * The data key wrapped again by the key the server keeps for this device and session (decision 0017): online,
   * with that session, it opens the store after a reload. Dropped at sign-out and at an idle lock.
   */
  sessionKey?: SessionWrappedKey | null;
  registered: boolean;
  /** The organisation's settings as of the last pull (numbers, not about any child). */
  wipeAfterDays: number;
  lockAfterMinutes: number;
  createdAt: string;
  /** Checked before unlocking: a store not synced for `wipeAfterDays` is wiped instead of opened. */
  lastSyncAt: string | null;
}

/**
 * A sealed value under a fixed name: `user` (the signed-in user, for working offline), `replica` (the engine's
 * owner, settings, held operations and last pull), `marks` (the cases kept on purpose).
 */
export interface SealedRow extends Sealed {
  key: string;
}

/** One case: its detail, events and mark, sealed together under the case's id. */
export interface CaseRow extends Sealed {
  caseId: string;
}

/** One outbox entry, sealed under its operation's id; `order` keeps the order the changes were made in. */
export interface OutboxRow extends Sealed {
  opId: string;
  order: number;
}

/**
 * The bytes of a photo or document added offline, sealed under its operation's id (the id prefixed `file:`, so
 * it never opens as the outbox entry's record). It leaves with its outbox entry, once the server answered it.
 */
export interface FileRow extends Sealed {
  opId: string;
}

export class DeviceDb extends Dexie {
  device!: Table<DeviceRow, 'device'>;
  sealed!: Table<SealedRow, string>;
  cases!: Table<CaseRow, string>;
  outbox!: Table<OutboxRow, string>;
  files!: Table<FileRow, string>;

  constructor() {
    super(DEVICE_DB_NAME);
    this.version(1).stores({ device: 'key', sealed: 'key', cases: 'caseId', outbox: 'opId, order' });
    this.version(2).stores({ files: 'opId' });
  }
}
