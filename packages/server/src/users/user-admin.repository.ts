import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** The organisation's users as administrators see them; never the hashes or the second-factor secret. */
function usersOf(db: Executor, organisationId: string) {
  return db
    .selectFrom('app_user as u')
    .select((eb) => [
      'u.id',
      'u.email',
      'u.display_name',
      'u.roles',
      'u.disabled_at',
      'u.totp_enrolled_at',
      'u.last_login_at',
      'u.locked_until',
      eb
        .selectFrom('user_session as s')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('s.user_id', '=', 'u.id')
        .where('s.expires_at', '>', sql<Date>`now()`)
        .as('active_sessions'),
    ])
    .where('u.organisation_id', '=', organisationId);
}

export type AdminUserRow = Awaited<ReturnType<ReturnType<typeof usersOf>['executeTakeFirstOrThrow']>>;

export function listOrganisationUsers(db: Executor, organisationId: string): Promise<AdminUserRow[]> {
  return usersOf(db, organisationId).orderBy('u.display_name').orderBy('u.email').execute();
}

/** Another organisation's user is simply not found. */
export function findOrganisationUser(
  db: Executor,
  organisationId: string,
  userId: string,
): Promise<AdminUserRow | undefined> {
  return usersOf(db, organisationId).where('u.id', '=', userId).executeTakeFirst();
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export async function setRoles(db: Executor, userId: string, roles: readonly string[]): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ roles: [...roles] })
    .where('id', '=', userId)
    .execute();
}

export async function setDisabled(db: Executor, userId: string, disabled: boolean): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ disabled_at: disabled ? sql<Date>`now()` : null })
    .where('id', '=', userId)
    .execute();
}

/** Lifts a lock and its history: the administrator has spoken to the person, so the next lock starts short. */
export async function unlockUser(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_logins: 0, lock_count: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** A new password also lifts a lockout: the administrator has spoken to the person. */
export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function readRequireTwoFactor(db: Executor, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisation')
    .select('require_two_factor')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return row.require_two_factor;
}

export async function writeRequireTwoFactor(db: Executor, organisationId: string, required: boolean): Promise<void> {
  await db.updateTable('organisation').set({ require_two_factor: required }).where('id', '=', organisationId).execute();
}
