import {
  acceptReferralSchema,
  caseParticipantListSchema,
  completeReferralSchema,
  declineReferralSchema,
  incomingReferralsSchema,
  newReferralSchema,
  organisationServicesSchema,
  referralReceiverListSchema,
  referralReceiverQuerySchema,
  serviceReferralListSchema,
  serviceReferralSchema,
  withdrawReferralSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { caseParticipants } from './case-participants.service';
import { incomingInbox, waitingCount } from './incoming.service';
import { listReceivers, readServices, changeServices } from './organisation-services.service';
import {
  acceptReferral,
  caseReferrals,
  completeReferral,
  declineReferral,
  sendReferral,
  withdrawReferral,
} from './referrals.service';

/** Referrals for a service (issue 10): sending from a case, the receiver's inbox and answers, the directory. */
export function referralsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases/:id/referrals',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Refer the child to another organisation for a service, sharing the sections chosen',
          params: idParams,
          body: newReferralSchema,
          response: { 200: serviceReferralSchema, 201: serviceReferralSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, referral } = await sendReferral(
          ctx.db,
          user.actor,
          request.params.id,
          request.body,
          ctx.clock,
        );
        return reply.code(created ? 201 : 200).send(referral);
      },
    );

    app.get(
      '/cases/:id/referrals',
      {
        schema: {
          tags: ['referrals'],
          summary: 'The referrals of a case (a receiver sees those addressed to it)',
          params: idParams,
          response: { 200: serviceReferralListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await caseReferrals(ctx.db, user.actor, request.params.id, ctx.clock) };
      },
    );

    app.get(
      '/cases/:id/participants',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Organisations working with this child: the lead and each participation, with its sections',
          params: idParams,
          response: { 200: caseParticipantListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await caseParticipants(ctx.db, user.actor, request.params.id) };
      },
    );

    app.get(
      '/referrals/incoming',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Referrals sent to the user’s organisation, those waiting for an answer first',
          response: { 200: incomingReferralsSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return incomingInbox(ctx.db, user.actor, ctx.clock);
      },
    );

    app.get(
      '/referrals/incoming/count',
      {
        schema: {
          tags: ['referrals'],
          summary: 'How many referrals wait for an answer, and how many of those too long (the navigation)',
          response: { 200: z.object({ waiting: z.number().int(), overdue: z.number().int() }), ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return waitingCount(ctx.db, user.actor, ctx.clock);
      },
    );

    const step = <B extends z.ZodType>(path: string, summary: string, body: B) => ({
      path,
      schema: {
        tags: ['referrals'],
        summary,
        params: idParams,
        body,
        response: { 200: serviceReferralSchema, ...commonErrors },
      },
    });

    const accept = step('/referrals/:id/accept', 'Accept a referral (the receiver)', acceptReferralSchema);
    app.post(accept.path, { schema: accept.schema }, async (request) => {
      const user = await requireUser(request, ctx.db, ctx.config);
      return acceptReferral(ctx.db, user.actor, request.params.id, request.body, ctx.clock);
    });

    const decline = step(
      '/referrals/:id/decline',
      'Decline a referral, with a reason (the receiver)',
      declineReferralSchema,
    );
    app.post(decline.path, { schema: decline.schema }, async (request) => {
      const user = await requireUser(request, ctx.db, ctx.config);
      return declineReferral(ctx.db, user.actor, request.params.id, request.body.reason, ctx.clock);
    });

    const done = step(
      '/referrals/:id/done',
      'Mark the service done, with feedback (the receiver)',
      completeReferralSchema,
    );
    app.post(done.path, { schema: done.schema }, async (request) => {
      const user = await requireUser(request, ctx.db, ctx.config);
      return completeReferral(ctx.db, user.actor, request.params.id, request.body.feedback, ctx.clock);
    });

    const withdraw = step('/referrals/:id/withdraw', 'Withdraw a referral (the sender)', withdrawReferralSchema);
    app.post(withdraw.path, { schema: withdraw.schema }, async (request) => {
      const user = await requireUser(request, ctx.db, ctx.config);
      return withdrawReferral(ctx.db, user.actor, request.params.id, request.body.reason, ctx.clock);
    });

    app.get(
      '/referrals/receivers',
      {
        schema: {
          tags: ['referrals'],
          summary: 'Organisations a child can be referred to, by the service they offer and their province',
          querystring: referralReceiverQuerySchema,
          response: { 200: referralReceiverListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await listReceivers(ctx.db, user.actor, request.query) };
      },
    );

    app.get(
      '/settings/services',
      {
        schema: {
          tags: ['settings'],
          summary: 'The services the organisation offers to children referred to it',
          response: { 200: organisationServicesSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return readServices(ctx.db, user.actor);
      },
    );

    app.put(
      '/settings/services',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set the services the organisation offers (organisation admins)',
          body: organisationServicesSchema,
          response: { 200: organisationServicesSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return changeServices(ctx.db, user.actor, request.body.services);
      },
    );
  };
}
