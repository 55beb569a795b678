import { notificationListQuerySchema, notificationListSchema, notificationsReadSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { markAllRead, markRead, notificationsOf, unreadCount } from './notifications.repository';

/** Each user's own notices: no permission needed, and nobody reaches another's (404). */
export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'What waits for the signed-in user, newest first, with the unread count (limit=0: the counts alone)',
          querystring: notificationListQuerySchema,
          response: { 200: notificationListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { limit, offset, unread } = request.query;
        return notificationsOf(ctx.db, user.actor.userId, { limit, offset, unreadOnly: unread === 'true' });
      },
    );

    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of one’s notifications read',
          params: idParams,
          response: { 200: notificationsReadSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await markRead(ctx.db, user.actor.userId, request.params.id);
        return { unread: await unreadCount(ctx.db, user.actor.userId) };
      },
    );

    app.post(
      '/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark all of one’s notifications read',
          response: { 200: notificationsReadSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await markAllRead(ctx.db, user.actor.userId);
        return { unread: await unreadCount(ctx.db, user.actor.userId) };
      },
    );
  };
}
