import {
  hubCredentialsSchema,
  hubFileSchema,
  hubIdentitySchema,
  hubPullRequestSchema,
  hubPullResponseSchema,
  hubPushRequestSchema,
  newHubSchema,
  pushResponseSchema,
  stagedFileQuerySchema,
  stagedFileSchema,
} from '@homeward/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { acceptRawFiles, fileBodyLimit, rawFile } from '../sync/raw-file-body';
import { hubFile, hubIdentity, hubPull, hubPush, hubStageFile } from './hub-central.service';
import { createHub, hubOfRequest } from './hub-devices.service';

/** The central server's side of a shelter's hub (issue 11 point 7, decision 0019). */
export function hubCentralRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // The hub's endpoints have no session to check (policy kind `hub`): its token is checked before the body.
  const asHub = async (request: FastifyRequest) => {
    await hubOfRequest(ctx.db, request);
  };
  return async (app) => {
    app.post(
      '/devices/hubs',
      {
        schema: {
          tags: ['sync'],
          summary: 'Authorise a shelter’s own server as a hub of the organisation',
          description:
            'By an administrator (`device.manage`). Answers the hub’s device and its token, shown this once: the ' +
            'server keeps only its hash. The hub is revoked like any device.',
          body: newHubSchema,
          response: { 201: hubCredentialsSchema, 409: problemSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return reply.code(201).send(await createHub(ctx.db, user.actor, request.body));
      },
    );

    app.get(
      '/hub',
      {
        onRequest: asHub,
        schema: {
          tags: ['sync'],
          summary: 'The hub this token belongs to, and its organisation (checked when linking)',
          response: { 200: hubIdentitySchema, ...commonErrors },
        },
      },
      async (request) => hubIdentity(ctx.db, await hubOfRequest(ctx.db, request)),
    );

    app.post(
      '/hub/pull',
      {
        onRequest: asHub,
        schema: {
          tags: ['sync'],
          summary: 'A hub’s pull: the cases the organisation leads, and its facilities and people',
          description:
            'As `POST /sync/pull`, over every case the organisation leads, with `Authorization: Bearer <hub token>`. ' +
            'A revoked hub gets 403 with `device_revoked`.',
          body: hubPullRequestSchema,
          response: { 200: hubPullResponseSchema, ...commonErrors },
        },
      },
      async (request) => hubPull(ctx.db, await hubOfRequest(ctx.db, request), request.body),
    );

    app.get(
      '/hub/files/:id',
      {
        onRequest: asHub,
        schema: {
          tags: ['sync'],
          summary: 'A photo or document of a case the organisation leads, for the hub to hold (its bytes in base64)',
          description:
            'With `Authorization: Bearer <hub token>`; audited as a download. A file of a case outside the hub’s ' +
            'pull is 404, as no file is.',
          params: idParams,
          response: { 200: hubFileSchema, ...commonErrors },
        },
      },
      async (request) => hubFile(ctx.db, await hubOfRequest(ctx.db, request), request.params.id, ctx.fileKeys),
    );

    acceptRawFiles(app);
    app.put(
      '/hub/files/:id',
      {
        onRequest: asHub,
        schema: {
          tags: ['sync'],
          summary: 'A file made at the hub, sent ahead of its `attachment` operation (the body: its bytes)',
          description: 'As `PUT /sync/files/:id`, with `Authorization: Bearer <hub token>`.',
          params: idParams,
          querystring: stagedFileQuerySchema,
          consumes: ['application/octet-stream'],
          response: { 200: stagedFileSchema, 413: problemSchema, ...commonErrors },
        },
        bodyLimit: fileBodyLimit,
      },
      async (request) => {
        const file = { id: request.params.id, sha256: request.query.sha256, data: rawFile(request.body) };
        const hub = await hubOfRequest(ctx.db, request);
        return hubStageFile(ctx.db, hub, request.query.deviceId, file, ctx.fileKeys);
      },
    );

    app.post(
      '/hub/push',
      {
        onRequest: asHub,
        schema: {
          tags: ['sync'],
          summary: 'A hub’s push: each operation applied as the person who made it (`madeBy`)',
          description: 'As `POST /sync/push`; `madeBy` must be an active user of the hub’s organisation.',
          body: hubPushRequestSchema,
          response: { 200: pushResponseSchema, ...commonErrors },
        },
      },
      async (request) => hubPush(ctx.db, await hubOfRequest(ctx.db, request), request.body, ctx.clock, ctx.fileKeys),
    );
  };
}
