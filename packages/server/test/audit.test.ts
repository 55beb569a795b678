import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-verify';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { api, createTestOrganisation, startTestServer, type TestServer } from './support/test-server';

describeOnEachEngine('the audit log', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    for (let n = 0; n < 3; n += 1) {
      const created = await api<{ id: string }>(server, 'POST', '/cases', { token: org.user.token, body: aNewCase() });
      await api(server, 'GET', `/cases/${created.body.id}`, { token: org.user.token });
    }
  });
  afterAll(() => server.close());

  it('verifies while nobody has touched it', async () => {
    const result = await verifyAuditChain(server.db.kysely);
    expect(result.entries).toBeGreaterThanOrEqual(12);
    expect(result.problems).toEqual([]);
  });

  it('reports an entry changed in the database, and one deleted from the middle', async () => {
    const rows = await server.db.kysely.selectFrom('audit_log').select('id').orderBy('id').execute();
    const [, second, third, , fifth] = rows.map((row) => row.id);
    await sql`update audit_log set action = 'case.list' where id = ${second}`.execute(server.db.kysely);
    await sql`delete from audit_log where id = ${fifth}`.execute(server.db.kysely);
    const result = await verifyAuditChain(server.db.kysely);
    expect(result.problems).toEqual([
      { id: second, problem: 'changed' },
      { id: (fifth ?? 0) + 1, problem: 'broken_link' },
    ]);
    expect(third).toBeDefined();
  });
});
