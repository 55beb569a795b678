import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { MANY_ADDRESSES } from './support/lockout';
import { api, createTestOrganisation, startTestServer, type TestServer } from './support/test-server';
import { aNewCase } from './support/cases';

describeOnEachEngine('authentication and sessions', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { config: { lockout: MANY_ADDRESSES } });
  });
  afterAll(() => server.close());

  it('signs in with email and password, returning a bearer token and an HttpOnly cookie', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    const response = await api<{ token: string; csrfToken: string }>(server, 'POST', '/auth/login', {
      body: { email: org.user.email.toUpperCase(), password: org.user.password },
    });
    expect(response.status).toBe(200);
    expect(response.body.token.length).toBeGreaterThan(30);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/homeward_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await api<{ email: string; roles: string[] }>(server, 'GET', '/auth/me', { token: response.body.token });
    expect(me.body).toMatchObject({ email: org.user.email, roles: ['caseworker'] });
  });

  it('refuses a wrong password without saying whether the email exists', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    const wrong = await api<{ detail: string; code: string }>(server, 'POST', '/auth/login', {
      body: { email: org.user.email, password: 'not-the-password' },
    });
    const unknown = await api<{ detail: string; code: string }>(server, 'POST', '/auth/login', {
      body: { email: 'nobody@test.example', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('locks an account after five failures, even against the right password, and audits each attempt', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await api(server, 'POST', '/auth/login', {
        body: { email: org.user.email, password: 'guess-' + attempt },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await api<{ code: string }>(server, 'POST', '/auth/login', {
      body: { email: org.user.email, password: org.user.password },
    });
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('locked');
    const audited = await server.db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', org.user.id)
      .where('action', '=', 'auth.login_failed')
      .executeTakeFirstOrThrow();
    expect(audited.n).toBe(6);
  });

  it('ends a session on logout', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    expect((await api(server, 'GET', '/auth/me', { token: org.user.token })).status).toBe(200);
    expect((await api(server, 'POST', '/auth/logout', { token: org.user.token })).status).toBe(204);
    expect((await api(server, 'GET', '/auth/me', { token: org.user.token })).status).toBe(401);
  });

  it('ends a session left idle past the timeout', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    await sql`update user_session set last_seen_at = now() - interval '16 minutes' where user_id = ${org.user.id}`.execute(
      server.db.kysely,
    );
    expect((await api(server, 'GET', '/cases', { token: org.user.token })).status).toBe(401);
  });

  it('ends a session past its absolute lifetime however active it is', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    await sql`update user_session set expires_at = now() - interval '1 second' where user_id = ${org.user.id}`.execute(
      server.db.kysely,
    );
    expect((await api(server, 'GET', '/cases', { token: org.user.token })).status).toBe(401);
  });

  it('requires the CSRF token on writes made with the cookie, not with a bearer token', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    const login = await api<{ token: string; csrfToken: string }>(server, 'POST', '/auth/login', {
      body: { email: org.user.email, password: org.user.password },
    });
    const cookie = `homeward_session=${login.body.token}`;
    const withoutToken = await api<{ code: string }>(server, 'POST', '/cases', {
      body: aNewCase(),
      headers: { cookie },
    });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.code).toBe('csrf');
    const withToken = await api(server, 'POST', '/cases', {
      body: aNewCase(),
      headers: { cookie, 'x-csrf-token': login.body.csrfToken },
    });
    expect(withToken.status).toBe(201);
    expect((await api(server, 'GET', '/cases', { headers: { cookie } })).status).toBe(200);
  });

  it('answers every case endpoint with 401 when nobody is signed in', async () => {
    for (const [method, path] of [
      ['GET', '/cases'],
      ['POST', '/cases'],
      ['GET', '/cases/6f1c1f3e-8a36-4c1e-9b7e-1f2d3c4b5a69'],
      ['GET', '/cases/6f1c1f3e-8a36-4c1e-9b7e-1f2d3c4b5a69/events'],
    ] as const) {
      const response = await api(server, method, path, method === 'POST' ? { body: aNewCase() } : {});
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});
