import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { tokenOf } from './session';

/**
 * Per signed-in user where there is one: a shelter's staff share one internet address, and one colleague's
 * busy afternoon must not lock out the others. Requests without a session are counted by address.
 */
function perUser(request: FastifyRequest): string {
  const credentials = tokenOf(request);
  return credentials ? createHash('sha256').update(credentials.token).digest('hex') : request.ip;
}

/** Limits for what costs the server most; a person working normally never meets them. */
export const RATE_LIMITS = {
  search: { max: 120, timeWindow: '1 minute', keyGenerator: perUser },
  export: { max: 10, timeWindow: '1 minute', keyGenerator: perUser },
  upload: { max: 30, timeWindow: '1 minute', keyGenerator: perUser },
  /** A report runs a query per table over the whole period: a person reads one at a time. */
  report: { max: 30, timeWindow: '1 minute', keyGenerator: perUser },
} as const;
