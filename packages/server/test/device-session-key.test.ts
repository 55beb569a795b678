import { randomUUID } from 'node:crypto';
import type { DeviceSessionKey } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

describeOnEachEngine('device session keys', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let other: TestOrganisation;
  let worker: TestUser;
  let colleague: TestUser;

  const keyPath = (deviceId: string) => `/devices/${deviceId}/session-key`;
  const issue = (token: string, deviceId: string) =>
    api<DeviceSessionKey>(server, 'POST', keyPath(deviceId), { token });
  const release = (token: string, deviceId: string) =>
    api<DeviceSessionKey>(server, 'GET', keyPath(deviceId), { token });
  const keyRows = (deviceId: string) =>
    server.db.kysely.selectFrom('device_session_key').selectAll().where('device_id', '=', deviceId).execute();
  const signIn = async (user: TestUser) => {
    const answer = await api<{ token: string }>(server, 'POST', '/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(answer.status).toBe(200);
    return answer.body.token;
  };

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker']);
    colleague = await ngo.addUser(['caseworker']);
  });
  afterAll(() => server.close());

  it('makes one key per device and session, even asked for five times at once, and gives it to its user only', async () => {
    const device = await registerDevice(server, worker);
    const answers = await Promise.all(Array.from({ length: 5 }, () => issue(worker.token, device)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const key = answers[0]!.body.key;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(answers.map((answer) => answer.body.key))).toEqual(new Set([key]));
    expect((await release(worker.token, device)).body).toEqual({ key });
    // Kept sealed: a copy of the database alone does not hold the key.
    const rows = await keyRows(device);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed_key).not.toContain(key);
    const audited = await server.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'device.session_key')
      .execute();
    expect(audited.filter((row) => row.detail.deviceId === device)).toHaveLength(1);

    for (const stranger of [colleague, other.user, ngo.user]) {
      expect((await release(stranger.token, device)).status).toBe(404);
      expect((await issue(stranger.token, device)).status).toBe(404);
      const dropped = await api(server, 'DELETE', keyPath(device), { token: stranger.token });
      expect(dropped.status).toBe(404);
    }
    expect((await release(worker.token, randomUUID())).status).toBe(404);
    expect((await api(server, 'GET', keyPath(device))).status).toBe(401);
    expect(await keyRows(device)).toHaveLength(1);
  });

  it('releases the key only to the session that asked for it; a new sign-in replaces it, signing out deletes it', async () => {
    const device = await registerDevice(server, worker);
    const first = await signIn(worker);
    expect((await release(first, device)).status).toBe(404);
    const firstKey = (await issue(first, device)).body.key;

    const second = await signIn(worker);
    expect((await release(second, device)).status).toBe(404);
    const secondKey = (await issue(second, device)).body.key;
    expect(secondKey).not.toBe(firstKey);
    expect((await release(first, device)).status).toBe(404);
    expect((await release(second, device)).body.key).toBe(secondKey);

    expect((await api(server, 'POST', '/auth/logout', { token: second })).status).toBe(204);
    expect(await keyRows(device)).toEqual([]);
    expect((await release(second, device)).status).toBe(401);
  });

  it('forgets the key when the store locks for idleness: the password opens it until the next key', async () => {
    const device = await registerDevice(server, worker);
    await issue(worker.token, device);
    const dropped = await api(server, 'DELETE', keyPath(device), { token: worker.token });
    expect(dropped.status).toBe(204);
    expect((await release(worker.token, device)).status).toBe(404);
    expect(await keyRows(device)).toEqual([]);
  });

  it('deletes the key of a revoked device, even revoked while the key is being made', async () => {
    for (let round = 0; round < 3; round += 1) {
      const device = await registerDevice(server, worker);
      const [, revoked] = await Promise.all([
        issue(worker.token, device),
        api(server, 'POST', `/devices/${device}/revoke`, { token: ngo.user.token }),
      ]);
      expect(revoked.status).toBe(200);
      expect(await keyRows(device)).toEqual([]);
      const refused = await release(worker.token, device);
      expect([refused.status, (refused.body as unknown as { code: string }).code]).toEqual([403, 'device_revoked']);
      expect((await issue(worker.token, device)).status).toBe(403);
      expect(await keyRows(device)).toEqual([]);
    }
  });

  it('deletes the keys of a user who is disabled', async () => {
    const leaving = await ngo.addUser(['caseworker']);
    const device = await registerDevice(server, leaving);
    await issue(leaving.token, device);
    const kept = await signIn(leaving);
    expect((await api(server, 'POST', `/users/${leaving.id}/disable`, { token: ngo.user.token })).status).toBe(200);
    expect(await keyRows(device)).toEqual([]);
    expect((await release(kept, device)).status).toBe(401);
  });

  it('gives no key to a hub', async () => {
    const hub = randomUUID();
    const registered = await api(server, 'POST', '/devices', {
      token: ngo.user.token,
      body: { id: hub, name: 'Shelter laptop', kind: 'hub' },
    });
    expect(registered.status).toBe(201);
    expect((await issue(ngo.user.token, hub)).status).toBe(404);
    expect(await keyRows(hub)).toEqual([]);
  });
});
