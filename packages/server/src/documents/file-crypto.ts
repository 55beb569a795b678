import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Encryption of stored files with AES-256-GCM. The key comes from HOMEWARD_ATTACHMENT_KEY (32 bytes, base64);
 * without it, a key is made once and kept beside the embedded database (owner-only), so a plain `npm start`
 * still encrypts. Each file records the id of its key, so keys can be rotated (docs/operators).
 */
export interface FileKey {
  id: string;
  key: Buffer;
}

export function keyFromBase64(value: string): FileKey {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32)
    throw new Error('HOMEWARD_ATTACHMENT_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

export function loadFileKey(configured: string | undefined, dataDir: string): FileKey {
  if (configured) return keyFromBase64(configured);
  const path = resolve(dataDir, 'attachment.key');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  chmodSync(path, 0o600);
  return keyFromBase64(readFileSync(path, 'utf8').trim());
}

export interface Sealed {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  content: Buffer;
}

export function seal(key: FileKey, plain: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const content = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId: key.id, iv, authTag: cipher.getAuthTag(), content };
}

export function open(keys: readonly FileKey[], sealed: Sealed): Buffer {
  const key = keys.find((candidate) => candidate.id === sealed.keyId);
  if (!key) throw new Error(`The key ${sealed.keyId} that encrypted this file is not configured.`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv);
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.content), decipher.final()]);
}

/** The keys from configuration: the current one encrypts, every one decrypts. */
export function fileKeysFrom(config: {
  attachmentKey: string | undefined;
  retiredAttachmentKeys: string[];
  dataDir: string;
}) {
  const current = loadFileKey(config.attachmentKey, config.dataDir);
  return { current, all: [current, ...config.retiredAttachmentKeys.map(keyFromBase64)] };
}
