import { DomainError } from '@homeward/core';
import type { FastifyInstance } from 'fastify';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies are read as bytes and decoded strictly: the default parser decodes invalid UTF-8 to U+FFFD, so
 * a child's name sent in a broken encoding would be stored with its letters silently replaced.
 */
export function parseJsonStrictly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new DomainError('invalid', 'The request body is not valid UTF-8 text.', [], 'invalid_utf8'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
