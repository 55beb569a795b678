import { referralsRoutes } from '../referrals/referrals.routes';
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditRoutes } from '../audit/audit.routes';
import { authRoutes } from '../auth/auth.routes';
// Handover (issue 10 point 4)
import { handoverRoutes } from '../handover/handover.routes';
import { caseAccessRoutes } from '../cases/case-access.routes';
import { transfersRoutes } from '../transfers/transfers.routes';
import { twoFactorRoutes } from '../auth/two-factor.routes';
import { usersRoutes } from '../users/users.routes';
import { casesRoutes } from '../cases/cases.routes';
import { accessPolicyRoutes } from '../organisations/access-policy.routes';
import { attachmentsRoutes } from '../documents/attachments.routes';
import { tasksRoutes } from '../tasks/tasks.routes';
import { directoryRoutes } from '../directory/directory.routes';
import { facilitiesRoutes } from '../facilities/facilities.routes';
import { intakeRoutes } from '../intake/intake.routes';
import { groupActivitiesRoutes } from '../groups/group-activities.routes';
import { supervisionRoutes } from '../supervision/supervision.routes';
import { reportsRoutes } from '../reports/reports.routes';
import { targetsRoutes } from '../targets/targets.routes';
import { settingsRoutes } from '../organisations/settings.routes';
import { caseRecordsRoutes } from '../records/case-records.routes';
import { retentionRoutes } from '../records/retention.routes';
import { setupRoutes } from '../setup/setup.routes';
import { notificationsRoutes } from '../notifications/notifications.routes';
import { mailOutboxHooks } from '../notifications/mail-outbox';
import { bundlesRoutes, prepareInstallation } from '../bundles/bundles.routes';
import { devicesRoutes } from '../devices/devices.routes';
import { syncRoutes } from '../sync/sync.routes';
import { policyOf, refuseWithout } from '../access/endpoint-policy';
import type { AppContext } from './context';
import { requireUser } from './session';
import { auditRefusal } from './refusal-audit';
import { refuseUnstorableText } from './unstorable-text';
import { clientErrorHandler, errorHandler, problem, sendProblem, toProblem } from './problem';
import { contentSecurityPolicy } from './security-headers';
import { cutOffSlowBodies } from './slow-bodies';
import { parseJsonStrictly } from './strict-json';
import { webAppFiles } from './static-files';
import { limitWorkInProgress } from './work-in-progress';

export const API_PREFIX = '/api/v1';

export interface AppOptions {
  /** The built web app to serve; omitted in API-only tests. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
}

const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 512 * 1024,
    trustProxy: false,
    // The router's own refusals (an undecodable address, an overlong path parameter) bypass the error handler.
    frameworkErrors: (error, _request, reply) => {
      void sendProblem(reply, toProblem(error));
    },
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  parseJsonStrictly(app);
  cutOffSlowBodies(app, ctx.config.requestTimeoutSeconds * 1000);
  limitWorkInProgress(app, ctx.config.maxRequestsInProgress);

  await app.register(fastifyHelmet, { contentSecurityPolicy, crossOriginEmbedderPolicy: false });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many attempts: wait ${context.after} and try again.`), {
        statusCode: 429,
        code: 'throttled',
      }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Homeward API',
        version: ctx.version,
        description:
          'Case management for the protection and reintegration of child survivors. Errors are application/problem+json. ' +
          'Authenticate with `Authorization: Bearer <token>` from POST /auth/login, or the session cookie plus the `X-CSRF-Token` header on writes.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'homeward_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.addHook('preValidation', async (request) => refuseUnstorableText(request.body));
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(API_PREFIX)) return payload;
    // Answers about children must not stay in a shared laptop's browser cache or a proxy's.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (reply.statusCode === 403 || reply.statusCode === 404) await auditRefusal(ctx.db, request, reply.statusCode);
    return payload;
  });
  app.addHook('onRoute', (route) => {
    if (!route.url?.startsWith(API_PREFIX)) return;
    const policy = policyOf(route, API_PREFIX);
    if (!policy)
      throw new Error(`No access policy for ${String(route.method)} ${route.url}: add it to ENDPOINT_POLICY.`);
    if (policy.access === 'public') return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [
      ...existing,
      async (request) => {
        const whileEnrolling = policy.access === 'signed_in' && policy.whileEnrolling === true;
        const user = await requireUser(request, ctx.db, ctx.config, { whileEnrolling });
        refuseWithout(policy, user.access, request);
      },
    ];
  });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          schema: {
            tags: ['system'],
            summary: 'Liveness and which database is in use',
            security: [],
            response: { 200: healthSchema },
          },
        },
        async () => {
          await ctx.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
          return { status: 'ok' as const, database: ctx.engine, version: ctx.version };
        },
      );
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(setupRoutes(ctx));
      await api.register(authRoutes(ctx));
      await api.register(casesRoutes(ctx));
      await api.register(facilitiesRoutes(ctx));
      await api.register(settingsRoutes(ctx));
      await api.register(intakeRoutes(ctx));
      await api.register(groupActivitiesRoutes(ctx));
      await api.register(supervisionRoutes(ctx));
      await api.register(attachmentsRoutes(ctx));
      await api.register(tasksRoutes(ctx));
      await api.register(directoryRoutes(ctx));
      await api.register(caseAccessRoutes(ctx));
      await api.register(accessPolicyRoutes(ctx));
      await api.register(reportsRoutes(ctx));
      await api.register(targetsRoutes(ctx));
      await api.register(twoFactorRoutes(ctx));
      await api.register(usersRoutes(ctx));
      await api.register(caseRecordsRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(retentionRoutes(ctx));
      await api.register(notificationsRoutes(ctx));
      await api.register(bundlesRoutes(ctx));
      await api.register(transfersRoutes(ctx));
      // Handover (issue 10 point 4)
      await api.register(handoverRoutes(ctx));
      // Referrals for a service (issue 10)
      await api.register(referralsRoutes(ctx));
      // Offline sync (issue 11)
      await api.register(devicesRoutes(ctx));
      await api.register(syncRoutes(ctx));
    },
    { prefix: API_PREFIX },
  );

  const webRoot = options.webRoot;
  if (webRoot && existsSync(webRoot)) {
    // Files are looked up per request, so a new build is served without a restart.
    await app.register(fastifyStatic, webAppFiles(webRoot));
  }
  app.setNotFoundHandler(async (request, reply) => {
    // Any page path that is not the API belongs to the single-page app, which routes it in the browser; a
    // missing file (an old script after an upgrade) is a 404, not the page, so the browser reports it.
    const path = request.url.split('?')[0] ?? '';
    const isPage = !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (webRoot && request.method === 'GET' && isPage && existsSync(webRoot)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(
      reply,
      problem(404, `Nothing at ${request.method} ${request.url.split('?')[0]}.`, { code: 'no_route' }),
    );
  });
  mailOutboxHooks(app, ctx.db, ctx.config.mail);
  await app.ready();
  await prepareInstallation(ctx);
  return app;
}
