import {
  caseDetailSchema,
  caseSummarySchema,
  duplicateResolutionSchema,
  findDuplicates,
  groupIntakeSchema,
  SEXES,
  villageCode,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resolveDuplicate } from '../cases/case-events.service';
import { childLens } from '../cases/child-visibility';
import { refuseIdentityTerms } from '../cases/identity-terms';
import { createGroup, toSummary } from '../cases/cases.service';
import type { AppContext } from '../http/context';
import { idParams, problemSchema } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { identitiesForMatching } from './duplicate-identities.repository';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;
const name = z.string().trim().max(80).optional();
const groupIntakeAnswer = z.object({ items: z.array(caseDetailSchema) });

const duplicateQuerySchema = z.object({
  familyNameKm: name,
  givenNameKm: name,
  familyNameLatin: name,
  givenNameLatin: name,
  sex: z.enum(SEXES).optional(),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  dateOfBirthEstimated: z.boolean().optional(),
  villageCode: villageCode.optional(),
  /** The case being checked, when checking an existing case on demand. */
  excludeId: z.uuid().optional(),
});

/** A child coming in: the duplicate check, a supervisor's resolution of duplicates, and group intake. */
export function intakeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases/duplicates',
      {
        schema: {
          tags: ['cases'],
          summary: 'Children already known who may be this one, across Khmer and Latin spellings',
          body: duplicateQuerySchema,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  case: caseSummarySchema,
                  score: z.number(),
                  level: z.enum(['likely', 'possible']),
                  reasons: z.array(z.record(z.string(), z.unknown())),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        refuseIdentityTerms(user.actor, request.body);
        const rows = await identitiesForMatching(ctx.db, user.actor);
        const candidates = rows.map(toSummary);
        const subject = { ...request.body, id: request.body.excludeId };
        const matches = findDuplicates(subject, candidates, { limit: 10 });
        // The check runs over the whole organisation so that no child is entered twice, but a match outside the
        // user's scope shows only its case number: they ask a supervisor, who sees it.
        const see = await childLens(
          ctx.db,
          user.actor,
          matches.map((match) => match.record.id),
          { action: 'case.duplicate_check', detail: { compared: rows.length, matches: matches.length } },
        );
        return {
          items: matches.map((match) => ({
            case: see(match.record, match.record.id),
            score: match.score,
            level: match.level,
            reasons: match.reasons,
          })),
        };
      },
    );

    app.post(
      '/cases/:id/duplicates/resolve',
      {
        schema: {
          tags: ['cases'],
          summary: 'A supervisor links two cases of one child, merges one into the other, or marks them distinct',
          params: idParams,
          body: duplicateResolutionSchema,
          response: { 204: z.null(), 404: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await resolveDuplicate(ctx.db, user.actor, request.params.id, request.body, ctx.clock);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/cases/group',
      {
        schema: {
          tags: ['cases'],
          summary: 'Group intake: one referral bringing many children, one case each, all or none',
          body: groupIntakeSchema,
          description:
            "Idempotent on the children's client-generated ids: sending the same group again returns its cases (200).",
          response: { 200: groupIntakeAnswer, 201: groupIntakeAnswer, 409: problemSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { created, items } = await createGroup(ctx.db, user.actor, request.body, ctx.clock);
        return reply.code(created ? 201 : 200).send({ items });
      },
    );
  };
}
