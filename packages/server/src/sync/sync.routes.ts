import {
  heldListQuerySchema,
  heldListSchema,
  heldOperationSchema,
  offlineMarkListSchema,
  offlineMarkSchema,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  resolveHeldSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { decideHeld, listHeld } from './held.service';
import { listOfflineMarks, markOffline } from './offline-marks.service';
import { pull } from './pull.service';
import { push } from './push.service';

/** Offline sync (issue 11, decision 0013): pull, push, the operations kept for a person, and offline marks. */
export function syncRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sync/pull',
      {
        schema: {
          tags: ['sync'],
          summary: 'What the device must learn since what it holds',
          description:
            'The device says, per case it holds, the last event `seq` it applied and the case version it has. ' +
            'Answers the cases new to its user’s offline caseload with all their readable events, the later events ' +
            'of the others, tombstones for the cases it must forget, the kept operations its user may act on and ' +
            'the organisation’s offline settings. A revoked device gets 403 with `device_revoked`.',
          body: pullRequestSchema,
          response: { 200: pullResponseSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return pull(ctx.db, user.actor, request.body);
      },
    );

    app.post(
      '/sync/push',
      {
        schema: {
          tags: ['sync'],
          summary: 'Apply the device’s outbox, in order',
          description:
            'One result per operation: `applied` (a retry of something applied included), `conflict` or ' +
            '`attention` (kept on the server for a person, with the reason), or `failed` (send it again later).',
          body: pushRequestSchema,
          response: { 200: pushResponseSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return push(ctx.db, user.actor, request.body, ctx.clock);
      },
    );

    app.get(
      '/sync/held',
      {
        schema: {
          tags: ['sync'],
          summary: 'Offline changes kept for a person: conflicts and changes that need attention',
          description: 'Open ones and those decided in the last two weeks, that the user made or may decide on.',
          querystring: heldListQuerySchema,
          response: { 200: heldListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await listHeld(ctx.db, user.actor, request.query.caseId) };
      },
    );

    app.post(
      '/sync/held/:id',
      {
        schema: {
          tags: ['sync'],
          summary: 'Apply a kept change again, resolve a conflict, or discard it',
          params: idParams,
          body: resolveHeldSchema,
          response: { 200: heldOperationSchema, 409: problemSchema, 503: problemSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return decideHeld(ctx.db, user.actor, request.params.id, request.body, ctx.clock);
      },
    );

    app.get(
      '/offline-marks',
      {
        schema: {
          tags: ['sync'],
          summary: 'The cases the user keeps offline beyond her assigned ones',
          response: { 200: offlineMarkListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { caseIds: await listOfflineMarks(ctx.db, user.actor) };
      },
    );

    app.put(
      '/offline-marks',
      {
        schema: {
          tags: ['sync'],
          summary: 'Keep a case offline, or stop keeping it',
          body: offlineMarkSchema,
          response: { 200: offlineMarkListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { caseIds: await markOffline(ctx.db, user.actor, request.body) };
      },
    );
  };
}
