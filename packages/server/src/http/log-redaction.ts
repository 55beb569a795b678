import type { FastifyRequest } from 'fastify';

/**
 * What a request log line may say. The query string is dropped because a search is often a child's
 * name (`/cases?q=Sok Dara`); bodies and headers (tokens, cookies) are never logged.
 */
export function redactedRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: request.url.split('?')[0], id: request.id };
}
