import {
  DomainError,
  demoProgressSchema,
  loginResultSchema,
  setupSchema,
  setupStatusSchema,
  type DemoProgress,
} from '@homeward/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueSession } from '../auth/auth.service';
import { DEMO_LOAD_SIZE, DEMO_PASSWORD, loadDemoData } from '../demo/demo-loader';
import type { AppContext } from '../http/context';
import { problemSchema } from '../http/openapi-shapes';
import { setSessionCookie } from '../http/session';
import { ALREADY_SET_UP, createFirstOrganisation, needsSetup } from './setup.service';

const demoResultSchema = z.object({
  password: z.string(),
  users: z.array(z.object({ email: z.string(), roles: z.array(z.string()), organisation: z.string() })),
});

const NOT_STARTED: DemoProgress = { step: 'starting', done: 0, total: DEMO_LOAD_SIZE };
const LOAD_RUNNING = 'The demo data is loading already.';

export function setupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  /**
   * The running demo load of this server, if any, for the setup screen to poll. Held in memory: only this
   * process runs the load, and it takes seconds, not a restart.
   */
  let demoProgress: DemoProgress | null = null;
  return async (app) => {
    app.get(
      '/setup',
      {
        schema: {
          tags: ['setup'],
          summary: 'Whether this installation still needs its first organisation',
          response: { 200: setupStatusSchema },
        },
      },
      async () => ({ needsSetup: await needsSetup(ctx.db) }),
    );

    app.post(
      '/setup',
      {
        schema: {
          tags: ['setup'],
          summary: 'First run: create the organisation and its administrator, and sign in',
          body: setupSchema,
          response: { 201: loginResultSchema, 400: problemSchema, 409: problemSchema },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { userId } = await createFirstOrganisation(ctx.db, request.body, request.ip);
        const session = await issueSession(ctx.db, ctx.config, userId, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, ctx.config, session);
        return reply.code(201).send(session);
      },
    );

    app.post(
      '/setup/demo',
      {
        schema: {
          tags: ['setup'],
          summary: 'First run: load the demo organisations, users and children instead',
          response: { 201: demoResultSchema, 409: problemSchema },
        },
        config: { rateLimit: { max: 3, timeWindow: '1 minute' } },
      },
      async (_request, reply) => {
        // A second click (another tab) while the first load has not written its first organisation yet.
        if (demoProgress) throw new DomainError('conflict', LOAD_RUNNING, [], 'already_set_up');
        if (!(await needsSetup(ctx.db))) throw new DomainError('conflict', ALREADY_SET_UP, [], 'already_set_up');
        demoProgress = NOT_STARTED;
        try {
          const users = await loadDemoData(ctx.db, ctx.clock, (progress) => {
            demoProgress = progress;
          });
          return reply.code(201).send({ password: DEMO_PASSWORD, users });
        } finally {
          demoProgress = null;
        }
      },
    );

    app.get(
      '/setup/demo/progress',
      {
        schema: {
          tags: ['setup'],
          summary: 'First run: how far the demo load has come, while it runs',
          response: { 200: demoProgressSchema, 409: problemSchema },
        },
      },
      async () => {
        if (demoProgress) return demoProgress;
        if (!(await needsSetup(ctx.db))) throw new DomainError('conflict', ALREADY_SET_UP, [], 'already_set_up');
        return NOT_STARTED;
      },
    );
  };
}
