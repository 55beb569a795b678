import {
  newUserSchema,
  passwordResetSchema,
  securitySettingsSchema,
  userListSchema,
  userRolesSchema,
  userSummarySchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import {
  changeRoles,
  createUser,
  endUserSessions,
  getUser,
  listUsers,
  readSecuritySettings,
  resetPassword,
  resetTwoFactor,
  setUserDisabled,
  unlockAccount,
  writeSecuritySettings,
} from './users.service';

const userParams = z.object({ userId: z.uuid() });
const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/** User administration for the organisation's administrators (`user.manage`); every change is audited. */
export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'The organisation’s users: roles, status, second factor, last sign-in',
          response: { 200: userListSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { users: await listUsers(ctx.db, user.actor) };
      },
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a user with a first password that meets the policy',
          body: newUserSchema,
          response: { 201: userSummarySchema, ...refusals },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return reply.code(201).send(await createUser(ctx.db, user.actor, request.body));
      },
    );

    app.get(
      '/users/:userId',
      {
        schema: {
          tags: ['users'],
          summary: 'One user of the organisation',
          params: userParams,
          response: { 200: userSummarySchema, ...refusals },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return getUser(ctx.db, user.actor, request.params.userId);
      },
    );

    app.put(
      '/users/:userId/roles',
      {
        schema: {
          tags: ['users'],
          summary: 'Change a user’s roles (audited as a permission change)',
          params: userParams,
          body: userRolesSchema,
          response: { 200: userSummarySchema, ...refusals },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return changeRoles(ctx.db, user.actor, request.params.userId, request.body.roles);
      },
    );

    for (const [action, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post(
        `/users/:userId/${action}`,
        {
          schema: {
            tags: ['users'],
            summary: disabled ? 'Disable a user and end all their sessions at once' : 'Enable a disabled user again',
            params: userParams,
            response: { 200: userSummarySchema, ...refusals },
          },
        },
        async (request) => {
          const user = await requireUser(request, ctx.db, ctx.config);
          return setUserDisabled(ctx.db, user.actor, request.params.userId, disabled);
        },
      );
    }

    app.post(
      '/users/:userId/sessions/end',
      {
        schema: {
          tags: ['users'],
          summary: 'End all of a user’s sessions (a lost phone, a shared laptop left signed in)',
          params: userParams,
          response: { 200: userSummarySchema, ...refusals },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return endUserSessions(ctx.db, user.actor, request.params.userId);
      },
    );

    app.post(
      '/users/:userId/password',
      {
        schema: {
          tags: ['users'],
          summary: 'Set a new password for a user; ends their sessions, keeps their second factor',
          params: userParams,
          body: passwordResetSchema,
          response: { 200: userSummarySchema, ...refusals },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return resetPassword(ctx.db, user.actor, request.params.userId, request.body.password);
      },
    );

    app.post(
      '/users/:userId/unlock',
      {
        schema: {
          tags: ['users'],
          summary: 'Lift a user’s lockout after failed sign-ins; the next lock starts short again',
          params: userParams,
          response: { 200: userSummarySchema, ...refusals },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return unlockAccount(ctx.db, user.actor, request.params.userId);
      },
    );

    app.post(
      '/users/:userId/two-factor/reset',
      {
        schema: {
          tags: ['users'],
          summary: 'Remove a user’s second factor and recovery codes, so they can enrol a new phone',
          params: userParams,
          response: { 200: userSummarySchema, ...refusals },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return resetTwoFactor(ctx.db, user.actor, request.params.userId);
      },
    );

    app.get(
      '/settings/security',
      {
        schema: {
          tags: ['settings'],
          summary: 'Whether administrators and government officers must use a second factor',
          response: { 200: securitySettingsSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return readSecuritySettings(ctx.db, user.actor);
      },
    );

    app.put(
      '/settings/security',
      {
        schema: {
          tags: ['settings'],
          summary: 'Require (or stop requiring) a second factor of administrators and government officers',
          body: securitySettingsSchema,
          response: { 200: securitySettingsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return writeSecuritySettings(ctx.db, user.actor, request.body);
      },
    );
  };
}
