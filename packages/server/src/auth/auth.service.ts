import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError,
  type LoginAnswer,
  type LoginCodeInput,
  type LoginInput,
  type Role,
  type SecondFactorChallenge,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { AddressThrottle } from './address-throttle';
import { spendVerifyTime, verifyPassword } from './passwords';
import { deleteSession, findLiveSession, insertSession, touchSession, type SessionUser } from './sessions.repository';
import type { FileKeys } from '../documents/attachments.service';
import type { UserRow } from '../db/schema';
import { openText } from './secret-box';
import { looksLikeTotp, matchingStep, normaliseCode, recoveryCodeHash } from './totp';
import {
  claimStep,
  deleteChallenge,
  findLiveChallenge,
  insertChallenge,
  spendRecoveryCode,
} from './two-factor.repository';
import { findUserByEmail, findUserById, recordFailedLogin, recordSuccessfulLogin } from './users.repository';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The database keeps only a hash of the token, so a copy of the database cannot be used to log in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueSession(
  db: Kysely<Database>,
  config: Config,
  userId: string,
  origin: RequestOrigin,
): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + config.session.absoluteHours * 3_600_000);
  await insertSession(db, { id: sessionIdOf(token), userId, csrfToken, expiresAt, ...origin });
  return { token, csrfToken, expiresAt: expiresAt.toISOString() };
}

const INVALID_CREDENTIALS = 'The email or password is not right.';

/** Long enough to open the authenticator app, short enough that a password alone is soon worth nothing again. */
const CHALLENGE_MINUTES = 5;

/**
 * A session, or (for an account with a second factor) a challenge to answer with a code at /auth/login/code.
 * A locked account with a second factor still gets its challenge for the right password: the lock stops guessing
 * a password, and the code is what such a guesser lacks, so its owner is not locked out by someone else's flood.
 */
export async function login(
  db: Kysely<Database>,
  config: Config,
  throttle: AddressThrottle,
  input: LoginInput,
  origin: RequestOrigin,
): Promise<LoginAnswer> {
  return throttled(throttle, origin, (passed) => checkPassword(db, config, input, origin, passed));
}

async function checkPassword(
  db: Kysely<Database>,
  config: Config,
  input: LoginInput,
  origin: RequestOrigin,
  passed: () => void,
): Promise<LoginAnswer> {
  const user = await findUserByEmail(db, input.email);
  if (!user || user.disabled_at) {
    await spendVerifyTime(input.password);
    await appendAudit(db, {
      userId: user?.id ?? null,
      organisationId: user?.organisation_id ?? null,
      roles: [],
      action: 'auth.login_failed',
      detail: { reason: user ? 'disabled' : 'unknown_email' },
      ip: origin.ip,
    });
    throw new DomainError('unauthenticated', INVALID_CREDENTIALS, [], 'invalid_credentials');
  }
  const actor = { userId: user.id, organisationId: user.organisation_id, roles: user.roles, ip: origin.ip };
  const locked = user.locked_until && user.locked_until > new Date() ? user.locked_until : null;
  if (locked && !user.totp_enrolled_at) {
    await appendAudit(db, { ...actor, action: 'auth.login_failed', detail: { reason: 'locked' } });
    throw lockedError(locked);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    if (locked) {
      // Guessing the password of a locked account must not go on while the lock lasts.
      await appendAudit(db, { ...actor, action: 'auth.login_failed', detail: { reason: 'locked' } });
      throw lockedError(locked);
    }
    const { lockedUntil } = await recordFailedLogin(db, user.id, config.lockout.maxFailures, config.lockout.minutes);
    await appendAudit(db, { ...actor, action: 'auth.login_failed', detail: { reason: 'wrong_password' } });
    if (lockedUntil && lockedUntil > new Date()) throw lockedError(lockedUntil);
    throw new DomainError('unauthenticated', INVALID_CREDENTIALS, [], 'invalid_credentials');
  }
  passed();
  if (user.totp_enrolled_at) return issueChallenge(db, user.id, origin);
  await recordSuccessfulLogin(db, user.id);
  await appendAudit(db, { ...actor, action: 'auth.login', detail: { secondFactor: 'none' } });
  return issueSession(db, config, user.id, origin);
}

async function issueChallenge(
  db: Kysely<Database>,
  userId: string,
  origin: RequestOrigin,
): Promise<SecondFactorChallenge> {
  const challenge = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
  await insertChallenge(db, { id: sessionIdOf(challenge), userId, expiresAt, ...origin });
  return { secondFactor: 'required', challenge, expiresAt: expiresAt.toISOString() };
}

const INVALID_CODE = 'The code is not right, or it was already used.';

/**
 * The second step of signing in. A wrong code counts as a failed sign-in, so the account lockout also
 * stops anyone guessing codes; a challenge is spent by the first right code.
 */
