import { DomainError, MAX_ATTACHMENT_BYTES } from '@homeward/core';
import type { FastifyInstance } from 'fastify';

/** A file's bytes as the body of a request: at most an attachment's size (the app's default limit is far less). */
export const fileBodyLimit = MAX_ATTACHMENT_BYTES;

/** Lets the routes of this plugin take `application/octet-stream` bodies, as a Buffer. */
export function acceptRawFiles(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: fileBodyLimit },
    (_request, body, done) => done(null, body),
  );
}

/** The bytes of a request sent as `application/octet-stream`; any other body is refused. */
export function rawFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new DomainError('invalid', 'Send the file’s bytes.', [], 'not_a_file');
  return body;
}
