import { groupActivitySchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordGroupActivity } from '../cases/case-events.service';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;
const groupActivityAnswer = z.object({ id: z.uuid(), attended: z.number() });

export function groupActivitiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/group-activities',
      {
        schema: {
          tags: ['cases'],
          summary: 'A life-skills session or class with its attendance list',
          body: groupActivitySchema,
          description: 'Idempotent on the client-generated `id`: sending the same activity again returns it (200).',
          response: {
            200: groupActivityAnswer,
            201: groupActivityAnswer,
            404: problemSchema,
            409: problemSchema,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, activity } = await recordGroupActivity(ctx.db, user.actor, request.body, ctx.clock);
        return reply.code(created ? 201 : 200).send(activity);
      },
    );
  };
}
