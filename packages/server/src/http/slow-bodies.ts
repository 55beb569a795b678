import type { FastifyInstance } from 'fastify';
import { clientErrorHandler } from './problem';

/**
 * Cuts off a request whose body has not fully arrived in time, with a 408. Node's own `requestTimeout` stops
 * watching a request once its headers are in, so a body sent a byte at a time would hold its connection (and
 * a slot of the server's) for ever.
 */
export function cutOffSlowBodies(app: FastifyInstance, timeoutMs: number): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.raw.complete) return;
    const timer = setTimeout(() => {
      if (request.raw.complete) return;
      const timeout = Object.assign(new Error('The request body took too long to arrive.'), {
        code: 'ERR_HTTP_REQUEST_TIMEOUT',
      });
      clientErrorHandler(timeout, request.raw.socket);
    }, timeoutMs);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    request.raw.once('end', () => clearTimeout(timer));
  });
}
