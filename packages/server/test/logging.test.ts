import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactedRequest } from '../src/http/log-redaction';
import { aNewCase } from './support/cases';
import { api, createTestOrganisation, startTestServer, type TestServer } from './support/test-server';

describe('application logs', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer('pglite', {
      logger: { level: 'info', stream, serializers: { req: redactedRequest } },
    });
  });
  afterAll(() => server.close());

  it('never carry a child’s name, from a search or from a new case', async () => {
    const org = await createTestOrganisation(server, { withUser: 'caseworker' });
    const child = aNewCase({ familyNameLatin: 'Vannarith', givenNameKm: 'វណ្ណារិទ្ធ' });
    expect((await api(server, 'POST', '/cases', { token: org.user.token, body: child })).status).toBe(201);
    const q = encodeURIComponent('Vannarith');
    expect((await api(server, 'GET', `/cases?q=${q}`, { token: org.user.token })).status).toBe(200);
    expect(
      (await api(server, 'GET', `/cases?q=${encodeURIComponent('វណ្ណារិទ្ធ')}`, { token: org.user.token })).status,
    ).toBe(200);
    const log = lines.join('');
    expect(log).toContain('/api/v1/cases');
    expect(log).not.toMatch(/vannarith/i);
    expect(log).not.toContain('វណ្ណារិទ្ធ');
    expect(log).not.toContain(encodeURIComponent('វណ្ណារិទ្ធ'));
    expect(log).not.toContain(org.user.token);
  });
});
