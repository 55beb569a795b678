import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/**
 * A file locked with a passphrase: scrypt derives an AES-256 key, AES-256-GCM encrypts and authenticates.
 * Layout: magic, scrypt salt (16 bytes), nonce (12), authentication tag (16), ciphertext. The magic names the
 * format and its parameters, so a later version can change them and still open older files.
 */
const MAGIC = Buffer.from('HOMEWARD-ENC1\n');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// About a quarter of a second and 128 MB on a shelter laptop: cheap once, expensive for guessing in bulk.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

function keyFor(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
}

export function encryptWithPassphrase(plain: Buffer, passphrase: string): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(passphrase, salt), iv);
  cipher.setAAD(MAGIC);
  const content = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), content]);
}

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
}

export function decryptWithPassphrase(sealed: Buffer, passphrase: string): Buffer {
  if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new WrongPassphraseError('This is not a file encrypted by Homeward.');
  }
  if (sealed.length < MAGIC.length + SALT_BYTES + IV_BYTES + TAG_BYTES) {
    throw new WrongPassphraseError('The file is cut short: it was damaged or not copied whole.');
  }
  let offset = MAGIC.length;
  const take = (length: number) => sealed.subarray(offset, (offset += length));
  const salt = take(SALT_BYTES);
  const iv = take(IV_BYTES);
  const tag = take(TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(passphrase, salt), iv);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(offset)), decipher.final()]);
  } catch {
    throw new WrongPassphraseError('The passphrase is wrong, or the file was damaged or changed.');
  }
}
