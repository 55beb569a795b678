import {
  passwordChangeResultSchema,
  passwordChangeSchema,
  recoveryCodesSchema,
  twoFactorConfirmSchema,
  twoFactorSetupResultSchema,
  twoFactorSetupSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { changeOwnPassword } from './own-password.service';
import { confirmEnrolment, regenerateRecoveryCodes, startEnrolment } from './two-factor.service';

/**
 * The signed-in user's own password and second factor. Enrolment is reachable while it is required, unlike
 * everything else.
 */
export function twoFactorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/account/two-factor/setup',
      {
        schema: {
          tags: ['account'],
          summary: 'Start enrolling an authenticator app: asks for the password, returns a new secret',
          body: twoFactorSetupSchema,
          response: { 200: twoFactorSetupResultSchema, 400: problemSchema, 401: problemSchema, 409: problemSchema },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config, { whileEnrolling: true });
        return startEnrolment(ctx.db, ctx.fileKeys, user.actor, request.body.password);
      },
    );

    app.post(
      '/account/two-factor/confirm',
      {
        schema: {
          tags: ['account'],
          summary: 'Finish enrolling with a first code; returns ten single-use recovery codes, shown only now',
          body: twoFactorConfirmSchema,
          response: { 200: recoveryCodesSchema, 400: problemSchema, 401: problemSchema, 409: problemSchema },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config, { whileEnrolling: true });
        return { recoveryCodes: await confirmEnrolment(ctx.db, ctx.fileKeys, user.actor, request.body.code) };
      },
    );

    app.post(
      '/account/two-factor/recovery-codes',
      {
        schema: {
          tags: ['account'],
          summary: 'Replace one’s recovery codes: asks for the password, returns ten new codes, shown only now',
          body: twoFactorSetupSchema,
          response: {
            200: recoveryCodesSchema,
            400: problemSchema,
            401: problemSchema,
            403: problemSchema,
            409: problemSchema,
          },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { recoveryCodes: await regenerateRecoveryCodes(ctx.db, user.actor, request.body.password) };
      },
    );

    app.post(
      '/account/password',
      {
        schema: {
          tags: ['account'],
          summary: 'Change one’s own password: the current one, then a new one under the policy; other sessions end',
          body: passwordChangeSchema,
          response: {
            200: passwordChangeResultSchema,
            400: problemSchema,
            401: problemSchema,
            403: problemSchema,
          },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return changeOwnPassword(ctx.db, user.actor, user.sessionId, request.body);
      },
    );
  };
}
