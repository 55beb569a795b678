import { randomUUID } from 'node:crypto';
import { colleagueSchema, newTaskSchema, taskUpdateSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { idParams, commonErrors, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { colleaguesOf, insertTask, setTaskDone } from './tasks.repository';

const errors = commonErrors;

export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/tasks',
      {
        schema: {
          tags: ['oversight'],
          summary: 'Give a colleague a task about a case, with a due date',
          body: newTaskSchema,
          response: { 201: z.object({ id: z.uuid() }), 409: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const id = request.body.id ?? randomUUID();
        await insertTask(ctx.db, user.actor, id, request.body);
        return reply.code(201).send({ id });
      },
    );
    app.patch(
      '/tasks/:id',
      {
        schema: {
          tags: ['oversight'],
          summary: 'Mark a task done (or not done)',
          params: idParams,
          body: taskUpdateSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await setTaskDone(ctx.db, user.actor, request.params.id, request.body.done ? ctx.clock.today() : null);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/colleagues',
      {
        schema: {
          tags: ['oversight'],
          summary: 'The people of one’s organisation, to give a task to',
          response: { 200: z.object({ items: z.array(colleagueSchema) }), 401: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await colleaguesOf(ctx.db, user.actor) };
      },
    );
  };
}
