import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DomainError } from '@homeward/core';
import { decryptWithPassphrase, encryptWithPassphrase } from '../records/passphrase-crypto';
import { publicKeyOf } from './installation-keys';

/**
 * The bundle file (decision 0012):
 *
 *   "HOMEWARD-BUNDLE1\n" | header length (4 bytes, big-endian) | header (JSON) | sealed body
 *
 * The header says how the body is sealed and says nothing about the child: to a partner, AES-256-GCM under a key
 * from X25519 (a fresh key pair per bundle and the receiver's key) and HKDF-SHA256, with the magic and the header
 * as additional data so neither can be changed; with a passphrase, the scrypt + AES-256-GCM file of
 * `records/passphrase-crypto`. The body, once opened, is gzip of: manifest length (4 bytes) | manifest (JSON) |
 * Ed25519 signature of the manifest's bytes by the sending installation. Nothing is trusted before the signature
 * has been checked against the key of a partner the importing organisation added by hand.
 */
const MAGIC = Buffer.from('HOMEWARD-BUNDLE1\n');
const HKDF_INFO = Buffer.from('homeward case bundle v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
/** A header is a few hundred bytes; a larger length is damage, not a header. */
const MAX_HEADER = 4096;

export type BundleHeader =
  | { v: 1; mode: 'partner'; from: string; to: string; ephemeralKey: string; iv: string }
  | { v: 1; mode: 'passphrase'; from: string };

export type BundleSeal =
  | { mode: 'partner'; recipientFingerprint: string; recipientAgreementKey: string }
  | { mode: 'passphrase'; passphrase: string };

function refuse(code: string, message: string): never {
  throw new DomainError('invalid', message, [{ field: 'file', message, code }], code);
}

const MESSAGES = {
  notABundle: 'This is not a Homeward case file.',
  truncated: 'The case file is cut short: it was damaged or not copied whole.',
  damaged: 'The case file was damaged or changed after it was made: it cannot be trusted.',
  newer: 'This case file was made by a newer version of Homeward: update this installation first.',
};

function deriveKey(shared: Buffer, ephemeralKey: string, recipientKey: string): Buffer {
  const salt = Buffer.concat([Buffer.from(ephemeralKey, 'base64'), Buffer.from(recipientKey, 'base64')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, HKDF_INFO, 32));
}

function frame(header: BundleHeader, body: Buffer): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  return Buffer.concat([MAGIC, length, headerBytes, body]);
}

/** Signs the manifest with the sender's Ed25519 key and seals it for its receiver. */
export function sealBundle(
  manifest: Buffer,
  signer: { fingerprint: string; signingPrivate: KeyObject },
  to: BundleSeal,
): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifest.length);
  const signature = sign(null, manifest, signer.signingPrivate);
  const inner = gzipSync(Buffer.concat([length, manifest, signature]));
  if (to.mode === 'passphrase') {
    return frame({ v: 1, mode: 'passphrase', from: signer.fingerprint }, encryptWithPassphrase(inner, to.passphrase));
  }
  const recipient = publicKeyOf(to.recipientAgreementKey, 'x25519');
  if (!recipient) throw new Error('The partner’s stored key is not an X25519 key.');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralKey = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const key = deriveKey(
    diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }),
    ephemeralKey,
    to.recipientAgreementKey,
  );
  const iv = randomBytes(IV_BYTES);
  const header: BundleHeader = {
    v: 1,
    mode: 'partner',
    from: signer.fingerprint,
    to: to.recipientFingerprint,
    ephemeralKey,
    iv: iv.toString('base64'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([MAGIC, headerBytes]));
  const content = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
  return frame(header, content);
}

