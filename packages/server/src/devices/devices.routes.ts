import { deviceListSchema, deviceSchema, registerDeviceSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { listDevices, registerDevice, revokeDevice } from './devices.service';

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
  };
}
