import { randomUUID } from 'node:crypto';
import { directoryEntrySchema, directoryListSchema, newDirectoryEntrySchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { insertDirectoryEntry, listDirectory } from './directory.repository';

export function directoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/directory',
      {
        schema: {
          tags: ['directory'],
          summary: 'The organisation’s directory of partners and referral bodies',
          response: { 200: directoryListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await listDirectory(ctx.db, user.actor) };
      },
    );
    app.post(
      '/directory',
      {
        schema: {
          tags: ['directory'],
          summary: 'Add a partner or referral body to the directory',
          body: newDirectoryEntrySchema,
          response: { 201: directoryEntrySchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const id = randomUUID();
        await insertDirectoryEntry(ctx.db, user.actor, id, request.body);
        const entry = (await listDirectory(ctx.db, user.actor)).find((candidate) => candidate.id === id);
        if (!entry) throw new Error('A stored directory entry was not read back.');
        return reply.code(201).send(entry);
      },
    );
  };
}