/** The header, read before anything is decrypted: which mode, and for whom. */
export function readHeader(file: Buffer): { header: BundleHeader; headerBytes: Buffer; body: Buffer } {
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (MAGIC.subarray(0, file.length).equals(file)) refuse('bundle_truncated', MESSAGES.truncated);
    if (file.subarray(0, 9).equals(MAGIC.subarray(0, 9))) refuse('bundle_damaged', MESSAGES.damaged);
    refuse('not_a_bundle', MESSAGES.notABundle);
  }
  if (file.length < MAGIC.length + 4) refuse('bundle_truncated', MESSAGES.truncated);
  const headerLength = file.readUInt32BE(MAGIC.length);
  if (headerLength > MAX_HEADER) refuse('bundle_damaged', MESSAGES.damaged);
  const start = MAGIC.length + 4;
  if (file.length < start + headerLength) refuse('bundle_truncated', MESSAGES.truncated);
  const headerBytes = file.subarray(start, start + headerLength);
  let header: BundleHeader;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as BundleHeader;
  } catch {
    refuse('bundle_damaged', MESSAGES.damaged);
  }
  if (typeof header !== 'object' || header === null) refuse('bundle_damaged', MESSAGES.damaged);
  if (header.v !== 1) refuse('bundle_newer_version', MESSAGES.newer);
  if (header.mode !== 'partner' && header.mode !== 'passphrase') refuse('bundle_damaged', MESSAGES.damaged);
  return { header, headerBytes, body: file.subarray(start + headerLength) };
}

/** Opens the body: with this installation's X25519 key, or with the passphrase. Any change makes it fail. */
export function openBody(
  read: ReturnType<typeof readHeader>,
  own: { fingerprint: string; agreementKey: string; agreementPrivate: KeyObject },
  passphrase: string | undefined,
): { manifest: Buffer; signature: Buffer } {
  const { header, headerBytes, body } = read;
  let inner: Buffer;
  if (header.mode === 'passphrase') {
    if (!passphrase) {
      const message = 'This case file is locked with a passphrase: type the passphrase the sender gave you.';
      throw new DomainError('invalid', message, [{ field: 'passphrase', message }], 'passphrase_needed');
    }
    try {
      inner = decryptWithPassphrase(body, passphrase);
    } catch (error) {
      const cutShort = error instanceof Error && /cut short/.test(error.message);
      if (cutShort) refuse('bundle_truncated', MESSAGES.truncated);
      const message = 'The passphrase is wrong, or the case file was damaged or changed.';
      throw new DomainError('invalid', message, [{ field: 'passphrase', message }], 'bundle_wrong_passphrase');
    }
  } else {
    if (header.to !== own.fingerprint) {
      refuse(
        'bundle_other_recipient',
        `This case file was made for another installation (${header.to}), not this one: ask the sender to send it to this installation's card.`,
      );
    }
    const ephemeral = typeof header.ephemeralKey === 'string' ? publicKeyOf(header.ephemeralKey, 'x25519') : undefined;
    const iv = typeof header.iv === 'string' ? Buffer.from(header.iv, 'base64') : Buffer.alloc(0);
    if (!ephemeral || iv.length !== IV_BYTES) refuse('bundle_damaged', MESSAGES.damaged);
    if (body.length < TAG_BYTES) refuse('bundle_truncated', MESSAGES.truncated);
    const key = deriveKey(
      diffieHellman({ privateKey: own.agreementPrivate, publicKey: ephemeral }),
      header.ephemeralKey,
      own.agreementKey,
    );
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.concat([MAGIC, headerBytes]));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      inner = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
    } catch {
      // GCM cannot tell a cut-off file from a changed one; both are refused the same way.
      refuse('bundle_damaged', MESSAGES.damaged);
    }
  }
  let plain: Buffer;
  try {
    plain = gunzipSync(inner);
  } catch {
    refuse('bundle_damaged', MESSAGES.damaged);
  }
  if (plain.length < 4) refuse('bundle_damaged', MESSAGES.damaged);
  const length = plain.readUInt32BE(0);
  if (plain.length !== 4 + length + SIGNATURE_BYTES) refuse('bundle_damaged', MESSAGES.damaged);
  return { manifest: plain.subarray(4, 4 + length), signature: plain.subarray(4 + length) };
}

/** True when the installation holding `signingKey` signed these bytes. */
export function signedBy(manifest: Buffer, signature: Buffer, signingKey: string): boolean {
  const key = publicKeyOf(signingKey, 'ed25519');
  return key !== undefined && verify(null, manifest, key, signature);
}

export const BUNDLE_MESSAGES = MESSAGES;
export { refuse as refuseBundle };
