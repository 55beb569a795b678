import { can, DomainError, retentionPreviewSchema, retentionSettingsSchema } from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit } from '../audit/audit.repository';
import type { AppContext } from '../http/context';
import { commonErrors } from '../http/openapi-shapes';
import { requireUser, type RequestUser } from '../http/session';
import { readRetentionSettings, writeRetentionSettings } from './retention.repository';
import { retentionPreview } from './retention.service';

function requireRetention(user: RequestUser): void {
  if (!can(user.access, 'retention.manage')) {
    throw new DomainError('forbidden', 'Only an organisation administrator can manage retention.', [], 'forbidden');
  }
}

export function retentionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/retention',
      {
        schema: {
          tags: ['settings'],
          summary: 'The organisation’s retention rules (none unless set)',
          response: { 200: retentionSettingsSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        requireRetention(user);
        return readRetentionSettings(ctx.db, user.organisationId);
      },
    );

    app.put(
      '/settings/retention',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set the retention rules; they are applied only by `homeward retention run`',
          body: retentionSettingsSchema,
          response: { 200: retentionSettingsSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        requireRetention(user);
        await ctx.db.transaction().execute(async (trx) => {
          await writeRetentionSettings(trx, user.organisationId, request.body);
          await appendAudit(trx, { ...user.actor, action: 'settings.retention_update', detail: { ...request.body } });
        });
        return readRetentionSettings(ctx.db, user.organisationId);
      },
    );

    app.get(
      '/settings/retention/preview',
      {
        schema: {
          tags: ['settings'],
          summary: 'Which cases the rules would change today: case numbers, rule and date, never names',
          response: { 200: retentionPreviewSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        requireRetention(user);
        const today = ctx.clock.today();
        return { today, items: await retentionPreview(ctx.db, user.organisationId, today) };
      },
    );
  };
}