export async function loginWithCode(
  db: Kysely<Database>,
  config: Config,
  keys: FileKeys,
  throttle: AddressThrottle,
  input: LoginCodeInput,
  origin: RequestOrigin,
): Promise<IssuedSession> {
  return throttled(throttle, origin, (passed) => checkCode(db, config, keys, input, origin, passed));
}

async function checkCode(
  db: Kysely<Database>,
  config: Config,
  keys: FileKeys,
  input: LoginCodeInput,
  origin: RequestOrigin,
  passed: () => void,
): Promise<IssuedSession> {
  const challenge = await findLiveChallenge(db, sessionIdOf(input.challenge));
  const user = challenge ? await findUserById(db, challenge.user_id) : undefined;
  if (!challenge || !user || user.disabled_at || !user.totp_secret) {
    throw new DomainError(
      'unauthenticated',
      'This sign-in has expired: enter your email and password again.',
      [],
      'challenge_expired',
    );
  }
  const actor = { userId: user.id, organisationId: user.organisation_id, roles: user.roles, ip: origin.ip };
  const locked = user.locked_until && user.locked_until > new Date() ? user.locked_until : null;
  const secondFactor = await verifySecondFactor(db, keys, user, input.code);
  if (!secondFactor && locked) {
    // A challenge on a locked account allows one code: a wrong one ends it, so codes cannot be guessed either.
    await deleteChallenge(db, challenge.id);
    await appendAudit(db, { ...actor, action: 'auth.login_failed', detail: { reason: 'locked' } });
    throw lockedError(locked);
  }
  if (!secondFactor) {
    const { lockedUntil } = await recordFailedLogin(db, user.id, config.lockout.maxFailures, config.lockout.minutes);
    await appendAudit(db, { ...actor, action: 'auth.login_failed', detail: { reason: 'wrong_code' } });
    if (lockedUntil && lockedUntil > new Date()) {
      await deleteChallenge(db, challenge.id);
      throw lockedError(lockedUntil);
    }
    throw new DomainError('unauthenticated', INVALID_CODE, [], 'invalid_code');
  }
  passed();
  await deleteChallenge(db, challenge.id);
  await recordSuccessfulLogin(db, user.id);
  await appendAudit(db, {
    ...actor,
    action: 'auth.login',
    detail: { secondFactor, ...(locked ? { whileLocked: true } : {}) },
  });
  return issueSession(db, config, user.id, origin);
}

async function verifySecondFactor(
  db: Kysely<Database>,
  keys: FileKeys,
  user: UserRow,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  if (!user.totp_secret) return null;
  if (looksLikeTotp(code)) {
    const step = matchingStep(openText(keys.all, user.totp_secret), normaliseCode(code));
    return step !== null && (await claimStep(db, user.id, step)) ? 'totp' : null;
  }
  return (await spendRecoveryCode(db, user.id, recoveryCodeHash(code))) ? 'recovery_code' : null;
}

/**
 * Runs one sign-in step under the address throttle. The step calls `passed` once the password or code is
 * proven right; every other outcome (a wrong or unknown one, a lock, an error) counts as a failure.
 */
async function throttled<T>(
  throttle: AddressThrottle,
  origin: RequestOrigin,
  step: (passed: () => void) => Promise<T>,
): Promise<T> {
  const wait = await throttle.admit(origin.ip);
  if (wait !== null)
    throw new DomainError(
      'throttled',
      'Too many failed sign-ins from this address: wait before trying again.',
      [],
      'throttled',
      wait,
    );
  // Settled once: at the proof, so that the next colleague in line need not wait for this one's session.
  let settled = false;
  const settle = (succeeded: boolean) => {
    if (!settled) throttle.settle(origin.ip, succeeded);
    settled = true;
  };
  try {
    return await step(() => settle(true));
  } finally {
    settle(false);
  }
}

function lockedError(until: Date): DomainError {
  return new DomainError(
    'locked',
    `Too many failed attempts: this account is locked until ${until.toISOString()}.`,
    [],
    'locked',
    Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
  );
}

/**
 * Resolves a token to its user, refreshing the idle timer at most once a minute to spare the database. A request
 * the app makes on its own (`touch: false`, a poll) does not: a screen left open must still time out.
 */
export async function resolveSession(
  db: Kysely<Database>,
  config: Config,
  token: string,
  touch = true,
): Promise<(SessionUser & { roles: Role[] }) | undefined> {
  const session = await findLiveSession(db, sessionIdOf(token), config.session.idleMinutes);
  if (!session) return undefined;
  if (touch && Date.now() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, session.sessionId);
  return session as SessionUser & { roles: Role[] };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, sessionIdOf(token));
}
