import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import type { Problem } from './support/problem';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
} from './support/test-server';

describeOnEachEngine('a database with more work than it can start', (engine) => {
  let server: TestServer;
  let org: TestOrganisation;
  beforeAll(async () => {
    // Small limits let a few dozen requests reach what a shelter laptop meets with hundreds.
    server = await startTestServer(engine, {
      config: { databaseQueue: { waiting: 2, waitMs: 1000 }, maxRequestsInProgress: 8 },
    });
    org = await createTestOrganisation(server, { withUser: 'caseworker' });
  });
  afterAll(() => server.close());

  it('turns the excess away at once with 503 and Retry-After, never hangs, never fails with a 500', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        index % 2 === 0
          ? api<Problem>(server, 'GET', '/cases', { token: org.user.token })
          : api<Problem>(server, 'POST', '/cases', { token: org.user.token, body: aNewCase() }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].filter((status) => ![200, 201, 503].includes(status))).toEqual([]);
    const busy = answers.filter((answer) => answer.status === 503);
    // The embedded database runs its queries on the server's thread, so requests reach it one by one and seldom
    // queue: there the point is that none hangs or fails. A server's pool of connections does queue.
    if (engine === 'postgres') expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.body.code).toBe('busy');
    }
    expect(answers.some((answer) => answer.status === 200 || answer.status === 201)).toBe(true);
    expect((await api(server, 'GET', '/cases', { token: org.user.token })).status).toBe(200);
  });
});
