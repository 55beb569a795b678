import { DomainError, invalid, type TwoFactorSetupResult } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import type { Actor } from './actor';
import { verifyPassword } from './passwords';
import { openText, sealText } from './secret-box';
import { matchingStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from './totp';
import { completeEnrolment, readTwoFactor, replaceRecoveryCodes, savePendingSecret } from './two-factor.repository';

function alreadyEnrolled(): DomainError {
  return new DomainError(
    'conflict',
    'A second factor is already set up for this account. An administrator can reset it.',
    [],
    'already_enrolled',
  );
}

/** Step one of enrolment: a new secret, kept sealed and pending until a first code proves the app has it. */
export async function startEnrolment(
  db: Kysely<Database>,
  keys: FileKeys,
  actor: Actor,
  password: string,
): Promise<TwoFactorSetupResult> {
  const user = await readTwoFactor(db, actor.userId);
  if (user.totp_enrolled_at) throw alreadyEnrolled();
  if (!(await verifyPassword(user.password_hash, password)))
    throw invalid('password', 'The password is not right.', 'wrong_password');
  const secret = newTotpSecret();
  await savePendingSecret(db, actor.userId, sealText(keys.current, secret));
  return { secret, uri: totpUri(secret, user.email) };
}

/** Step two: the first code confirms the secret; the recovery codes are returned this once and kept as hashes. */
export async function confirmEnrolment(
  db: Kysely<Database>,
  keys: FileKeys,
  actor: Actor,
  code: string,
): Promise<string[]> {
  const user = await readTwoFactor(db, actor.userId);
  if (user.totp_enrolled_at) throw alreadyEnrolled();
  const pending = user.totp_pending_secret;
  if (!pending)
    throw new DomainError('conflict', 'Start the set-up again: no new secret is waiting.', [], 'no_pending_secret');
  const step = matchingStep(openText(keys.all, pending), code);
  if (step === null)
    throw invalid('code', 'The code is not right. Check the phone’s time and try the newest code.', 'invalid_code');
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await completeEnrolment(trx, actor.userId, pending, step, recoveryCodes.map(recoveryCodeHash));
    await appendAudit(trx, { ...actor, action: 'auth.two_factor_enrol' });
  });
  return recoveryCodes;
}

/**
 * New recovery codes for a user who has used most of hers (or fears they were seen): the password again, then ten
 * new codes shown this once; the old ones stop working.
 */
export async function regenerateRecoveryCodes(db: Kysely<Database>, actor: Actor, password: string): Promise<string[]> {
  const user = await readTwoFactor(db, actor.userId);
  if (!user.totp_enrolled_at) throw new DomainError('conflict', 'Set up two-step sign-in first.', [], 'not_enrolled');
  if (!(await verifyPassword(user.password_hash, password)))
    throw invalid('password', 'The password is not right.', 'wrong_password');
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(trx, actor.userId, recoveryCodes.map(recoveryCodeHash));
    await appendAudit(trx, { ...actor, action: 'auth.recovery_codes_renew' });
  });
  return recoveryCodes;
}
