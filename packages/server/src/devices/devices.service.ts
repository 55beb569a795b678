import { can, DomainError, type Device, type RegisterDevice } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import {
  findDevice,
  heldCasesOf,
  insertDevice,
  listDeviceRows,
  revokeDeviceRow,
  type DeviceRow,
} from './devices.repository';

const NOT_FOUND = 'No device with this id.';
// One answer for an id of another user and one of another organisation: it must not say whose it is.
const ID_TAKEN = 'This device id is already used: a device makes a new id when its store is wiped.';
const REVOKED = 'This device may no longer sync: it was revoked, or its user was disabled. Its store is wiped.';

function toDevice(row: DeviceRow, heldCases: Device['heldCases']): Device {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    userId: row.user_id,
    userName: row.user_name,
    registeredAt: row.registered_at.toISOString(),
    lastSyncAt: row.last_sync_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    heldCases,
  };
}

async function withHeldCases(db: Kysely<Database>, rows: DeviceRow[]): Promise<Device[]> {
  const held = await heldCasesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toDevice(row, held.get(row.id) ?? []));
}

/**
 * Registers the signed-in user's device under the id it made; the same id again from the same user is a retry.
 * A hub (a shelter's own server) is a device the organisation's administrator authorises.
 */
export async function registerDevice(
  db: Kysely<Database>,
  actor: Actor,
  input: RegisterDevice,
): Promise<{ created: boolean; device: Device }> {
  if (input.kind === 'hub' && !can(actor.access, 'device.manage')) {
    throw new DomainError('forbidden', 'Only an administrator can authorise a hub.', [], 'forbidden');
  }
  const created = await db.transaction().execute(async (trx) => {
    const inserted = await insertDevice(trx, {
      id: input.id,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: input.kind,
      name: input.name,
    });
    if (inserted) {
      await appendAudit(trx, { ...actor, action: 'device.register', detail: { deviceId: input.id, kind: input.kind } });
    }
    return inserted;
  });
  const row = await findDevice(db, input.id);
  if (!row || row.user_id !== actor.userId) throw new DomainError('conflict', ID_TAKEN, [], 'id_taken');
  if (row.revoked_at) throw new DomainError('forbidden', REVOKED, [], 'device_revoked');
  return { created, device: (await withHeldCases(db, [row]))[0]! };
}

/** An administrator (`device.manage`) sees the organisation's devices; anyone else her own. */
export async function listDevices(db: Kysely<Database>, actor: Actor): Promise<Device[]> {
  const rows = await listDeviceRows(db, actor.organisationId, can(actor.access, 'device.manage') ? null : actor.userId);
  return withHeldCases(db, rows);
}

/** A device the actor may manage: her own, or any of the organisation's for an administrator. */
async function manageableDevice(db: Kysely<Database>, actor: Actor, id: string): Promise<DeviceRow> {
  const row = await findDevice(db, id);
  const mayManage =
    row?.organisation_id === actor.organisationId &&
    (row.user_id === actor.userId || can(actor.access, 'device.manage'));
  if (!row || !mayManage) throw new DomainError('not_found', NOT_FOUND, [], 'not_found');
  return row;
}

/** Revokes a device: at its next sync it is refused and wipes what it holds. Revoking it again changes nothing. */
export async function revokeDevice(db: Kysely<Database>, actor: Actor, id: string): Promise<Device> {
  await manageableDevice(db, actor, id);
  await db.transaction().execute(async (trx) => {
    if (await revokeDeviceRow(trx, id, actor.userId)) {
      await appendAudit(trx, { ...actor, action: 'device.revoke', detail: { deviceId: id } });
    }
  });
  return (await withHeldCases(db, [await manageableDevice(db, actor, id)]))[0]!;
}

/**
 * The signed-in user's own device, for a pull or a push: another's answers "not found"; a revoked device, or
 * one whose user was disabled, is refused with `device_revoked`, on which the device wipes its store.
 */
export async function deviceForSync(db: Kysely<Database>, actor: Actor, id: string): Promise<DeviceRow> {
  const row = await findDevice(db, id);
  if (!row || row.organisation_id !== actor.organisationId || row.user_id !== actor.userId) {
    throw new DomainError('not_found', NOT_FOUND, [], 'not_found');
  }
  if (row.revoked_at || row.user_disabled_at) throw new DomainError('forbidden', REVOKED, [], 'device_revoked');
  return row;
}
