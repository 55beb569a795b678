import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** SQL of a device's session key (decision 0017); the service decides who gets it. */
type Executor = Kysely<Database> | Transaction<Database>;

/** Locks the device's row for the rest of the transaction: a revocation and a key issued for it do not cross. */
export async function lockDevice(trx: Transaction<Database>, deviceId: string): Promise<void> {
  await trx.selectFrom('device').select('id').where('id', '=', deviceId).forUpdate().execute();
}

/** The sealed key this device was given for this session, if any. */
export async function findSessionKey(db: Executor, deviceId: string, sessionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('device_session_key')
    .select('sealed_key')
    .where('device_id', '=', deviceId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row?.sealed_key;
}

/** One key per device: a new session's key replaces the one an earlier session was given. */
export async function saveSessionKey(
  trx: Transaction<Database>,
  row: { deviceId: string; sessionId: string; sealedKey: string },
): Promise<void> {
  await trx
    .insertInto('device_session_key')
    .values({ device_id: row.deviceId, session_id: row.sessionId, sealed_key: row.sealedKey })
    .onConflict((conflict) =>
      conflict.column('device_id').doUpdateSet({ session_id: row.sessionId, sealed_key: row.sealedKey }),
    )
    .execute();
}

export async function deleteSessionKey(db: Executor, deviceId: string): Promise<void> {
  await db.deleteFrom('device_session_key').where('device_id', '=', deviceId).execute();
}

/** With a user disabled: none of her devices opens from the server again. */
export async function deleteUserSessionKeys(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx
    .deleteFrom('device_session_key')
    .where('device_id', 'in', trx.selectFrom('device').select('id').where('user_id', '=', userId))
    .execute();
}
