import {
  accessPolicySettingsSchema,
  DEFAULT_POLICY,
  DomainError,
  effectivePolicy,
  policyAdjustmentProblems,
  policyAdjustmentsSchema,
  type PolicyAdjustments,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit } from '../audit/audit.repository';
import type { AppContext } from '../http/context';
import { commonErrors } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { readPolicyAdjustments, writePolicyAdjustments } from './access-policy.repository';

function settingsOf(adjustments: PolicyAdjustments) {
  return { adjustments, effective: effectivePolicy(adjustments), defaults: DEFAULT_POLICY };
}

export function accessPolicyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/access-policy',
      {
        schema: {
          tags: ['settings'],
          summary: 'What each role may do in this organisation: the default and the organisation’s changes',
          response: { 200: accessPolicySettingsSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return settingsOf(await readPolicyAdjustments(ctx.db, user.organisationId));
      },
    );

    app.put(
      '/settings/access-policy',
      {
        schema: {
          tags: ['settings'],
          summary: 'Adjust the roles: permissions granted or taken, scope, field tiers (organisation admins)',
          body: policyAdjustmentsSchema,
          response: { 200: accessPolicySettingsSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const problems = policyAdjustmentProblems(request.body);
        if (problems.length > 0) {
          throw new DomainError(
            'invalid',
            'These changes are not allowed: administrators keep user and policy management, and departments only read.',
            problems.map((field) => ({ field, message: 'Not allowed.' })),
          );
        }
        await ctx.db.transaction().execute(async (trx) => {
          const before = await readPolicyAdjustments(trx, user.organisationId);
          await writePolicyAdjustments(trx, user.organisationId, request.body);
          await appendAudit(trx, {
            ...user.actor,
            action: 'policy.change',
            detail: { before, after: request.body },
          });
        });
        return settingsOf(request.body);
      },
    );
  };
}
