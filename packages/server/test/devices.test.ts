import { randomUUID } from 'node:crypto';
import type { CaseDetail, Device, DeviceList } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { madeAt, pullAs, pushAs, registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

describeOnEachEngine('devices', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let other: TestOrganisation;
  let worker: TestUser;
  let colleague: TestUser;

  const register = (user: TestUser, body: Record<string, unknown>) =>
    api<Device>(server, 'POST', '/devices', { token: user.token, body });
  const list = async (user: TestUser) =>
    (await api<DeviceList>(server, 'GET', '/devices', { token: user.token })).body.items;
  const revoke = (user: TestUser, id: string) =>
    api<Device>(server, 'POST', `/devices/${id}/revoke`, { token: user.token });
  const audited = (action: string) =>
    server.db.kysely.selectFrom('audit_log').select(['user_id', 'detail']).where('action', '=', action).execute();

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker']);
    colleague = await ngo.addUser(['caseworker']);
  });
  afterAll(() => server.close());

  it('registers a device once for its user, and refuses its id to anyone else', async () => {
    const id = randomUUID();
    const copies = await Promise.all(Array.from({ length: 5 }, () => register(worker, { id, name: 'Dara’s phone' })));
    expect(copies.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(copies[0]!.body).toMatchObject({ id, kind: 'browser', userId: worker.id, revokedAt: null, heldCases: [] });
    expect((await audited('device.register')).filter((row) => row.detail.deviceId === id)).toHaveLength(1);
    const [theirs, elsewhere] = [
      await register(colleague, { id, name: 'x' }),
      await register(other.user, { id, name: 'x' }),
    ];
    expect([theirs.status, elsewhere.status]).toEqual([409, 409]);
    expect(theirs.body).toEqual(elsewhere.body);
  });

  it('lets only an administrator authorise a hub', async () => {
    expect((await register(worker, { id: randomUUID(), name: 'Shelter laptop', kind: 'hub' })).status).toBe(403);
    const hub = await register(ngo.user, { id: randomUUID(), name: 'Shelter laptop', kind: 'hub' });
    expect([hub.status, hub.body.kind]).toEqual([201, 'hub']);
  });

  it('lists every device with the cases it holds to the administrator, and her own to anyone else', async () => {
    const device = await registerDevice(server, worker, 'Field phone');
    const child = (
      await api<CaseDetail>(server, 'POST', '/cases', {
        token: worker.token,
        body: aNewCase({ givenNameLatin: 'Held' }),
      })
    ).body;
    expect((await pullAs(server, worker, device)).status).toBe(200);
    const asAdmin = (await list(ngo.user)).find((item) => item.id === device);
    expect([asAdmin?.userId, asAdmin?.heldCases]).toEqual([
      worker.id,
      [{ caseId: child.id, caseNumber: child.caseNumber }],
    ]);
    expect(asAdmin?.lastSyncAt).not.toBeNull();
    expect((await list(worker)).every((item) => item.userId === worker.id)).toBe(true);
    expect((await list(colleague)).map((item) => item.id)).not.toContain(device);
    expect((await list(other.user)).map((item) => item.id)).not.toContain(device);
  });

  it('revokes a device by its user or an administrator, after which it may not sync', async () => {
    const own = await registerDevice(server, worker);
    const administered = await registerDevice(server, worker);
    expect((await revoke(colleague, own)).status).toBe(404);
    expect((await revoke(other.user, own)).status).toBe(404);
    const byUser = await revoke(worker, own);
    expect([byUser.status, byUser.body.revokedAt === null]).toEqual([200, false]);
    const byAdmin = await Promise.all([revoke(ngo.user, administered), revoke(ngo.user, administered)]);
    expect(byAdmin.map((answer) => answer.status)).toEqual([200, 200]);
    const revocations = (await audited('device.revoke')).filter((row) => row.detail.deviceId === administered);
    expect(revocations).toEqual([{ user_id: ngo.user.id, detail: { deviceId: administered } }]);

    for (const device of [own, administered]) {
      const pulled = await pullAs(server, worker, device);
      const pushed = await pushAs(server, worker, device, [
        { kind: 'audit', opId: randomUUID(), madeAt, caseId: randomUUID(), action: 'case.read' },
      ]);
      expect([pulled.status, pushed.status]).toEqual([403, 403]);
      expect([
        (pulled.body as unknown as { code: string }).code,
        (pushed.body as unknown as { code: string }).code,
      ]).toEqual(['device_revoked', 'device_revoked']);
    }
    expect((await register(worker, { id: own, name: 'Again' })).status).toBe(403);
  });

  it('revokes the devices of a user who is disabled', async () => {
    const leaving = await ngo.addUser(['caseworker']);
    const device = await registerDevice(server, leaving);
    const disabled = await api(server, 'POST', `/users/${leaving.id}/disable`, { token: ngo.user.token });
    expect(disabled.status).toBe(200);
    const listed = (await list(ngo.user)).find((item) => item.id === device);
    expect(listed?.revokedAt).not.toBeNull();
    const enabled = await api(server, 'POST', `/users/${leaving.id}/enable`, { token: ngo.user.token });
    expect(enabled.status).toBe(200);
    expect((await list(ngo.user)).find((item) => item.id === device)?.revokedAt).not.toBeNull();
  });
});
