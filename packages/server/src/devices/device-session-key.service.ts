import { randomBytes } from 'node:crypto';
import { DomainError, type DeviceSessionKey } from '@homeward/core';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { openText, sealText } from '../auth/secret-box';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { deviceForSync } from './devices.service';
import { deleteSessionKey, findSessionKey, lockDevice, saveSessionKey } from './device-session-key.repository';

/**
 * The second key of a browser's device store (decision 0017): random, kept here sealed, and released only to the
 * device's own user over the session that asked for it, so that online a reload opens the store without the
 * password and offline only the password does. Another's device, a hub, or a device without a key for this
 * session answers "not found"; a revoked one `device_revoked` (its key is already gone).
 */
interface SessionActor {
  actor: Actor;
  sessionId: string;
}

const NO_KEY = 'This device has no key for this session: the password opens its store.';

async function browserDevice(db: Kysely<Database>, actor: Actor, deviceId: string): Promise<void> {
  const row = await deviceForSync(db, actor, deviceId);
  if (row.kind !== 'browser') throw new DomainError('not_found', NO_KEY, [], 'not_found');
}

/**
 * At sign-in (or an unlock with the password while online): the key for this device and session, made once; a
 * retry, or two requests at once, get the same key. A new session replaces the key an earlier one was given.
 */
export async function issueSessionKey(
  db: Kysely<Database>,
  keys: FileKeys,
  { actor, sessionId }: SessionActor,
  deviceId: string,
): Promise<DeviceSessionKey> {
  await browserDevice(db, actor, deviceId);
  const sealed = await db.transaction().execute(async (trx) => {
    await lockDevice(trx, deviceId);
    // Checked again under the row's lock: a revocation committed meanwhile wins.
    await deviceForSync(trx, actor, deviceId);
    const kept = await findSessionKey(trx, deviceId, sessionId);
    if (kept) return kept;
    const made = sealText(keys.current, randomBytes(32).toString('base64url'));
    await saveSessionKey(trx, { deviceId, sessionId, sealedKey: made });
    await appendAudit(trx, { ...actor, action: 'device.session_key', detail: { deviceId } });
    return made;
  });
  return { key: openText(keys.all, sealed) };
}

/** After a reload: the key this session was given, or "not found" (the password is asked instead). */
export async function releaseSessionKey(
  db: Kysely<Database>,
  keys: FileKeys,
  { actor, sessionId }: SessionActor,
  deviceId: string,
): Promise<DeviceSessionKey> {
  await browserDevice(db, actor, deviceId);
  const sealed = await findSessionKey(db, deviceId, sessionId);
  if (!sealed) throw new DomainError('not_found', NO_KEY, [], 'not_found');
  return { key: openText(keys.all, sealed) };
}

/** When the store locks for idleness: from then on only the password opens it, until the next sign-in. */
export async function dropSessionKey(db: Kysely<Database>, { actor }: SessionActor, deviceId: string): Promise<void> {
  await browserDevice(db, actor, deviceId);
  await deleteSessionKey(db, deviceId);
}
