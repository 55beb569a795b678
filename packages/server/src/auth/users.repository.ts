import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, UserRow } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewUser {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: string[];
  locale?: 'en' | 'km';
  team?: string | null;
  facilityId?: string | null;
}

export async function insertUser(db: Executor, user: NewUser): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      id: user.id,
      organisation_id: user.organisationId,
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      roles: user.roles,
      locale: user.locale ?? 'en',
      team: user.team ?? null,
      facility_id: user.facilityId ?? null,
      disabled_at: null,
      locked_until: null,
      last_login_at: null,
    })
    .execute();
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Counts a failure and locks the account at `maxFailures`, for the next of `lockMinutes` (the last repeating):
 * locks grow while failures repeat and start short again once the person signs in.
 */
export async function recordFailedLogin(
  db: Executor,
  userId: string,
  maxFailures: number,
  lockMinutes: number[],
): Promise<{ lockedUntil: Date | null }> {
  // A lock that has run out starts the count again: one more mistake after it must not lock for another spell.
  const failures = sql<number>`case when locked_until <= now() then 1 else failed_logins + 1 end`;
  const locks = sql.join(lockMinutes.map((minutes) => sql`${minutes}::int`));
  const nextMinutes = sql<number>`(array[${locks}])[least(lock_count + 1, ${lockMinutes.length}::int)]`;
  const locking = sql<boolean>`${failures} >= ${maxFailures}`;
  const row = await db
    .updateTable('app_user')
    .set({
      failed_logins: failures,
      lock_count: sql<number>`case when ${locking} then lock_count + 1 else lock_count end`,
      locked_until: sql<Date | null>`case when ${locking}
        then now() + make_interval(mins => ${nextMinutes})
        when locked_until <= now() then null else locked_until end`,
    })
    .where('id', '=', userId)
    .returning(['locked_until'])
    .executeTakeFirstOrThrow();
  return { lockedUntil: row.locked_until };
}

export async function recordSuccessfulLogin(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_logins: 0, lock_count: 0, locked_until: null, last_login_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The facility whose children a caregiver looks after, which decides the cases they see. */
export async function setUserFacility(db: Executor, userId: string, facilityId: string | null): Promise<void> {
  await db.updateTable('app_user').set({ facility_id: facilityId }).where('id', '=', userId).execute();
}
