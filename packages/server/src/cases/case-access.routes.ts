import { randomUUID } from 'node:crypto';
import {
  caseAssignmentSchema,
  caseDetailSchema,
  caseShareListSchema,
  departmentListSchema,
  newCaseShareSchema,
  redactCase,
  type Access,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams } from '../http/openapi-shapes';
import { requireUser } from '../http/session';
import { refuseReadOnlyTiers } from './field-access';
import { assignCase, listDepartments, shareCase, sharesOf } from './case-access.repository';
import { getCase } from './cases.service';

type ShareRow = Awaited<ReturnType<typeof sharesOf>>[number];

/** Each share as the user may see it: its note is an account of the case, hidden from roles without that tier. */
function sharesAnswer(rows: readonly ShareRow[], access: Pick<Access, 'tiers'>) {
  return { items: rows.map((row) => redactCase({ ...row, sharedOn: String(row.sharedOn) }, access)) };
}

export function caseAccessRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/cases/:id/assignment',
      {
        schema: {
          tags: ['cases'],
          summary: 'Give the case to a caseworker (supervisors)',
          params: idParams,
          body: caseAssignmentSchema,
          response: { 200: caseDetailSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await ctx.db
          .transaction()
          .execute((trx) => assignCase(trx, user.actor, request.params.id, request.body.workerId));
        return getCase(ctx.db, user.actor, request.params.id);
      },
    );

    app.get(
      '/cases/:id/shares',
      {
        schema: {
          tags: ['cases'],
          summary: 'The departments the case was referred or handed over to',
          params: idParams,
          response: { 200: caseShareListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return sharesAnswer(await sharesOf(ctx.db, user.actor, request.params.id), user.actor.access);
      },
    );

    app.post(
      '/cases/:id/shares',
      {
        schema: {
          tags: ['cases'],
          summary: 'Refer or hand the case over to a Department of Social Affairs, which may then read it',
          params: idParams,
          body: newCaseShareSchema,
          response: { 200: caseShareListSchema, ...commonErrors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        refuseReadOnlyTiers(user.actor, request.body);
        const share = { ...request.body, id: randomUUID(), sharedOn: ctx.clock.today() };
        await ctx.db.transaction().execute((trx) => shareCase(trx, user.actor, request.params.id, share));
        return sharesAnswer(await sharesOf(ctx.db, user.actor, request.params.id), user.actor.access);
      },
    );

    app.get(
      '/departments',
      {
        schema: {
          tags: ['cases'],
          summary: 'Departments of Social Affairs a case can be referred to',
          response: { 200: departmentListSchema, ...commonErrors },
        },
      },
      async () => ({ items: await listDepartments(ctx.db) }),
    );
  };
}
