import type { DirectoryEntry } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { api, createTestOrganisation, startTestServer, type TestServer } from './support/test-server';

describeOnEachEngine('the referral directory', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  it('keeps each organisation’s partners to itself, once each by name', async () => {
    const a = await createTestOrganisation(server, { withUser: 'caseworker' });
    const b = await createTestOrganisation(server, { withUser: 'caseworker' });
    const added = await api<DirectoryEntry>(server, 'POST', '/directory', {
      token: a.user.token,
      body: { name: 'Poipet Transit Centre', kind: 'transit_centre', provinceCode: '01' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      name: 'Poipet Transit Centre',
      kind: 'transit_centre',
      provinceCode: '01',
      phone: null,
    });
    const again = await api<{ errors: { field: string }[] }>(server, 'POST', '/directory', {
      token: a.user.token,
      body: { name: 'Poipet Transit Centre', kind: 'transit_centre' },
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]?.field).toBe('name');
    expect(
      (await api<{ items: DirectoryEntry[] }>(server, 'GET', '/directory', { token: a.user.token })).body.items,
    ).toHaveLength(1);
    expect(
      (await api<{ items: DirectoryEntry[] }>(server, 'GET', '/directory', { token: b.user.token })).body.items,
    ).toEqual([]);
    const caregiver = await a.addUser(['caregiver']);
    expect(
      (await api(server, 'POST', '/directory', { token: caregiver.token, body: { name: 'X NGO', kind: 'ngo' } }))
        .status,
    ).toBe(403);
  });
});
