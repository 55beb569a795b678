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
  stagedFileQuerySchema,
  stagedFileSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { decideHeld, listHeld } from './held.service';
import { listOfflineMarks, markOffline } from './offline-marks.service';
import { pull } from './pull.service';
import { push } from './push.service';
import { acceptRawFiles, fileBodyLimit, rawFile } from './raw-file-body';
import { stageFile } from './sync-files.service';
import { deviceForSync } from '../devices/devices.service';
import { RATE_LIMITS } from '../http/rate-limits';

/** Offline sync (issue 11, decision 0013): pull, push, the operations kept for a person, and offline marks. */
export function syncRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    acceptRawFiles(app);

    app.put(
      '/sync/files/:id',
      {
        schema: {
          tags: ['sync'],
          summary: 'A file added offline, sent ahead of its `attachment` operation (the body: its bytes)',
          description:
            'Kept sealed under the operation’s id and the SHA-256 of the bytes until a push applies or a person ' +
            'discards the operation. Sending it again is a retry. The push checks it as an upload is checked.',
          params: idParams,
          querystring: stagedFileQuerySchema,
          consumes: ['application/octet-stream'],
          response: { 200: stagedFileSchema, 413: problemSchema, 429: problemSchema, ...commonErrors },
        },
        bodyLimit: fileBodyLimit,
        config: { rateLimit: RATE_LIMITS.upload },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await deviceForSync(ctx.db, user.actor, request.query.deviceId);
        const file = { id: request.params.id, sha256: request.query.sha256, data: rawFile(request.body) };
        return stageFile(ctx.db, user.actor, request.query.deviceId, file, ctx.fileKeys);
      },
    );

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
        return push(ctx.db, user.actor, request.body, ctx.clock, ctx.fileKeys);
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
        return decideHeld(ctx.db, user.actor, request.params.id, request.body, ctx.clock, ctx.fileKeys);
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
