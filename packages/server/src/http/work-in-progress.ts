import type { FastifyInstance } from 'fastify';
import { busy } from '../db/database';

/**
 * Bounds the API requests being worked on at once. The embedded database runs on the server's own thread, so
 * work piled up behind it delays even the acceptance of new connections (a phone waited up to a minute for a
 * first byte): past the bound a request is answered at once, 503 with Retry-After, and the work already
 * started finishes in good time.
 */
export function limitWorkInProgress(app: FastifyInstance, limit: number): void {
  let inProgress = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    if (inProgress >= limit) throw busy();
    inProgress += 1;
    reply.raw.once('close', () => {
      inProgress -= 1;
    });
  });
}
