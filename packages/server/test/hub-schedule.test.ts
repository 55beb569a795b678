import { randomUUID } from 'node:crypto';
import type { CaseDetail, HubCredentials } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkHub } from '../src/hub/hub-link.service';
import { lastRounds } from '../src/hub/hub-link.repository';
import { scheduleHubRounds } from '../src/hub/hub-schedule';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { relayTo, type HubRelay } from './support/hub-relay';
import { api, createTestOrganisation, startTestServer, testFileKeys, type TestServer } from './support/test-server';

const INTERVAL_MS = 150;
const SLOW_LINE_MS = 400;

/** What `homeward serve` logs of its rounds, kept to be read. */
function recordingLog() {
  const lines: { level: 'info' | 'warn'; message: string; details: object }[] = [];
  return {
    lines,
    info: (details: object, message: string) => lines.push({ level: 'info', message, details }),
    warn: (details: object, message: string) => lines.push({ level: 'warn', message, details }),
  };
}

const until = async (done: () => boolean, timeoutMs = 20_000) => {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for the hub’s rounds.');
    await new Promise((waited) => setTimeout(waited, 25));
  }
};

/**
 * The rounds `homeward serve` runs on its own every `HOMEWARD_HUB_SYNC_MINUTES` (here a fraction of a minute):
 * they come without anyone asking, a round slower than the interval is never overlapped by the next, a failed
 * round is logged and the next one tries again, and stopping waits for the round under way.
 */
describeOnEachEngine('a hub’s timed rounds', (engine) => {
  let central: TestServer;
  let hub: TestServer;
  let relay: HubRelay;

  beforeAll(async () => {
    central = await startTestServer(engine);
    hub = await startTestServer('pglite');
    relay = await relayTo(central);
    const ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    await api<CaseDetail>(central, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() });
    const credentials = await api<HubCredentials>(central, 'POST', '/devices/hubs', {
      token: ngo.user.token,
      body: { id: randomUUID(), name: 'Shelter laptop' },
    });
    await linkHub(hub.db.kysely, testFileKeys.current, { centralUrl: relay.origin, token: credentials.body.token });
  });
  afterAll(async () => {
    await relay?.close();
    await hub?.close();
    await central?.close();
  });

  it('does nothing on a server that is not linked', async () => {
    const unlinked = await startTestServer('pglite');
    const log = recordingLog();
    const stop = await scheduleHubRounds(unlinked.db.kysely, testFileKeys.all, INTERVAL_MS / 60_000, log);
    await new Promise((waited) => setTimeout(waited, INTERVAL_MS * 3));
    await stop();
    expect(log.lines).toEqual([]);
    expect(await lastRounds(unlinked.db.kysely, 10)).toEqual([]);
    await unlinked.close();
  });

  it('runs rounds on its own, one at a time even when each is slower than the interval, and after a failure', async () => {
    relay.delayMs = SLOW_LINE_MS;
    relay.failNextPull(502);
    const log = recordingLog();
    const stop = await scheduleHubRounds(hub.db.kysely, testFileKeys.all, INTERVAL_MS / 60_000, log);
    await until(() => log.lines.length >= 3);
    await stop();
    const after = relay.seen.length;

    // The first round met an unreachable server; the ones after it synced, with no one asking.
    expect([log.lines[0]?.level, log.lines[0]?.message]).toEqual([
      'warn',
      'hub sync round failed; it runs again at the next interval',
    ]);
    expect(log.lines.slice(1).map((line) => line.level)).toEqual(log.lines.slice(1).map(() => 'info'));
    expect(log.lines[1]?.details).toMatchObject({ pulledCases: 1 });
    // Each round waits for the one before: never two requests of the hub in flight at once.
    expect(relay.mostAtOnce).toBe(1);
    const pulls = relay.seen.filter((request) => request.path.endsWith('/hub/pull')).map((request) => request.at);
    for (let index = 1; index < pulls.length; index += 1) {
      expect(pulls[index]! - pulls[index - 1]!).toBeGreaterThanOrEqual(SLOW_LINE_MS + INTERVAL_MS - 20);
    }
    const rounds = await lastRounds(hub.db.kysely, 100);
    expect(rounds.map((round) => round.outcome).reverse()).toEqual(
      log.lines.map((line) => (line.level === 'info' ? 'done' : 'failed')),
    );

    // Stopped: the round under way ended before `stop` answered, and no other starts.
    await new Promise((waited) => setTimeout(waited, INTERVAL_MS * 4));
    expect(relay.seen.length).toBe(after);
    expect(await lastRounds(hub.db.kysely, 100)).toHaveLength(rounds.length);
  }, 60_000);
});
