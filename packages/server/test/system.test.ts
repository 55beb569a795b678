import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeOnEachEngine } from './support/engines';
import { api, startTestServer, type TestServer } from './support/test-server';

describeOnEachEngine('system endpoints', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  it('reports health and which database answers', async () => {
    const response = await api(server, 'GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: engine, version: 'test' });
  });

  it('tells browsers and proxies to keep no copy of any API answer, refusals included', async () => {
    expect((await api(server, 'GET', '/health')).headers.get('cache-control')).toBe('no-store');
    const refused = await api(server, 'GET', '/cases');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('describes every endpoint in an OpenAPI 3 document', async () => {
    const response = await api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      server,
      'GET',
      '/openapi.json',
    );
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(response.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /api/v1/health',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/auth/me',
        'POST /api/v1/cases',
        'GET /api/v1/cases',
        'GET /api/v1/cases/{id}',
        'GET /api/v1/cases/{id}/events',
        'POST /api/v1/cases/{id}/events',
        'GET /api/v1/setup',
        'POST /api/v1/setup',
        'POST /api/v1/setup/demo',
      ]),
    );
    const createCase = response.body.paths['/api/v1/cases']?.post as { requestBody?: unknown };
    expect(JSON.stringify(createCase.requestBody)).toContain('givenNameKm');
  });

  it('answers an unknown API path with a problem document', async () => {
    const response = await api<{ status: number; detail: string }>(server, 'GET', '/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain('/api/v1/nothing-here');
  });

  it('sends security headers', async () => {
    const response = await fetch(server.url('/health'));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describeOnEachEngine('a lost database connection', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  it('is replaced: the server terminating idle connections neither stops the process nor the next request', async () => {
    expect((await api(server, 'GET', '/health')).status).toBe(200);
    if (engine === 'postgres') {
      // Three requests at once leave three idle connections in the pool; the one asking ends the other two.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(server.db.kysely)));
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()`.execute(server.db.kysely);
      // Give the pool's idle connections time to hear that they were ended.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const after = await api(server, 'GET', '/health');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ database: engine });
  });
});
