import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from './test-server';

export interface HubRelay {
  origin: string;
  /** Work run before the next `/hub/pull` is forwarded: what is written at the shelter in the middle of a round. */
  onNextPull(work: () => Promise<void>): void;
  /** Each request is held this long before it is forwarded: a slow line to head office. */
  delayMs: number;
  /** Answers the next `/hub/pull` with this status instead of forwarding it: head office out of reach. */
  failNextPull(status: number): void;
  /** The hub's requests seen so far, and the most that were in flight at once. */
  seen: { path: string; at: number }[];
  mostAtOnce: number;
  close(): Promise<void>;
}

/**
 * A real HTTP relay between a hub and its central server, which forwards every request as it is and lets a test
 * choose the moment: work written between a round's push and its pull, a slow line, an unreachable server.
 */
export async function relayTo(central: TestServer): Promise<HubRelay> {
  const target = new URL(central.url('/health')).origin;
  let beforePull: (() => Promise<void>) | null = null;
  let failPull: number | null = null;
  let inFlight = 0;
  const relay: Omit<HubRelay, 'origin' | 'close'> = {
    onNextPull: (work) => {
      beforePull = work;
    },
    failNextPull: (status) => {
      failPull = status;
    },
    delayMs: 0,
    seen: [],
    mostAtOnce: 0,
  };
  const forward = async (url: string, method: string, headers: Record<string, string>, body?: Buffer) => {
    if (url.endsWith('/hub/pull') && beforePull) {
      const work = beforePull;
      beforePull = null;
      await work();
    }
    if (relay.delayMs > 0) await new Promise((waited) => setTimeout(waited, relay.delayMs));
    if (url.endsWith('/hub/pull') && failPull !== null) {
      const status = failPull;
      failPull = null;
      return { status, type: 'text/plain', bytes: Buffer.from('Bad gateway') };
    }
    const answer = await fetch(`${target}${url}`, { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
    return {
      status: answer.status,
      type: answer.headers.get('content-type') ?? 'application/json',
      bytes: Buffer.from(await answer.arrayBuffer()),
    };
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '/';
      relay.seen.push({ path: url, at: Date.now() });
      inFlight += 1;
      relay.mostAtOnce = Math.max(relay.mostAtOnce, inFlight);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
          headers[name] = value;
        }
      }
      forward(url, request.method ?? 'GET', headers, chunks.length > 0 ? Buffer.concat(chunks) : undefined)
        .then(({ status, type, bytes }) => {
          response.writeHead(status, { 'content-type': type });
          response.end(bytes);
        })
        .catch(() => {
          response.writeHead(502);
          response.end();
        })
        .finally(() => {
          inFlight -= 1;
        });
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return Object.assign(relay, {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  });
}
