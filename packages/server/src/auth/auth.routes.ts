import { currentUserSchema, loginAnswerSchema, loginCodeSchema, loginResultSchema, loginSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.repository';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { clearSessionCookie, requireUser, setSessionCookie, tokenOf } from '../http/session';
import { TIME_ZONE } from '../cases/cases.service';
import { AddressThrottle } from './address-throttle';
import { login, loginWithCode, logout } from './auth.service';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const throttle = new AddressThrottle(ctx.config.lockout.addressFailures, ctx.config.lockout.addressMinutes * 60_000);
  const attempts = { max: ctx.config.lockout.attemptsPerMinute, timeWindow: '1 minute', hook: 'preHandler' as const };
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password',
          description:
            'Returns a bearer token and sets an HttpOnly session cookie. For an account with a second factor it ' +
            'returns `{ secondFactor: "required", challenge }` instead: send the challenge and a code to ' +
            '/auth/login/code. Refuses an address after repeated failures across emails (429), and locks an account, ' +
            'for longer each time, after repeated failures on it (423).',
          body: loginSchema,
          response: {
            200: loginAnswerSchema,
            400: problemSchema,
            401: problemSchema,
            423: problemSchema,
            429: problemSchema,
          },
        },
        config: { rateLimit: { ...attempts, keyGenerator: loginRateKey } },
      },
      async (request, reply) => {
        const session = await login(ctx.db, ctx.config, throttle, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        if ('token' in session) setSessionCookie(reply, ctx.config, session);
        return session;
      },
    );

    app.post(
      '/auth/login/code',
      {
        schema: {
          tags: ['auth'],
          summary: 'Second step of signing in: the code from the authenticator app, or a recovery code',
          description:
            'Answers the challenge from /auth/login. A code is accepted once; a wrong one counts towards the lockout.',
          body: loginCodeSchema,
          response: {
            200: loginResultSchema,
            400: problemSchema,
            401: problemSchema,
            423: problemSchema,
            429: problemSchema,
          },
        },
        config: { rateLimit: { ...attempts, keyGenerator: codeRateKey } },
      },
      async (request, reply) => {
        const session = await loginWithCode(ctx.db, ctx.config, ctx.fileKeys, throttle, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, ctx.config, session);
        return session;
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), 401: problemSchema } },
      },
      async (request, reply) => {
        const credentials = tokenOf(request);
        if (credentials) {
          const user = await requireUser(request, ctx.db, ctx.config, { whileEnrolling: true });
          await logout(ctx.db, credentials.token);
          await appendAudit(ctx.db, { ...user.actor, action: 'auth.logout' });
        }
        clearSessionCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user',
          response: { 200: currentUserSchema, 401: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config, { whileEnrolling: true });
        return {
          id: user.userId,
          email: user.email,
          displayName: user.displayName,
          roles: user.roles,
          access: user.access,
          organisationId: user.organisationId,
          organisationName: user.organisationName,
          locale: user.locale === 'km' ? ('km' as const) : ('en' as const),
          timeZone: TIME_ZONE,
          csrfToken: user.csrfToken,
          twoFactor: { enrolled: user.twoFactorEnrolledAt !== null, mustEnrol: user.mustEnrolTwoFactor },
        };
      },
    );
  };
}

/** Throttles per address and account, so one shelter's shared connection does not lock out its colleagues. */
function loginRateKey(request: { ip: string; body?: unknown }): string {
  const body = request.body as { email?: unknown } | undefined;
  return `${request.ip}|${typeof body?.email === 'string' ? body.email.toLowerCase() : ''}`;
}

/** Per sign-in attempt: a challenge already needs the right password, and the lockout stops code guessing. */
function codeRateKey(request: { ip: string; body?: unknown }): string {
  const body = request.body as { challenge?: unknown } | undefined;
  return `${request.ip}|${typeof body?.challenge === 'string' ? body.challenge.slice(0, 64) : ''}`;
}
