import { deviceListSchema, deviceSchema, deviceSessionKeySchema, registerDeviceSchema } from '@homeward/core';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { listDevices, registerDevice, revokeDevice } from './devices.service';
import { dropSessionKey, issueSessionKey, releaseSessionKey } from './device-session-key.service';

/** The devices that keep cases offline (issue 11): registered by their users, listed and revoked by admins. */
export function devicesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/devices',
      {
        schema: {
          tags: ['sync'],
          summary: 'Register this device for offline work',
          description:
            'Idempotent on the id the device made: the same id from the same user answers the device (200). An id ' +
            'used by anyone else answers 409; a revoked device 403 with `device_revoked`.',
          body: registerDeviceSchema,
          response: { 200: deviceSchema, 201: deviceSchema, 409: problemSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, device } = await registerDevice(ctx.db, user.actor, request.body);
        return reply.code(created ? 201 : 200).send(device);
      },
    );

    app.get(
      '/devices',
      {
        schema: {
          tags: ['sync'],
          summary: 'Devices and the cases each holds offline',
          description: 'All the organisation’s devices for an administrator (`device.manage`); one’s own for others.',
          response: { 200: deviceListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await listDevices(ctx.db, user.actor) };
      },
    );

    app.post(
      '/devices/:id/revoke',
      {
        schema: {
          tags: ['sync'],
          summary: 'Revoke a device: its next sync is refused and it wipes the cases it holds',
          description: 'By an administrator (`device.manage`) or the device’s own user; audited.',
          params: idParams,
          response: { 200: deviceSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return revokeDevice(ctx.db, user.actor, request.params.id);
      },
    );

    const keyDescription =
      'Only the device’s own user, over the session that asked for it; another’s device (or a hub) answers 404, a ' +
      'revoked device 403 with `device_revoked`. Signing out, revoking the device or disabling its user deletes it.';

    app.post(
      '/devices/:id/session-key',
      {
        schema: {
          tags: ['sync'],
          summary: 'Make this session’s key that opens the device’s store while signed in (decision 0017)',
          description: `Idempotent: the same session gets the same key; a new session replaces it. ${keyDescription}`,
          params: idParams,
          response: { 200: deviceSessionKeySchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return issueSessionKey(ctx.db, ctx.fileKeys, user, request.params.id);
      },
    );

    app.get(
      '/devices/:id/session-key',
      {
        schema: {
          tags: ['sync'],
          summary: 'This session’s key for the device’s store, after a page reload',
          description: `404 when this session has none (the password opens the store). ${keyDescription}`,
          params: idParams,
          response: { 200: deviceSessionKeySchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return releaseSessionKey(ctx.db, ctx.fileKeys, user, request.params.id);
      },
    );

    app.delete(
      '/devices/:id/session-key',
      {
        schema: {
          tags: ['sync'],
          summary: 'Forget the device’s key: its store locked for idleness and opens with the password only',
          params: idParams,
          response: { 204: z.null(), ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await dropSessionKey(ctx.db, user, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
