import {
  acceptTransferSchema,
  caseTransfersSchema,
  declineTransferSchema,
  incomingTransferCountSchema,
  incomingTransfersSchema,
  newTransferSchema,
  transferReceiversSchema,
  transferSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { requirePermission } from '../access/require-permission';
import { receiversFor } from './transfers.repository';
import {
  caseTransfers,
  decideTransfer,
  incomingTransferCount,
  incomingTransfers,
  offerTransfer,
} from './transfers.service';

const transferParams = z.object({ transferId: z.uuid({ message: 'Not a valid id.' }) });
const decided = { 200: transferSchema, 201: transferSchema, 409: problemSchema, ...commonErrors };

/** Transfers of a case's lead between organisations (issue 10 point 2). */
export function transfersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/:id/transfers',
      {
        schema: {
          tags: ['transfers'],
          summary: 'The case’s transfers and the numbers it had under earlier leads',
          params: idParams,
          response: { 200: caseTransfersSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return caseTransfers(ctx.db, user.actor, request.params.id);
      },
    );

    app.post(
      '/cases/:id/transfers',
      {
        schema: {
          tags: ['transfers'],
          summary: 'Offer the case to another organisation to lead (the lead’s supervisors and managers)',
          params: idParams,
          body: newTransferSchema,
          response: decided,
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, transfer } = await offerTransfer(
          ctx.db,
          user.actor,
          request.params.id,
          request.body,
          ctx.clock.today(),
        );
        return reply.code(created ? 201 : 200).send(transfer);
      },
    );

    app.get(
      '/transfers/incoming',
      {
        schema: {
          tags: ['transfers'],
          summary: 'Cases other organisations offer to yours, waiting for an answer',
          response: { 200: incomingTransfersSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return incomingTransfers(ctx.db, user.actor, ctx.clock.today());
      },
    );

    app.get(
      '/transfers/incoming/count',
      {
        schema: {
          tags: ['transfers'],
          summary: 'How many offered cases wait for your organisation (the navigation’s count)',
          response: { 200: incomingTransferCountSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return incomingTransferCount(ctx.db, user.actor);
      },
    );

    app.get(
      '/transfers/receivers',
      {
        schema: {
          tags: ['transfers'],
          summary: 'Organisations on this server a case can be transferred to',
          response: { 200: transferReceiversSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        requirePermission(user.actor, 'case.transfer');
        return { items: await receiversFor(ctx.db, user.actor.organisationId) };
      },
    );

    app.post(
      '/transfers/:transferId/accept',
      {
        schema: {
          tags: ['transfers'],
          summary: 'Accept an offered case: your organisation leads it from today, worked by the chosen worker',
          params: transferParams,
          body: acceptTransferSchema,
          response: decided,
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const decision = { kind: 'accept' as const, body: request.body };
        const answer = await decideTransfer(ctx.db, user.actor, request.params.transferId, decision, ctx.clock.today());
        return reply.code(answer.created ? 201 : 200).send(answer.transfer);
      },
    );

    app.post(
      '/transfers/:transferId/decline',
      {
        schema: {
          tags: ['transfers'],
          summary: 'Decline an offered case, with a reason',
          params: transferParams,
          body: declineTransferSchema,
          response: decided,
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const decision = { kind: 'decline' as const, body: request.body };
        const answer = await decideTransfer(ctx.db, user.actor, request.params.transferId, decision, ctx.clock.today());
        return reply.code(answer.created ? 201 : 200).send(answer.transfer);
      },
    );

    app.post(
      '/transfers/:transferId/withdraw',
      {
        schema: {
          tags: ['transfers'],
          summary: 'Withdraw your organisation’s open offer',
          params: transferParams,
          response: decided,
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const decision = { kind: 'withdraw' as const };
        const answer = await decideTransfer(ctx.db, user.actor, request.params.transferId, decision, ctx.clock.today());
        return reply.code(answer.created ? 201 : 200).send(answer.transfer);
      },
    );
  };
}
