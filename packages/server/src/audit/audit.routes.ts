import { auditPageSchema, auditQuerySchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { searchAudit } from './audit-search.repository';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['records'],
          summary: 'Search the organisation’s audit log (administrators); the search is itself audited',
          description: 'Dates are days in Cambodia (UTC+7), both ends included. Newest entries first.',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return searchAudit(ctx.db, user.actor, request.query);
      },
    );
  };
}
