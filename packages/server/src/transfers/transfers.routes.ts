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
  type Decision,
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

    /** Accept, decline and withdraw: one decision each, 201 when it decides, 200 for a retry of it. */
    const decision = <K extends Decision['kind']>(kind: K, summary: string, body?: z.ZodType) => {
      app.post(
        `/transfers/:transferId/${kind}`,
        {
          schema: {
            tags: ['transfers'],
            summary,
            params: transferParams,
            ...(body ? { body } : {}),
            response: decided,
          },
        },
        async (request, reply) => {
          const user = await requireUser(request, ctx.db, ctx.config);
          const chosen = { kind, ...(body ? { body: request.body } : {}) } as Decision;
          const answer = await decideTransfer(ctx.db, user.actor, request.params.transferId, chosen, ctx.clock.today());
          return reply.code(answer.created ? 201 : 200).send(answer.transfer);
        },
      );
    };
    decision(
      'accept',
      'Accept an offered case: your organisation leads it from today, worked by the chosen worker',
      acceptTransferSchema,
    );
    decision('decline', 'Decline an offered case, with a reason', declineTransferSchema);
    decision('withdraw', 'Withdraw your organisation’s open offer');
  };
}
