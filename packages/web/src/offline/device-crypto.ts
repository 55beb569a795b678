/**
 * The device store's keys (docs/decisions/0017-device-store-keys.md): a random AES-GCM data key encrypts every
 * record; it is kept only wrapped by a key derived from the user's password (PBKDF2-SHA-256, per-device salt),
 * and unwrapped into memory as a key that cannot be exported. WebCrypto only: no key material in JavaScript.
 */

export const PBKDF2_ITERATIONS = 310_000;
const IV_BYTES = 12;

export interface WrappedKey {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: ArrayBuffer;
}

/** The same data key wrapped by the server's session key for this device (decision 0017). */
export interface SessionWrappedKey {
  iv: Uint8Array<ArrayBuffer>;
  wrapped: ArrayBuffer;
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** A wrong password fails here (the wrapped key's tag does not verify), before any record is touched. */
export class WrongPasswordError extends Error {
  override readonly name = 'WrongPasswordError';
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

async function passwordKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A new data key, returned both wrapped (to store) and usable (to keep in memory). */
export async function newDataKey(password: string): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const salt = randomBytes(16);
  const iv = randomBytes(IV_BYTES);
  // Extractable only for the one wrapKey below; the key kept in memory is unwrapped again as non-extractable.
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const kek = await passwordKey(password, salt, PBKDF2_ITERATIONS);
  const wrapped = await crypto.subtle.wrapKey('raw', fresh, kek, { name: 'AES-GCM', iv });
  const record: WrappedKey = { salt, iterations: PBKDF2_ITERATIONS, iv, wrapped };
  return { key: await unwrapWith(kek, record), wrapped: record };
}

export async function unwrapDataKey(password: string, record: WrappedKey): Promise<CryptoKey> {
  return unwrapWith(await passwordKey(password, record.salt, record.iterations), record);
}

/**
 * The same data key wrapped under a new password, for a password change: the records stay as they are, so the
 * changes waiting in the store survive it.
 */
export async function rewrapDataKey(oldPassword: string, newPassword: string, record: WrappedKey): Promise<WrappedKey> {
  const key = await exportableDataKey(oldPassword, record);
  const salt = randomBytes(16);
  const iv = randomBytes(IV_BYTES);
  const kek = await passwordKey(newPassword, salt, PBKDF2_ITERATIONS);
  const wrapped = await crypto.subtle.wrapKey('raw', key, kek, { name: 'AES-GCM', iv });
  return { salt, iterations: PBKDF2_ITERATIONS, iv, wrapped };
}

/**
 * The data key wrapped a second time, by the key the server keeps for this device and session: only a right
 * password makes this copy, and online the session's key opens it again after a reload.
 */
export async function wrapForSession(
  password: string,
  record: WrappedKey,
  rawSessionKey: string,
): Promise<SessionWrappedKey> {
  const key = await exportableDataKey(password, record);
  const iv = randomBytes(IV_BYTES);
  const wrapped = await crypto.subtle.wrapKey('raw', key, await sessionKey(rawSessionKey), { name: 'AES-GCM', iv });
  return { iv, wrapped };
}

export async function unwrapWithSessionKey(rawSessionKey: string, record: SessionWrappedKey): Promise<CryptoKey> {
  return unwrapWith(await sessionKey(rawSessionKey), record);
}

/** The server's 32 random bytes (base64url), imported only to wrap and unwrap, never to be read back. */
function sessionKey(raw: string): Promise<CryptoKey> {
  const bytes = Uint8Array.from(atob(raw.replaceAll('-', '+').replaceAll('_', '/')), (char) => char.charCodeAt(0));
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
}

/** Extractable for one wrapKey only (a new password, a session's copy); the key kept in memory never is. */
async function exportableDataKey(password: string, record: WrappedKey): Promise<CryptoKey> {
  return unwrapWith(await passwordKey(password, record.salt, record.iterations), record, true);
}

async function unwrapWith(kek: CryptoKey, record: SessionWrappedKey, extractable = false): Promise<CryptoKey> {
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      record.wrapped,
      kek,
      { name: 'AES-GCM', iv: record.iv },
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new WrongPasswordError('The password does not open this device store.');
  }
}

/**
 * Encrypts one record. The record's id is the additional data, so a ciphertext moved under another id (one
 * child's record swapped for another's) fails to open rather than showing the wrong child.
 */
export async function seal(key: CryptoKey, id: string, value: unknown): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: idBytes(id) }, key, plain);
  return { iv, data };
}

export async function open<T>(key: CryptoKey, id: string, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: idBytes(id) },
    key,
    sealed.data,
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

/** A file's bytes, sealed as a record is: its own id as additional data, so it opens only under that id. */
export async function sealBytes(key: CryptoKey, id: string, bytes: ArrayBuffer): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: idBytes(id) }, key, bytes);
  return { iv, data };
}

export function openBytes(key: CryptoKey, id: string, sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: idBytes(id) }, key, sealed.data);
}

function idBytes(id: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(id);
}
