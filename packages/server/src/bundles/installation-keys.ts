import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * An installation's long-lived keys: Ed25519 signs the bundles it sends, X25519 receives the bundles sent to it.
 * Public keys travel as SPKI DER in base64 (what `createPublicKey` reads back); private keys as PKCS#8 DER, only
 * ever stored sealed with the stored-data key. The fingerprint names both public keys at once, so a card whose
 * either key was swapped has another fingerprint.
 */
export interface PublicKeys {
  signingKey: string;
  agreementKey: string;
}

export interface NewIdentity extends PublicKeys {
  signingPrivate: string;
  agreementPrivate: string;
  fingerprint: string;
}

const der = (key: KeyObject, type: 'spki' | 'pkcs8') => key.export({ format: 'der', type }).toString('base64');

export function generateIdentity(): NewIdentity {
  const signing = generateKeyPairSync('ed25519');
  const agreement = generateKeyPairSync('x25519');
  const keys = { signingKey: der(signing.publicKey, 'spki'), agreementKey: der(agreement.publicKey, 'spki') };
  return {
    ...keys,
    signingPrivate: der(signing.privateKey, 'pkcs8'),
    agreementPrivate: der(agreement.privateKey, 'pkcs8'),
    fingerprint: fingerprintOf(keys),
  };
}

/** The first 16 bytes of SHA-256 over both public keys, in capital hexadecimal: 32 characters to read aloud. */
export function fingerprintOf(keys: PublicKeys): string {
  return createHash('sha256')
    .update(Buffer.from(keys.signingKey, 'base64'))
    .update(Buffer.from(keys.agreementKey, 'base64'))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
}

/** A public key from a card; undefined when it is not a key of the expected kind. */
export function publicKeyOf(base64: string, kind: 'ed25519' | 'x25519'): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === kind ? key : undefined;
  } catch {
    return undefined;
  }
}

export function privateKeyOf(base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
}
