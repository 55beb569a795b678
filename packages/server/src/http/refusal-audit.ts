import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/schema';
import { signedInUserOf } from './session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A signed-in user refused (403) or sent away (404: another organisation's case, a case out of scope) is written
 * to the audit log: a colleague trying case numbers one after another shows there. The route and the id asked
 * for are kept, never the body.
 */
export async function auditRefusal(db: Kysely<Database>, request: FastifyRequest, status: 403 | 404): Promise<void> {
  const user = await signedInUserOf(request);
  if (!user) return;
  const params = (request.params ?? {}) as Record<string, unknown>;
  // Only an id as ids are written: an address can carry anything, and the log must not store what it is sent.
  const target = typeof params.id === 'string' && UUID.test(params.id) ? params.id : undefined;
  await appendAudit(db, {
    ...user.actor,
    action: 'access.refused',
    detail: { method: request.method, route: request.routeOptions.url ?? null, status, ...(target ? { target } : {}) },
  });
}
