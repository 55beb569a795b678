import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function savePendingSecret(db: Executor, userId: string, sealedSecret: string): Promise<void> {
  await db.updateTable('app_user').set({ totp_pending_secret: sealedSecret }).where('id', '=', userId).execute();
}

export function readTwoFactor(db: Executor, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_pending_secret', 'totp_enrolled_at', 'email', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** The pending secret becomes the user's, with its first accepted step and the hashes of the recovery codes. */
export async function completeEnrolment(
  trx: Transaction<Database>,
  userId: string,
  sealedSecret: string,
  step: number,
  codeHashes: readonly string[],
): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({
      totp_secret: sealedSecret,
      totp_pending_secret: null,
      totp_enrolled_at: sql`now()`,
      totp_last_step: step,
    })
    .where('id', '=', userId)
    .execute();
  await replaceRecoveryCodes(trx, userId, codeHashes);
}

/** A new set of recovery codes; the old ones, used or not, stop working. */
export async function replaceRecoveryCodes(
  trx: Transaction<Database>,
  userId: string,
  codeHashes: readonly string[],
): Promise<void> {
  await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_code')
    .values(codeHashes.map((code_hash) => ({ id: randomUUID(), user_id: userId, code_hash })))
    .execute();
}

/** Accepts a code's time step once: a single conditional update, so two requests cannot both use it. */
export async function claimStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function spendRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const row = await db
    .updateTable('recovery_code')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function clearTwoFactor(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enrolled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

export async function insertChallenge(
  db: Executor,
  challenge: { id: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('login_challenge')
    .values({
      id: challenge.id,
      user_id: challenge.userId,
      expires_at: challenge.expiresAt,
      ip: challenge.ip,
      user_agent: challenge.userAgent,
    })
    .execute();
}

export function findLiveChallenge(db: Executor, id: string) {
  return db
    .selectFrom('login_challenge')
    .select(['id', 'user_id'])
    .where('id', '=', id)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function deleteChallenge(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('login_challenge').where('id', '=', id).execute();
}

/** Every user's sealed second-factor secrets, for re-sealing after a key rotation. */
export function sealedSecrets(db: Executor) {
  return db
    .selectFrom('app_user')
    .select(['id', 'totp_secret', 'totp_pending_secret'])
    .where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)]))
    .execute();
}

export async function resealSecrets(
  db: Executor,
  userId: string,
  sealed: { totp_secret: string | null; totp_pending_secret: string | null },
): Promise<void> {
  await db.updateTable('app_user').set(sealed).where('id', '=', userId).execute();
}
