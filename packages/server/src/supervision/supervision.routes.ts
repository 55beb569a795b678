import { supervisionSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listFacilities } from '../facilities/facilities.repository';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { supervisionSummary } from './supervision.repository';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;

export function supervisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/supervision',
      {
        schema: {
          tags: ['oversight'],
          summary: 'Caseloads, overdue follow-ups, approvals waiting, gaps in casework',
          response: { 200: supervisionSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const summary = await supervisionSummary(ctx.db, user.actor, ctx.clock.today());
        return { ...summary, facilities: await listFacilities(ctx.db, user.actor) };
      },
    );
  };
}
