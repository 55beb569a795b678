import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
} from './support/test-server';

describeOnEachEngine('the lockout after wrong passwords', (engine) => {
  let server: TestServer;
  let org: TestOrganisation;
  beforeAll(async () => {
    server = await startTestServer(engine);
    org = await createTestOrganisation(server, { withUser: 'caseworker' });
  });
  afterAll(() => server.close());

  const attempt = (password: string) =>
    api(server, 'POST', '/auth/login', { body: { email: org.user.email, password } });

  it('starts counting again once a lock has run out, so one more mistake does not lock again', async () => {
    for (let n = 0; n < 4; n += 1) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt('wrong password')).status).toBe(423);
    await sql`update app_user set locked_until = now() - interval '1 minute' where id = ${org.user.id}`.execute(
      server.db.kysely,
    );
    expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(org.user.password)).status).toBe(200);
  });
});
