import {
  accessLogSchema,
  caseDeletionSchema,
  caseFileQuerySchema,
  caseFileRequestSchema,
  casePrintSchema,
  type Language,
} from '@homeward/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readAccessLog, recordPrint } from '../cases/case-file.repository';
import { deleteCase } from '../cases/case-removal.repository';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { RATE_LIMITS } from '../http/rate-limits';
import { requireUser } from '../http/session';
import type { Actor } from '../auth/actor';
import { exportCaseFile } from './case-file.service';

const errors = { ...commonErrors, 429: problemSchema };

export function caseRecordsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    async function sendCaseFile(
      reply: FastifyReply,
      actor: Actor,
      caseId: string,
      request: { language: Language; passphrase?: string | undefined },
    ) {
      const file = await exportCaseFile(ctx.db, actor, caseId, request, ctx.fileKeys);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${file.caseNumber}.zip"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(file.zip));
    }

    app.get(
      '/cases/:id/access-log',
      {
        schema: {
          tags: ['records'],
          summary: 'Who read, changed, printed or exported a case (supervisors); reading it is audited',
          params: idParams,
          response: { 200: accessLogSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await readAccessLog(ctx.db, user.actor, request.params.id) };
      },
    );

    app.post(
      '/cases/:id/prints',
      {
        schema: {
          tags: ['records'],
          summary: 'Record that a case was printed on a MoSVY form',
          params: idParams,
          body: casePrintSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await recordPrint(ctx.db, user.actor, request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/cases/:id/file',
      {
        schema: {
          tags: ['records'],
          summary: 'The child’s whole file as a ZIP (profile, events, summary, attachments); audited as case.export',
          description: 'Unencrypted. To lock it with a passphrase, POST the passphrase instead: never put it in a URL.',
          params: idParams,
          querystring: caseFileQuerySchema,
          produces: ['application/zip'],
          response: errors,
        },
        config: { rateLimit: RATE_LIMITS.export },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return sendCaseFile(reply, user.actor, request.params.id, request.query);
      },
    );

    app.post(
      '/cases/:id/file',
      {
        schema: {
          tags: ['records'],
          summary: 'The child’s whole file as a ZIP, AES-256 encrypted with the passphrase given',
          params: idParams,
          body: caseFileRequestSchema,
          produces: ['application/zip'],
          response: errors,
        },
        config: { rateLimit: RATE_LIMITS.export },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return sendCaseFile(reply, user.actor, request.params.id, request.body);
      },
    );

    app.delete(
      '/cases/:id',
      {
        schema: {
          tags: ['records'],
          summary: 'Delete a case with its events and files, with a reason kept in the audit log',
          params: idParams,
          body: caseDeletionSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await ctx.db.transaction().execute((trx) => deleteCase(trx, user.actor, request.params.id, request.body));
        return reply.code(204).send(null);
      },
    );
  };
}
