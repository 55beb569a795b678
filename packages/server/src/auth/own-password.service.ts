import { invalid, type PasswordChangeInput } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/schema';
import { setPasswordHash } from '../users/user-admin.repository';
import type { Actor } from './actor';
import { assertAcceptablePassword } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { deleteOtherSessions } from './sessions.repository';
import { findUserById } from './users.repository';

/**
 * A user changes her own password: the current one first (a laptop left signed in is not enough), then the
 * policy; every other session ends, so a phone that was lost or a colleague's browser is signed out.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: Actor,
  sessionId: string,
  input: PasswordChangeInput,
): Promise<{ sessionsEnded: number }> {
  const user = await findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await appendAudit(db, { ...actor, action: 'auth.password_change_failed', detail: { reason: 'wrong_password' } });
    throw invalid('currentPassword', 'The current password is not right.', 'wrong_password');
  }
  assertAcceptablePassword(input.newPassword, user.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, actor.userId, passwordHash);
    const sessionsEnded = await deleteOtherSessions(trx, actor.userId, sessionId);
    await appendAudit(trx, { ...actor, action: 'auth.password_change', detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}
