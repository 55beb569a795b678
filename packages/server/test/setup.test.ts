import type { DemoProgress } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { countRows } from './support/test-db';
import { api, startTestServer, type JsonResponse, type TestServer } from './support/test-server';

describeOnEachEngine('first run', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  it('refuses a setup with a weak password and writes nothing', async () => {
    const response = await api<{ errors: { field: string }[] }>(server, 'POST', '/setup', {
      body: { organisationName: 'Damnok Toek', adminName: 'Chhey Chan', email: 'chan@dt.example', password: 'short' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error) => error.field)).toEqual(['password']);
    expect(await countRows(server.db, 'organisation')).toBe(0);
  });

  it('creates the first organisation and its administrator once, signed in', async () => {
    expect((await api(server, 'GET', '/setup')).body).toEqual({ needsSetup: true });
    const created = await api<{ token: string }>(server, 'POST', '/setup', {
      body: {
        organisationName: 'Damnok Toek',
        adminName: 'Chhey Chan',
        email: 'chan@dt.example',
        password: 'a-long-enough-secret',
      },
    });
    expect(created.status).toBe(201);
    const me = await api<{ roles: string[]; organisationName: string }>(server, 'GET', '/auth/me', {
      token: created.body.token,
    });
    expect(me.body.organisationName).toBe('Damnok Toek');
    expect(me.body.roles).toContain('org_admin');
    expect((await api(server, 'GET', '/setup')).body).toEqual({ needsSetup: false });

    const again = await api<{ code: string }>(server, 'POST', '/setup', {
      body: { organisationName: 'Other', adminName: 'X', email: 'x@x.example', password: 'a-long-enough-secret' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_set_up');
    expect((await api(server, 'POST', '/setup/demo')).status).toBe(409);
    expect(await countRows(server.db, 'organisation')).toBe(1);
  });
});

describeOnEachEngine('demo data', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server.close());

  let loaded: JsonResponse<{ password: string; users: { email: string }[] }>;

  it('reports the progress of the demo load while it runs, and only before setup', async () => {
    const before = await api<DemoProgress>(server, 'GET', '/setup/demo/progress');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ step: 'starting', done: 0 });
    const loading = api<{ password: string; users: { email: string }[] }>(server, 'POST', '/setup/demo');
    let finished = false;
    void loading.finally(() => {
      finished = true;
    });
    const seen: DemoProgress[] = [];
    while (!finished) {
      const progress = await api<DemoProgress>(server, 'GET', '/setup/demo/progress');
      if (progress.status === 200) seen.push(progress.body);
      await new Promise((wait) => setTimeout(wait, 100));
    }
    loaded = await loading;
    expect(loaded.status).toBe(201);
    const total = before.body.total;
    expect(seen.every((progress) => progress.total === total && progress.done <= total)).toBe(true);
    // It goes forward, never back, through the children to the end.
    const dones = seen.map((progress) => progress.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(new Set(dones).size).toBeGreaterThan(3);
    expect(seen.map((progress) => progress.step)).toContain('children');
    expect(Math.max(...dones)).toBeGreaterThan(total / 2);
    // Once set up, the installation says nothing more about it, like POST /setup/demo.
    const after = await api<{ code: string }>(server, 'GET', '/setup/demo/progress');
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('already_set_up');
  }, 120_000);

  it('loads two NGOs and a DoSVY with about 60 children whose users can sign in', async () => {
    expect(await countRows(server.db, 'organisation')).toBe(3);
    expect(await countRows(server.db, 'child_case')).toBe(60);
    const worker = await api<{ token: string }>(server, 'POST', '/auth/login', {
      body: { email: 'worker@tonle.demo', password: loaded.body.password },
    });
    expect(worker.status).toBe(200);
    const list = await api<{ total: number; items: { givenNameKm: string; givenNameLatin: string }[] }>(
      server,
      'GET',
      '/cases',
      { token: worker.body.token },
    );
    // Organisation isolation and team scope: the Tonle worker sees the 40 children of the Poipet team, none of
    // Svay Rieng's 20.
    expect(list.body.total).toBe(40);
    expect(list.body.items.every((item) => item.givenNameKm && item.givenNameLatin)).toBe(true);
    // Children at every step of a case, so a person trying Homeward sees all of it.
    const statuses = await server.db.kysely.selectFrom('child_case').select('status').distinct().execute();
    expect(statuses.map((row) => row.status).sort()).toEqual(['active', 'closed', 'follow_up', 'lost_contact']);
    const steps = await server.db.kysely.selectFrom('case_event').select('type').distinct().execute();
    expect(steps.map((row) => row.type)).toEqual(
      expect.arrayContaining([
        'placement',
        'assessment_csi',
        'care_plan',
        'approval_decision',
        'reintegration',
        'follow_up_visit',
        'closure',
      ]),
    );
  }, 120_000);
});
