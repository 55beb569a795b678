import { randomUUID } from 'node:crypto';
import { addDays, colleagueSchema, newTaskSchema, taskListSchema, taskUpdateSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { idParams, commonErrors, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { tasksFor } from './due-tasks.repository';
import { colleaguesOf, insertTask, setTaskDone } from './tasks.repository';

const errors = commonErrors;
const dueErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;

export function tasksRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tasks',
      {
        schema: {
          tags: ['oversight'],
          summary: 'The signed-in worker’s due and overdue work',
          response: { 200: taskListSchema, ...dueErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const today = ctx.clock.today();
        return { items: await tasksFor(ctx.db, user.actor, today, addDays(today, 30)) };
      },
    );
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
