import {
  caseSummarySchema,
  LANGUAGES,
  reportDrilldownQuerySchema,
  reportListSchema,
  reportQueryDrilldownSchema,
  reportQuerySchema,
  reportResultSchema,
  reportRunQuerySchema,
  savedReportInputSchema,
  savedReportSchema,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { commonErrors, idParams, problemSchema } from '../http/openapi-shapes';
import { RATE_LIMITS } from '../http/rate-limits';
import { requireUser } from '../http/session';
import { appendAudit } from '../audit/audit.repository';
import { renderReportFile } from './files/report-file';
import {
  drilldown,
  drilldownAdHoc,
  listReports,
  removeSavedReport,
  runAdHoc,
  runReport,
  saveReport,
  savedReports,
} from './reports.service';

const errors = { ...commonErrors, 409: problemSchema } as const;

export function reportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'The reports the user can run: built-in ones and the organisation’s saved ones',
          querystring: z.object({ lang: z.enum(LANGUAGES).default('en') }),
          response: { 200: reportListSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return listReports(ctx.db, user.actor, request.query.lang);
      },
    );

    app.get(
      '/reports/saved',
      {
        schema: {
          tags: ['reports'],
          summary: 'The organisation’s saved report definitions',
          response: { 200: z.object({ items: z.array(savedReportSchema) }), ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await savedReports(ctx.db, user.actor) };
      },
    );

    app.post(
      '/reports/saved',
      {
        schema: {
          tags: ['reports'],
          summary: 'Save a report definition, shared within the organisation',
          body: savedReportInputSchema,
          response: { 201: savedReportSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return reply.code(201).send(await saveReport(ctx.db, user.actor, request.body));
      },
    );

    app.delete(
      '/reports/saved/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'Delete a saved report',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await removeSavedReport(ctx.db, user.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/reports/query',
      {
        config: { rateLimit: RATE_LIMITS.report },
        schema: {
          tags: ['reports'],
          summary: 'Run an ad-hoc table: a measure, rows, columns and filters over a period',
          body: reportQuerySchema,
          response: { 200: reportResultSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return runAdHoc(ctx.db, user.actor, ctx.clock, request.body);
      },
    );

    app.post(
      '/reports/query/drilldown',
      {
        config: { rateLimit: RATE_LIMITS.report },
        schema: {
          tags: ['reports'],
          summary: 'The cases behind one number of an ad-hoc table, among those the user may open',
          body: reportQueryDrilldownSchema,
          response: { 200: z.object({ items: z.array(caseSummarySchema) }), ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await drilldownAdHoc(ctx.db, user.actor, ctx.clock, request.body) };
      },
    );

    app.get(
      '/reports/drilldown',
      {
        config: { rateLimit: RATE_LIMITS.report },
        schema: {
          tags: ['reports'],
          summary: 'The cases behind one number of a report, among those the user may open',
          querystring: reportDrilldownQuerySchema,
          response: { 200: z.object({ items: z.array(caseSummarySchema) }), ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await drilldown(ctx.db, user.actor, ctx.clock, request.query) };
      },
    );

    app.get(
      '/reports/:id',
      {
        config: { rateLimit: RATE_LIMITS.report },
        schema: {
          tags: ['reports'],
          summary: 'Run a built-in or saved report for a period, as JSON tables with totals',
          params: z.object({ id: z.string().min(1).max(80) }),
          querystring: reportRunQuerySchema,
          response: { 200: reportResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const result = await runReport(ctx.db, user.actor, ctx.clock, request.params.id, request.query);
        if (request.query.format === 'json') return result;
        const file = await renderReportFile(result, request.query.format);
        await appendAudit(ctx.db, {
          ...user.actor,
          action: 'report.export',
          detail: { reportId: result.reportId, format: request.query.format, from: result.from, to: result.to },
        });
        return (
          reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.fileName}"`)
            // A file goes out as it is; only the JSON answer is checked against the response schema.
            .send(file.body as never)
        );
      },
    );
  };
}
