import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  email: string;
  displayName: string;
  roles: string[];
  locale: string;
  lastSeenAt: Date;
  team: string | null;
  facilityId: string | null;
  /** The organisation's adjustments to the default roles, checked when applied. */
  accessPolicy: Record<string, unknown>;
  organisationRequiresTwoFactor: boolean;
  twoFactorEnrolledAt: Date | null;
}

export async function insertSession(
  db: Kysely<Database>,
  session: {
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** A live session: within its absolute lifetime, used within the idle timeout, its user enabled. */
export function findLiveSession(
  db: Kysely<Database>,
  sessionId: string,
  idleMinutes: number,
): Promise<SessionUser | undefined> {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      's.last_seen_at as lastSeenAt',
      'u.id as userId',
      'u.organisation_id as organisationId',
      'o.name as organisationName',
      'u.email as email',
      'u.display_name as displayName',
      'u.roles as roles',
      'u.locale as locale',
      'u.team as team',
      'u.facility_id as facilityId',
      'o.access_policy as accessPolicy',
      'o.require_two_factor as organisationRequiresTwoFactor',
      'u.totp_enrolled_at as twoFactorEnrolledAt',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: sql`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

/** Ends every session of a user at once (disabled, password or second factor reset, or on request). */
export async function deleteUserSessions(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
): Promise<number> {
  const rows = await db.deleteFrom('user_session').where('user_id', '=', userId).returning('id').execute();
  await db.deleteFrom('login_challenge').where('user_id', '=', userId).execute();
  return rows.length;
}

/** Ends a user's sessions but the one she is using (her own password change). */
export async function deleteOtherSessions(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
  keptSessionId: string,
): Promise<number> {
  const rows = await db
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .where('id', '!=', keptSessionId)
    .returning('id')
    .execute();
  await db.deleteFrom('login_challenge').where('user_id', '=', userId).execute();
  return rows.length;
}

export async function deleteExpiredSessions(db: Kysely<Database>, idleMinutes: number): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(mins => ${idleMinutes})`),
      ]),
    )
    .execute();
}
