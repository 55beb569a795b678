import { randomUUID } from 'node:crypto';
import {
  can,
  DomainError,
  invalid,
  type NewUserInput,
  type Role,
  type SecuritySettings,
  type UserSummary,
} from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { assertAcceptablePassword } from '../auth/password-policy';
import { deleteUserSessions } from '../auth/sessions.repository';
import { clearTwoFactor } from '../auth/two-factor.repository';
import { insertUser } from '../auth/users.repository';
import { revokeUserDevices } from '../devices/devices.repository';
import type { Database } from '../db/schema';
import {
  emailTaken,
  findOrganisationUser,
  listOrganisationUsers,
  readRequireTwoFactor,
  setDisabled,
  setPasswordHash,
  setRoles,
  unlockUser,
  writeRequireTwoFactor,
  type AdminUserRow,
} from './user-admin.repository';

function assertCanManage(actor: Actor): void {
  if (!can(actor.access, 'user.manage'))
    throw new DomainError('forbidden', 'Only an organisation administrator can manage users.', [], 'forbidden');
}

function toSummary(row: AdminUserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles as Role[],
    status: row.disabled_at ? 'disabled' : 'active',
    twoFactorEnrolled: row.totp_enrolled_at !== null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    lockedUntil: row.locked_until && row.locked_until > new Date() ? row.locked_until.toISOString() : null,
    activeSessions: Number(row.active_sessions ?? 0),
  };
}

/** The user, within the actor's organisation; anyone else's answers 404 as if it did not exist. */
async function targetUser(db: Kysely<Database> | Transaction<Database>, actor: Actor, userId: string) {
  const row = await findOrganisationUser(db, actor.organisationId, userId);
  if (!row) throw new DomainError('not_found', 'No such user in your organisation.', [], 'not_found');
  return row;
}

/** Some changes to one's own account would lock the organisation out or skip the second factor. */
function notOwnAccount(actor: Actor, userId: string): void {
  if (actor.userId === userId)
    throw new DomainError(
      'conflict',
      'Another administrator must make this change to your account.',
      [],
      'own_account',
    );
}

/** A system administrator's role reaches beyond one organisation: only another system administrator grants it. */
function assertAssignable(actor: Actor, roles: readonly Role[]): void {
  if (roles.includes('system_admin') && !actor.roles.includes('system_admin'))
    throw invalid('roles', 'Only a system administrator can grant that role.', 'role_not_assignable');
}

export async function listUsers(db: Kysely<Database>, actor: Actor): Promise<UserSummary[]> {
  assertCanManage(actor);
  return (await listOrganisationUsers(db, actor.organisationId)).map(toSummary);
}

export async function getUser(db: Kysely<Database>, actor: Actor, userId: string): Promise<UserSummary> {
  assertCanManage(actor);
  return toSummary(await targetUser(db, actor, userId));
}

export async function createUser(db: Kysely<Database>, actor: Actor, input: NewUserInput): Promise<UserSummary> {
  assertCanManage(actor);
  assertAssignable(actor, input.roles);
  assertAcceptablePassword(input.password, input.email);
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await emailTaken(trx, input.email))
      throw invalid('email', 'Someone already signs in with this email.', 'email_taken');
    await insertUser(trx, {
      id,
      organisationId: actor.organisationId,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      roles: input.roles,
    });
    await appendAudit(trx, { ...actor, action: 'user.create', detail: { userId: id, roles: input.roles } });
    return toSummary(await targetUser(trx, actor, id));
  });
}

export async function changeRoles(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  roles: Role[],
): Promise<UserSummary> {
  assertCanManage(actor);
  notOwnAccount(actor, userId);
  assertAssignable(actor, roles);
  return db.transaction().execute(async (trx) => {
    const before = await targetUser(trx, actor, userId);
    await setRoles(trx, userId, roles);
    await appendAudit(trx, {
      ...actor,
      action: 'user.roles_change',
      detail: { userId, from: before.roles, to: roles },
    });
    return toSummary(await targetUser(trx, actor, userId));
  });
}

