import { open, seal, type FileKey } from '../documents/file-crypto';

/**
 * Small secrets kept in a text column, sealed with the same AES-GCM keys as stored files, so that a copy
 * of the database alone does not reveal them and key rotation covers them too.
 */
export function sealText(key: FileKey, plain: string): string {
  const sealed = seal(key, Buffer.from(plain, 'utf8'));
  return [sealed.keyId, sealed.iv, sealed.authTag, sealed.content]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function openText(keys: readonly FileKey[], stored: string): string {
  const [keyId, iv, authTag, content] = stored.split('.');
  if (!keyId || !iv || !authTag || content === undefined) throw new Error('A sealed secret is malformed.');
  const fromBase64 = (part: string) => Buffer.from(part, 'base64url');
  return open(keys, { keyId, iv: fromBase64(iv), authTag: fromBase64(authTag), content: fromBase64(content) }).toString(
    'utf8',
  );
}
