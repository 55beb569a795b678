import {
  caseCorrectionSchema,
  caseDetailSchema,
  caseEventListSchema,
  caseEventSchema,
  caseListQuerySchema,
  caseListSchema,
  caseStateSchema,
  newCaseEventSchema,
  newCaseSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { idParams, commonErrors, problemSchema } from '../http/openapi-shapes';
import { RATE_LIMITS } from '../http/rate-limits';
import { requireUser } from '../http/session';
import { correctCase } from './case-corrections.service';
import { addEvent, getCaseState, listEvents } from './case-events.service';
import { createCase, getCase, listCases } from './cases.service';

const errors = commonErrors;

export function casesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'Open a case: the child, the referral and the intake event',
          description: 'Idempotent on the client-generated `id`: sending the same case again returns it (200).',
          body: newCaseSchema,
          response: { 200: caseDetailSchema, 201: caseDetailSchema, 409: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, detail } = await createCase(ctx.db, user.actor, request.body, ctx.clock);
        return reply.code(created ? 201 : 200).send(detail);
      },
    );

    app.get(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'List and search cases',
          description:
            '`q` matches names in Khmer script or Latin letters, the alias and the case number. The filters narrow ' +
            'the cases the reader may see; `overdue=true` keeps the cases in follow-up whose next visit is past.',
          querystring: caseListQuerySchema,
          response: { 200: caseListSchema, 429: problemSchema, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.search },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return listCases(ctx.db, user.actor, request.query, ctx.clock);
      },
    );

    app.get(
      '/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'One case',
          params: idParams,
          response: { 200: caseDetailSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return getCase(ctx.db, user.actor, request.params.id);
      },
    );

    app.patch(
      '/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'Correct the child’s profile or intake',
          description:
            'Sends only the changed fields (`changes`) with the version of each they were made from (`baseVersions`, ' +
            'from `fieldVersions` of `GET /cases/{id}`). Fields are named as in the case; the referral’s as ' +
            '`referral.source`, `referral.sourceName`, `referral.referredOn`, `referral.reason`. A field changed by ' +
            'someone else since its base answers 409 with `conflicts` (your value, the current one and its version) ' +
            'and nothing is written; a value equal to the current one is no change. Idempotent on the ' +
            'client-generated `id`. Written as a `profile_correction` event holding both values.',
          params: idParams,
          body: caseCorrectionSchema,
          response: { 200: caseDetailSchema, 409: problemSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return correctCase(ctx.db, user.actor, request.params.id, request.body, ctx.clock);
      },
    );

    app.get(
      '/cases/:id/state',
      {
        schema: {
          tags: ['cases'],
          summary: 'The case as it stands today, derived from its events',
          description:
            'Status, risk, placement, consents, care plan and approvals, and the follow-up schedule with what is done, next and overdue.',
          params: idParams,
          response: { 200: caseStateSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return getCaseState(ctx.db, user.actor, request.params.id, ctx.clock);
      },
    );

    app.get(
      '/cases/:id/events',
      {
        schema: {
          tags: ['cases'],
          summary: 'The timeline of a case, oldest first',
          params: idParams,
          response: { 200: caseEventListSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await listEvents(ctx.db, user.actor, request.params.id) };
      },
    );

    app.post(
      '/cases/:id/events',
      {
        schema: {
          tags: ['cases'],
          summary: 'Record what happened in a case',
          description: 'Events are never edited; a correction is a new event. Idempotent on the client-generated `id`.',
          params: idParams,
          body: newCaseEventSchema,
          response: { 200: caseEventSchema, 201: caseEventSchema, 409: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, event } = await addEvent(ctx.db, user.actor, request.params.id, request.body, ctx.clock);
        return reply.code(created ? 201 : 200).send(event);
      },
    );
  };
}