/** Disabling ends every session of the user in the same transaction: a departed colleague is out at once. */
export async function setUserDisabled(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  disabled: boolean,
): Promise<UserSummary> {
  assertCanManage(actor);
  notOwnAccount(actor, userId);
  return db.transaction().execute(async (trx) => {
    await targetUser(trx, actor, userId);
    await setDisabled(trx, userId, disabled);
    const sessionsEnded = disabled ? await deleteUserSessions(trx, userId) : 0;
    // Her devices stay revoked if she is enabled again: a device that was told to wipe starts afresh.
    const devicesRevoked = disabled ? await revokeUserDevices(trx, userId, actor.userId) : 0;
    await appendAudit(trx, {
      ...actor,
      action: disabled ? 'user.disable' : 'user.enable',
      detail: disabled ? { userId, sessionsEnded, devicesRevoked } : { userId },
    });
    return toSummary(await targetUser(trx, actor, userId));
  });
}

export async function endUserSessions(db: Kysely<Database>, actor: Actor, userId: string): Promise<UserSummary> {
  assertCanManage(actor);
  return db.transaction().execute(async (trx) => {
    await targetUser(trx, actor, userId);
    const sessionsEnded = await deleteUserSessions(trx, userId);
    await appendAudit(trx, { ...actor, action: 'user.sessions_end', detail: { userId, sessionsEnded } });
    return toSummary(await targetUser(trx, actor, userId));
  });
}

/** A new password set by an administrator ends the user's sessions; it leaves the second factor in place. */
export async function resetPassword(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  password: string,
): Promise<UserSummary> {
  assertCanManage(actor);
  notOwnAccount(actor, userId);
  const target = await targetUser(db, actor, userId);
  assertAcceptablePassword(password, target.email);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await targetUser(trx, actor, userId);
    await setPasswordHash(trx, userId, passwordHash);
    const sessionsEnded = await deleteUserSessions(trx, userId);
    await appendAudit(trx, { ...actor, action: 'user.password_reset', detail: { userId, sessionsEnded } });
    return toSummary(await targetUser(trx, actor, userId));
  });
}

/** For a person locked out by someone else's guessing, who has no second factor to get in with. */
export async function unlockAccount(db: Kysely<Database>, actor: Actor, userId: string): Promise<UserSummary> {
  assertCanManage(actor);
  return db.transaction().execute(async (trx) => {
    const target = await targetUser(trx, actor, userId);
    await unlockUser(trx, userId);
    await appendAudit(trx, {
      ...actor,
      action: 'user.unlock',
      detail: { userId, lockedUntil: target.locked_until ? target.locked_until.toISOString() : null },
    });
    return toSummary(await targetUser(trx, actor, userId));
  });
}

/** For a lost phone: the user enrols again at the next sign-in, with the password alone until then. */
export async function resetTwoFactor(db: Kysely<Database>, actor: Actor, userId: string): Promise<UserSummary> {
  assertCanManage(actor);
  notOwnAccount(actor, userId);
  return db.transaction().execute(async (trx) => {
    await targetUser(trx, actor, userId);
    await clearTwoFactor(trx, userId);
    const sessionsEnded = await deleteUserSessions(trx, userId);
    await appendAudit(trx, { ...actor, action: 'user.two_factor_reset', detail: { userId, sessionsEnded } });
    return toSummary(await targetUser(trx, actor, userId));
  });
}

export async function readSecuritySettings(db: Kysely<Database>, actor: Actor): Promise<SecuritySettings> {
  assertCanManage(actor);
  return { requireTwoFactor: await readRequireTwoFactor(db, actor.organisationId) };
}

export async function writeSecuritySettings(
  db: Kysely<Database>,
  actor: Actor,
  settings: SecuritySettings,
): Promise<SecuritySettings> {
  assertCanManage(actor);
  await db.transaction().execute(async (trx) => {
    await writeRequireTwoFactor(trx, actor.organisationId, settings.requireTwoFactor);
    await appendAudit(trx, { ...actor, action: 'settings.security_update', detail: settings });
  });
  return settings;
}
