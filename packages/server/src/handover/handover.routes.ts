import {
  handoverAcceptSchema,
  handoverDeclineSchema,
  handoverItemsAddSchema,
  handoverItemsChangeSchema,
  handoverItemsRemoveSchema,
  handoverPlanChangeSchema,
  handoverPlanDetailSchema,
  handoverPlanListSchema,
  handoverReceiverListSchema,
  incomingHandoverListSchema,
  LANGUAGES,
  newHandoverPlanSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { commonErrors } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import {
  acceptItems,
  addItems,
  approvePlan,
  changeItems,
  changePlan,
  completePlan,
  createPlan,
  declineItems,
  dropItems,
  getPlan,
  handoverSummary,
  listIncoming,
  listPlans,
  listReceivers,
  submitPlan,
} from './handover.service';

const planParams = z.object({ planId: z.uuid({ message: 'Not a valid id.' }) });
const tags = ['handover'];
const planAnswer = { 200: handoverPlanDetailSchema, ...commonErrors };

/** Caseload handover (issue 10 point 4): the office's plans, and what waits for a receiver. */
export function handoverRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/handover-plans',
      {
        schema: {
          tags,
          summary: 'The organisation’s handover plans',
          response: { 200: handoverPlanListSchema, ...commonErrors },
        },
      },
      async (request) => listPlans(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor),
    );
    app.post(
      '/handover-plans',
      {
        schema: {
          tags,
          summary: 'Draft a handover plan with the cases chosen by id or by the case list’s filters',
          body: newHandoverPlanSchema,
          response: planAnswer,
        },
      },
      async (request) =>
        createPlan(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor, request.body, ctx.clock),
    );
    app.get(
      '/handover-plans/:planId',
      {
        schema: {
          tags,
          summary: 'A handover plan with its cases and progress',
          params: planParams,
          response: planAnswer,
        },
      },
      async (request) => getPlan(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor, request.params.planId),
    );
    app.patch(
      '/handover-plans/:planId',
      {
        schema: {
          tags,
          summary: 'Change a plan’s name, reason or the users disabled at its completion',
          params: planParams,
          body: handoverPlanChangeSchema,
          response: planAnswer,
        },
      },
      async (request) =>
        changePlan(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor, request.params.planId, request.body),
    );
    app.post(
      '/handover-plans/:planId/items',
      {
        schema: {
          tags,
          summary: 'Add cases to a draft plan',
          params: planParams,
          body: handoverItemsAddSchema,
          response: planAnswer,
        },
      },
      async (request) =>
        addItems(
          ctx.db,
          (await requireUser(request, ctx.db, ctx.config)).actor,
          request.params.planId,
          request.body,
          ctx.clock,
        ),
    );
    app.patch(
      '/handover-plans/:planId/items',
      {
        schema: {
          tags,
          summary: 'Set the receiver, type, note or sections of one case or many',
          params: planParams,
          body: handoverItemsChangeSchema,
          response: planAnswer,
        },
      },
      async (request) =>
        changeItems(
          ctx.db,
          (await requireUser(request, ctx.db, ctx.config)).actor,
          request.params.planId,
          request.body,
          ctx.clock,
        ),
    );
    app.post(
      '/handover-plans/:planId/items/remove',
      {
        schema: {
          tags,
          summary: 'Take cases out of a draft plan',
          params: planParams,
          body: handoverItemsRemoveSchema,
          response: planAnswer,
        },
      },
      async (request) =>
        dropItems(
          ctx.db,
          (await requireUser(request, ctx.db, ctx.config)).actor,
          request.params.planId,
          request.body.itemIds,
        ),
    );
    for (const [step, summary] of [
      ['submit', 'Submit the plan for the manager’s approval'],
      ['approve', 'Approve the plan: its cases go to their receivers'],
      ['complete', 'Complete the plan: the office’s chosen users are disabled'],
    ] as const) {
      app.post(
        `/handover-plans/:planId/${step}`,
        { schema: { tags, summary, params: planParams, response: planAnswer } },
        async (request) => {
          const { actor } = await requireUser(request, ctx.db, ctx.config);
          const planId = request.params.planId;
          if (step === 'submit') return submitPlan(ctx.db, actor, planId);
          if (step === 'approve') return approvePlan(ctx.db, actor, planId, ctx.clock);
          return completePlan(ctx.db, actor, planId);
        },
      );
    }
    app.get(
      '/handover-plans/:planId/summary',
      {
        schema: {
          tags,
          summary: 'The printable handover summary (PDF), for one receiver, one case, or the whole plan',
          params: planParams,
          querystring: z.object({
            language: z.enum(LANGUAGES).default('en'),
            receiver: z.uuid().optional(),
            item: z.uuid().optional(),
          }),
          response: { ...commonErrors },
        },
      },
      async (request, reply) => {
        const { actor } = await requireUser(request, ctx.db, ctx.config);
        const file = await handoverSummary(ctx.db, actor, request.params.planId, request.query, ctx.clock);
        return (
          reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="${file.fileName}"`)
            // A file goes out as it is; only JSON answers are checked against a response schema.
            .send(file.body as never)
        );
      },
    );
    app.get(
      '/handover-receivers',
      {
        schema: {
          tags,
          summary: 'The organisations a plan can hand cases to',
          response: { 200: handoverReceiverListSchema, ...commonErrors },
        },
      },
      async (request) => listReceivers(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor),
    );
    app.get(
      '/handover-items/incoming',
      {
        schema: {
          tags,
          summary: 'The handed-over cases waiting for this organisation, and those it decided',
          response: { 200: incomingHandoverListSchema, ...commonErrors },
        },
      },
      async (request) => listIncoming(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor),
    );
    app.post(
      '/handover-items/accept',
      {
        schema: {
          tags,
          summary: 'Accept handed-over cases, one or many',
          body: handoverAcceptSchema,
          response: { 200: incomingHandoverListSchema, ...commonErrors },
        },
      },
      async (request) =>
        acceptItems(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor, request.body, ctx.clock),
    );
    app.post(
      '/handover-items/decline',
      {
        schema: {
          tags,
          summary: 'Decline handed-over cases, with the reason',
          body: handoverDeclineSchema,
          response: { 200: incomingHandoverListSchema, ...commonErrors },
        },
      },
      async (request) =>
        declineItems(ctx.db, (await requireUser(request, ctx.db, ctx.config)).actor, request.body, ctx.clock),
    );
  };
}
