import { randomUUID } from 'node:crypto';
import type {
  Attachment,
  CaseDetail,
  CaseEvent,
  Device,
  HeldOperation,
  HubCredentials,
  PushResponse,
} from '@homeward/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkHub } from '../src/hub/hub-link.service';
import { runRound } from '../src/hub/hub-round.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { countRows } from './support/test-db';
import {
  api,
  createTestOrganisation,
  startTestServer,
  testFileKeys,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/** Two real servers: the organisation's central one on each engine, and a shelter's laptop on the embedded one. */
describeOnEachEngine('a shelter’s own server as a hub', (engine) => {
  let central: TestServer;
  let hub: TestServer;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let credentials: HubCredentials;
  let atHub: string;
  const centralCases: CaseDetail[] = [];
  let otherCase: CaseDetail;
  let outsider: TestUser;

  const round = () => runRound(hub.db.kysely, testFileKeys.all);
  const link = () =>
    linkHub(hub.db.kysely, testFileKeys.current, {
      centralUrl: new URL(central.url('/health')).origin,
      token: credentials.token,
    });
  const post = async <T>(server: TestServer, token: string, path: string, body: unknown) => {
    const answer = await api<T>(server, 'POST', path, { token, body });
    expect([answer.status, answer.body]).toEqual([201, answer.body]);
    return answer.body;
  };
  const note = (server: TestServer, token: string, caseId: string, text: string) =>
    post<CaseEvent>(server, token, `/cases/${caseId}/events`, {
      type: 'note',
      occurredOn: TODAY,
      payload: { text, confidential: false },
    });
  const eventsOf = async (server: TestServer, token: string, caseId: string) =>
    (await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${caseId}/events`, { token })).body.items;
  /** How many rows each table holds: what a round must not change when it has nothing new to write. */
  const counts = async (server: TestServer, tables: string[]): Promise<Record<string, number>> => {
    const result: Record<string, number> = {};
    for (const table of tables) {
      const rows = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        server.db.kysely,
      );
      result[table] = rows.rows[0]?.n ?? 0;
    }
    return result;
  };

  beforeAll(async () => {
    central = await startTestServer(engine);
    hub = await startTestServer('pglite');
    ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(central, 'PUT', '/settings/cases', { token: ngo.user.token, body: settings })).status).toBe(200);
    for (const name of ['Dara', 'Sophea']) {
      const child = await post<CaseDetail>(central, worker.token, '/cases', aNewCase({ givenNameLatin: name }));
      await note(central, worker.token, child.id, `Settled in at the shelter (${name}).`);
      centralCases.push(child);
    }
    await post(central, worker.token, `/cases/${centralCases[0]!.id}/events`, {
      type: 'reintegration',
      occurredOn: TODAY,
      payload: { destination: 'relatives', carerName: 'Pov Sokha', villageCode: '01020101', childConsents: true },
    });
    const other = await createTestOrganisation(central, { withUser: ['caseworker'] });
    outsider = other.user;
    otherCase = await post<CaseDetail>(central, other.user.token, '/cases', aNewCase({ givenNameLatin: 'Elsewhere' }));
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('is authorised by an administrator only, with a token shown once and kept hashed', async () => {
    const id = randomUUID();
    const byWorker = await api(central, 'POST', '/devices/hubs', {
      token: worker.token,
      body: { id, name: 'Shelter laptop' },
    });
    expect(byWorker.status).toBe(403);
    credentials = await post<HubCredentials>(central, ngo.user.token, '/devices/hubs', { id, name: 'Shelter laptop' });
    expect(credentials.device).toMatchObject({ id, kind: 'hub', revokedAt: null });
    const stored = await central.db.kysely
      .selectFrom('device')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(credentials.token);
    const again = await api(central, 'POST', '/devices/hubs', { token: ngo.user.token, body: { id, name: 'Again' } });
    expect(again.status).toBe(409);
    // A session is not a hub's token, and a hub's token opens no session.
    expect((await api(central, 'GET', '/hub', { token: ngo.user.token })).status).toBe(401);
    expect((await api(central, 'GET', '/cases', { token: credentials.token })).status).toBe(401);
    // Refused before its body is read.
    expect((await api(central, 'POST', '/hub/push', { body: { operations: [] } })).status).toBe(401);
    const devices = await api<{ items: Device[] }>(central, 'GET', '/devices', { token: ngo.user.token });
    expect(devices.body.items.map((device) => device.id)).toContain(id);
  });

  it('links with the token, and its first round brings the organisation’s cases and people', async () => {
    const identity = await link();
    expect(identity).toEqual({
      deviceId: credentials.device.id,
      name: 'Shelter laptop',
      organisation: { id: ngo.id, name: ngo.name },
    });
    const kept = await hub.db.kysely.selectFrom('hub_link').select('token').executeTakeFirstOrThrow();
    expect(kept.token).not.toContain(credentials.token);

    const first = await round();
    expect(first).toMatchObject({ outcome: 'done', pushed: 0, held: [], pulledCases: 2, error: null });
    const cases = await hub.db.kysely.selectFrom('child_case').select(['id', 'case_number']).orderBy('id').execute();
    expect(cases).toEqual(
      centralCases
        .map((child) => ({ id: child.id, case_number: child.caseNumber }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(cases.map((row) => row.id)).not.toContain(otherCase.id);
    const users = await hub.db.kysely.selectFrom('app_user').select(['id', 'totp_secret']).orderBy('id').execute();
    expect(users).toEqual([ngo.user.id, worker.id].sort().map((id) => ({ id, totp_secret: null })));
  });

  it('is listed at central as a shelter hub with its last sync and the cases it holds', async () => {
    const devices = await api<{ items: Device[] }>(central, 'GET', '/devices', { token: ngo.user.token });
    const listed = devices.body.items.find((device) => device.id === credentials.device.id);
    expect(listed).toMatchObject({ kind: 'hub', name: 'Shelter laptop', userId: ngo.user.id, revokedAt: null });
    expect(listed?.lastSyncAt).not.toBeNull();
    expect(listed?.heldCases.map((held) => held.caseNumber).sort()).toEqual(
      centralCases.map((child) => child.caseNumber).sort(),
    );
  });

  it('is created by no one without `device.manage`, and once however many times the same request arrives', async () => {
    for (const roles of [['supervisor'], ['me_officer'], ['caregiver']] as const) {
      const someone = await ngo.addUser([...roles]);
      const refused = await api(central, 'POST', '/devices/hubs', {
        token: someone.token,
        body: { id: randomUUID(), name: 'Not mine to make' },
      });
      expect([roles[0], refused.status]).toEqual([roles[0], 403]);
    }
    const id = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        api<HubCredentials>(central, 'POST', '/devices/hubs', { token: ngo.user.token, body: { id, name: 'Twice' } }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    const rows = await central.db.kysely.selectFrom('device').select('token_hash').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets a worker sign in at the hub with her password, and sends what she records there to central as hers', async () => {
    const login = await api<{ token: string }>(hub, 'POST', '/auth/login', {
      body: { email: worker.email, password: worker.password },
    });
    expect(login.status).toBe(200);
    atHub = login.body.token;
    const [dara] = centralCases;
    const centralTimeline = await eventsOf(central, worker.token, dara!.id);
    expect((await eventsOf(hub, atHub, dara!.id)).map((event) => event.id)).toEqual(
      centralTimeline.map((event) => event.id),
    );

    const visit = await post<CaseEvent>(hub, atHub, `/cases/${dara!.id}/events`, {
      type: 'follow_up_visit',
      occurredOn: TODAY,
      payload: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
    });
    const intake = await post<CaseDetail>(hub, atHub, '/cases', aNewCase({ givenNameLatin: 'Bopha', alias: 'Girl B' }));
    expect(intake.caseNumber).toContain('-HUB-');

    const second = await round();
    expect(second).toMatchObject({ outcome: 'done', pushed: 2, held: [] });

    const sent = (await eventsOf(central, worker.token, dara!.id)).find((event) => event.id === visit.id);
    expect(sent).toMatchObject({ type: 'follow_up_visit', authorId: worker.id, occurredOn: TODAY });
    const made = await api<CaseDetail>(central, 'GET', `/cases/${intake.id}`, { token: ngo.user.token });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ givenNameLatin: 'Bopha', assignedWorkerId: worker.id });
    expect(made.body.caseNumber).not.toContain('HUB');
    const audit = await central.db.kysely
      .selectFrom('audit_log')
      .select('user_id')
      .where('action', '=', 'case.create')
      .where('case_id', '=', intake.id)
      .execute();
    expect(audit.map((row) => row.user_id)).toEqual([worker.id]);

    // The hub's row takes the central number, and its timeline is central's, under the same ids.
    const atHubNow = await api<CaseDetail>(hub, 'GET', `/cases/${intake.id}`, { token: atHub });
    expect(atHubNow.body.caseNumber).toBe(made.body.caseNumber);
    expect((await eventsOf(hub, atHub, intake.id)).map((event) => event.id).sort()).toEqual(
      (await eventsOf(central, worker.token, intake.id)).map((event) => event.id).sort(),
    );
  });

  it('writes nothing twice when a round runs again, or two run at once', async () => {
    const [, sophea] = centralCases;
    const later = await note(hub, atHub, sophea!.id, 'Went to school all week.');
    const tables = ['child_case', 'case_event', 'sync_held', 'app_user'];
    const rounds = await Promise.all([round(), round()]);
    expect(rounds.map((each) => each.outcome)).toEqual(['done', 'done']);
    const once = await counts(central, tables);
    const atHubOnce = await counts(hub, ['child_case', 'case_event', 'app_user', 'hub_case_mark']);
    expect((await eventsOf(central, worker.token, sophea!.id)).filter((event) => event.id === later.id)).toHaveLength(
      1,
    );

    const again = await round();
    expect(again).toMatchObject({ outcome: 'done', pushed: 0 });
    expect(await counts(central, tables)).toEqual(once);
    expect(await counts(hub, ['child_case', 'case_event', 'app_user', 'hub_case_mark'])).toEqual(atHubOnce);
  });

  it('sends a document added at the hub to central under the same id, with its file', async () => {
    const [, sophea] = centralCases;
    const scan = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n% school letter\ntrailer <<>>\n%%EOF\n');
    const form = new FormData();
    form.append('kind', 'document');
    form.append('title', 'School letter');
    form.append('file', new Blob([new Uint8Array(scan)]), 'letter.pdf');
    const uploaded = await fetch(hub.url(`/cases/${sophea!.id}/attachments`), {
      method: 'POST',
      headers: { authorization: `Bearer ${atHub}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as Attachment;

    expect(await round()).toMatchObject({ outcome: 'done', pushed: 1, held: [] });
    const listed = await api<{ items: Attachment[] }>(central, 'GET', `/cases/${sophea!.id}/attachments`, {
      token: worker.token,
    });
    expect(listed.body.items.map((file) => [file.id, file.title])).toEqual([[id, 'School letter']]);
    const row = await central.db.kysely
      .selectFrom('attachment')
      .select('uploaded_by')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.uploaded_by).toBe(worker.id);
    const download = await fetch(central.url(`/cases/${sophea!.id}/attachments/${id}`), {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(scan)).toBe(true);
    const documents = async (server: TestServer, token: string) =>
      (await eventsOf(server, token, sophea!.id)).filter((event) => event.type === 'document').map((event) => event.id);
    expect(await documents(central, worker.token)).toEqual([id]);
    expect(await documents(hub, atHub)).toEqual([id]);
    expect(await round()).toMatchObject({ outcome: 'done', pushed: 0 });
    expect(await central.db.kysely.selectFrom('sync_file').select('id').execute()).toEqual([]);
  });

  it('holds a same-field correction made at the hub and at central as a conflict at central', async () => {
    const [dara] = centralCases;
    const current = (await api<CaseDetail>(central, 'GET', `/cases/${dara!.id}`, { token: ngo.user.token })).body;
    const base = { givenNameLatin: current.fieldVersions.givenNameLatin ?? 0 };
    const atCentral = await api(central, 'PATCH', `/cases/${dara!.id}`, {
      token: ngo.user.token,
      body: { changes: { givenNameLatin: 'Darra' }, baseVersions: base },
    });
    expect(atCentral.status).toBe(200);
    const correction = await api<CaseDetail>(hub, 'PATCH', `/cases/${dara!.id}`, {
      token: atHub,
      body: { changes: { givenNameLatin: 'Daro' }, baseVersions: base },
    });
    expect(correction.status).toBe(200);

    const held = await round();
    expect(held.outcome).toBe('done');
    expect(held.held).toEqual([
      expect.objectContaining({ kind: 'conflict', reason: 'stale_field', caseNumber: dara!.caseNumber }),
    ]);
    const kept = await api<{ items: HeldOperation[] }>(central, 'GET', `/sync/held?caseId=${dara!.id}`, {
      token: ngo.user.token,
    });
    expect(kept.body.items).toEqual([
      expect.objectContaining({
        kind: 'conflict',
        status: 'open',
        deviceId: credentials.device.id,
        conflicts: [expect.objectContaining({ field: 'givenNameLatin', yours: 'Daro', current: 'Darra' })],
      }),
    ]);
    // Central's value comes to the hub; the hub's stays at central, for a person to choose.
    const atHubNow = await api<CaseDetail>(hub, 'GET', `/cases/${dara!.id}`, { token: atHub });
    expect(atHubNow.body.givenNameLatin).toBe('Darra');
    const next = await round();
    expect(next).toMatchObject({ outcome: 'done', pushed: 0, held: [] });
    expect(await countRows(central.db, 'sync_held')).toBe(1);
  });

  it('applies a hub’s change only as an active user of its organisation, and keeps one in anyone else’s name', async () => {
    const [dara] = centralCases;
    const operation = {
      kind: 'event',
      opId: randomUUID(),
      madeAt: '2026-11-20T08:15:00.000Z',
      caseId: dara!.id,
      madeBy: outsider.id,
      body: { type: 'note', occurredOn: TODAY, payload: { text: 'Not hers to write.', confidential: false } },
    };
    const pushed = await api<PushResponse>(central, 'POST', '/hub/push', {
      token: credentials.token,
      body: { deviceId: credentials.device.id, operations: [operation] },
    });
    const [result] = pushed.body.results;
    expect([result?.opId, result?.status, result?.held?.reason]).toEqual([
      operation.opId,
      'attention',
      'author_not_active',
    ]);
    expect((await eventsOf(central, worker.token, dara!.id)).map((event) => event.id)).not.toContain(operation.opId);
    // Another hub's id is not this one's to sync as.
    const asOther = await api(central, 'POST', '/hub/pull', {
      token: credentials.token,
      body: { deviceId: randomUUID(), known: [] },
    });
    expect(asOther.status).toBe(404);
  });

  it('refuses a revoked hub’s round clearly, and nothing changes on either side', async () => {
    const revoked = await api(central, 'POST', `/devices/${credentials.device.id}/revoke`, { token: ngo.user.token });
    expect(revoked.status).toBe(200);
    const [dara] = centralCases;
    await note(hub, atHub, dara!.id, 'Written after the hub was revoked.');
    const hubTables = ['child_case', 'case_event', 'app_user', 'hub_case_mark', 'hub_known'];
    const centralTables = ['child_case', 'case_event', 'sync_held'];
    const before = { hub: await counts(hub, hubTables), central: await counts(central, centralTables) };

    const refused = await round();
    expect(refused.outcome).toBe('failed');
    expect(refused.error).toContain('403');
    expect(refused.error).toContain('revoked');
    expect({ hub: await counts(hub, hubTables), central: await counts(central, centralTables) }).toEqual(before);
    const logged = await hub.db.kysely
      .selectFrom('hub_round')
      .select('outcome')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(logged?.outcome).toBe('failed');
  });
});
