import {
  targetInputSchema,
  targetListSchema,
  targetProgressListSchema,
  targetProgressQuerySchema,
  targetSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { changeTarget, createTarget, progressOfTargets, removeTarget, targetsOf } from './targets.service';

export function targetsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/targets',
      {
        schema: {
          tags: ['targets'],
          summary: 'The organisation’s indicator targets',
          response: { 200: targetListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await targetsOf(ctx.db, user.actor) };
      },
    );

    app.post(
      '/targets',
      {
        schema: {
          tags: ['targets'],
          summary: 'Set a target on an indicator for a period',
          body: targetInputSchema,
          response: { 201: targetSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return reply.code(201).send(await createTarget(ctx.db, user.actor, request.body));
      },
    );

    app.get(
      '/targets/progress',
      {
        schema: {
          tags: ['targets'],
          summary: 'Progress of every target on a day: actual, expected by now and month by month',
          querystring: targetProgressQuerySchema,
          response: { 200: targetProgressListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return progressOfTargets(ctx.db, user.actor, ctx.clock, request.query.asOf);
      },
    );

    app.put(
      '/targets/:id',
      {
        schema: {
          tags: ['targets'],
          summary: 'Change a target',
          params: idParams,
          body: targetInputSchema,
          response: { 200: targetSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return changeTarget(ctx.db, user.actor, request.params.id, request.body);
      },
    );

    app.delete(
      '/targets/:id',
      {
        schema: {
          tags: ['targets'],
          summary: 'Delete a target',
          params: idParams,
          response: { 204: z.null(), ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await removeTarget(ctx.db, user.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
