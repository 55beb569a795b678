import { randomUUID } from 'node:crypto';
import { facilityChildListSchema, facilityListSchema, facilitySchema, newFacilitySchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import {
  childrenInFacility,
  findFacility,
  insertFacility,
  listFacilities,
  updateFacility,
} from './facilities.repository';

const errors = commonErrors;
export function facilitiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/facilities',
      {
        schema: {
          tags: ['facilities'],
          summary: 'The organisation’s facilities with their occupancy',
          response: { 200: facilityListSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await listFacilities(ctx.db, user.actor) };
      },
    );
    app.post(
      '/facilities',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Register a facility',
          body: newFacilitySchema,
          response: { 201: facilitySchema, 409: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const id = request.body.id ?? randomUUID();
        await insertFacility(ctx.db, user.actor, id, request.body);
        return reply.code(201).send(await findFacility(ctx.db, user.actor, id));
      },
    );
    app.put(
      '/facilities/:id',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Change a facility',
          params: idParams,
          body: newFacilitySchema,
          response: { 200: facilitySchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await updateFacility(ctx.db, user.actor, request.params.id, request.body);
        return findFacility(ctx.db, user.actor, request.params.id);
      },
    );
    app.get(
      '/facilities/:id/children',
      {
        schema: {
          tags: ['facilities'],
          summary: 'The children placed in a facility now',
          params: idParams,
          response: { 200: facilityChildListSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await childrenInFacility(ctx.db, user.actor, request.params.id) };
      },
    );
  };
}
