import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import type { Problem } from './support/problem';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
} from './support/test-server';

/** Sends raw bytes and resolves with what came back and how long the server kept the connection open. */
function rawExchange(server: TestServer, request: Buffer, keepSending?: (socket: NodeJS.WritableStream) => void) {
  const { port } = new URL(server.url('/health'));
  return new Promise<{ answer: string; openMs: number }>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer: Buffer.concat(chunks).toString('utf8'), openMs: Date.now() - started }));
    socket.write(request);
    keepSending?.(socket);
  });
}

describeOnEachEngine('hostile request bodies', (engine) => {
  let server: TestServer;
  let org: TestOrganisation;
  beforeAll(async () => {
    server = await startTestServer(engine, { config: { requestTimeoutSeconds: 2 } });
    org = await createTestOrganisation(server, { withUser: 'caseworker' });
  });
  afterAll(() => server.close());

  it('refuses a flat array of 250,000 elements with a 400, signed in or not', async () => {
    const body = JSON.stringify(Array.from({ length: 250_000 }, () => 1));
    const anonymous = await api<Problem>(server, 'POST', '/auth/login', { body });
    expect(anonymous.status).toBe(400);
    const signedIn = await api<Problem>(server, 'POST', '/cases', { token: org.user.token, body });
    expect(signedIn.status).toBe(400);
    expect((await api(server, 'GET', '/health')).status).toBe(200);
  });

  it('refuses JSON that is not valid UTF-8 rather than store U+FFFD in its place', async () => {
    const valid = Buffer.from(JSON.stringify({ email: 'a@b.example', password: 'x' }));
    const broken = Buffer.concat([valid.subarray(0, 11), Buffer.from([0xff, 0xfe]), valid.subarray(11)]);
    const response = await fetch(server.url('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: broken,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).code).toBe('invalid_utf8');
    const khmer = await api(server, 'POST', '/auth/login', { body: { email: 'a@b.example', password: 'សុខ ដារា' } });
    expect(khmer.status).not.toBe(400);
  });

  it('cuts off a body sent a byte at a time once the request time is up, with a 408', async () => {
    let timer: NodeJS.Timeout | undefined;
    const head = Buffer.from(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const { answer, openMs } = await rawExchange(server, head, (socket) => {
      timer = setInterval(() => socket.write(' '), 200);
    });
    clearInterval(timer);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"timeout"');
    expect(openMs).toBeLessThan(6000);
  });
});
