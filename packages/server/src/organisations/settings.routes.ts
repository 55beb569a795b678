import { can, caseSettingsSchema, DomainError } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { readCaseSettings } from './case-settings.repository';
import { changeCaseSettings } from './case-settings.service';

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/cases',
      {
        schema: {
          tags: ['settings'],
          summary: 'The organisation’s approval gates and follow-up rule',
          response: { 200: caseSettingsSchema, 401: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return readCaseSettings(ctx.db, user.organisationId);
      },
    );
    app.put(
      '/settings/cases',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set which steps need approval and the programme’s follow-up rule (organisation admins)',
          body: caseSettingsSchema,
          response: { 200: caseSettingsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        if (!can(user.access, 'user.manage'))
          throw new DomainError('forbidden', 'Only an organisation administrator can change this.', [], 'forbidden');
        await changeCaseSettings(ctx.db, user.actor, request.body);
        return readCaseSettings(ctx.db, user.organisationId);
      },
    );
  };
}
