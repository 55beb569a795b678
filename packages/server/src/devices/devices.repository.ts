import type { Device, DeviceKind } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { deleteSessionKey, deleteUserSessionKeys } from './device-session-key.repository';

/** SQL of the devices that keep cases offline; the service decides who may see and revoke which. */
type Executor = Kysely<Database> | Transaction<Database>;

export interface DeviceRow {
  id: string;
  organisation_id: string;
  user_id: string;
  kind: DeviceKind;
  name: string;
  registered_at: Date;
  last_sync_at: Date | null;
  revoked_at: Date | null;
  user_name: string | null;
}

function devices(db: Executor) {
  return db
    .selectFrom('device')
    .innerJoin('app_user as owner', 'owner.id', 'device.user_id')
    .selectAll('device')
    .select('owner.display_name as user_name');
}

/** A device by id, in any organisation: the caller tells a retry from an id used by someone else. */
export function findDevice(db: Executor, id: string): Promise<DeviceRow | undefined> {
  return devices(db).where('device.id', '=', id).executeTakeFirst();
}

/** Inserts the device unless its id is used; two registrations at once make one row. */
export async function insertDevice(
  trx: Transaction<Database>,
  row: { id: string; organisationId: string; userId: string; kind: DeviceKind; name: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('device')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      user_id: row.userId,
      kind: row.kind,
      name: row.name,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The organisation's devices, or one user's, newest first. */
export function listDeviceRows(db: Executor, organisationId: string, userId: string | null): Promise<DeviceRow[]> {
  let query = devices(db).where('device.organisation_id', '=', organisationId);
  if (userId) query = query.where('device.user_id', '=', userId);
  return query.orderBy('device.registered_at', 'desc').orderBy('device.id').execute();
}

/** The case numbers each device said it holds at its last pull. */
export async function heldCasesOf(
  db: Executor,
  deviceIds: readonly string[],
): Promise<Map<string, Device['heldCases']>> {
  const held = new Map<string, Device['heldCases']>();
  if (deviceIds.length === 0) return held;
  const rows = await db
    .selectFrom('device_case')
    .innerJoin('child_case', 'child_case.id', 'device_case.case_id')
    .select(['device_case.device_id', 'child_case.id', 'child_case.case_number'])
    .where('device_case.device_id', 'in', [...deviceIds])
    .orderBy('child_case.case_number')
    .execute();
  for (const row of rows) {
    const list = held.get(row.device_id) ?? [];
    list.push({ caseId: row.id, caseNumber: row.case_number });
    held.set(row.device_id, list);
  }
  return held;
}

/**
 * Revokes the device once: a second revocation finds it revoked and changes nothing. Its session key goes with
 * it, so the store opens from the server no more.
 */
export async function revokeDeviceRow(trx: Transaction<Database>, id: string, by: string): Promise<boolean> {
  const revoked = await trx
    .updateTable('device')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  // After the row's lock is taken: a key being issued meanwhile is committed before, and deleted here.
  await deleteSessionKey(trx, id);
  return revoked !== undefined;
}

/** Revokes every device of a user being disabled: each wipes its store when it is next told so. */
export async function revokeUserDevices(trx: Transaction<Database>, userId: string, by: string): Promise<number> {
  const revoked = await trx
    .updateTable('device')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  await deleteUserSessionKeys(trx, userId);
  return revoked.length;
}

/**
 * After a pull: the cases the device now holds, and when it last synced. The device's row is updated first, so
 * two pulls of one device at once replace its list one after the other.
 */
export async function recordDeviceSync(
  trx: Transaction<Database>,
  deviceId: string,
  caseIds: readonly string[],
): Promise<void> {
  await trx.updateTable('device').set({ last_sync_at: new Date() }).where('id', '=', deviceId).execute();
  let stale = trx.deleteFrom('device_case').where('device_id', '=', deviceId);
  if (caseIds.length > 0) stale = stale.where('case_id', 'not in', [...caseIds]);
  await stale.execute();
  if (caseIds.length > 0) {
    await trx
      .insertInto('device_case')
      .values(caseIds.map((caseId) => ({ device_id: deviceId, case_id: caseId })))
      .onConflict((conflict) => conflict.columns(['device_id', 'case_id']).doNothing())
      .execute();
  }
}
