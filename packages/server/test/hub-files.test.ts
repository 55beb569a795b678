import { randomUUID } from 'node:crypto';
import type { Attachment, CaseDetail, HubCredentials } from '@homeward/core';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkHub } from '../src/hub/hub-link.service';
import { forgetCase, hasUnsentWork } from '../src/hub/hub-replica.repository';
import { runRound } from '../src/hub/hub-round.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n% birth certificate\ntrailer<<>>\n%%EOF\n');

/** A central server on each engine and a shelter's hub on the embedded one: central's files reach the hub. */
describeOnEachEngine('a hub holding the photos and documents added at central', (engine) => {
  let central: TestServer;
  let hub: TestServer;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let credentials: HubCredentials;
  let child: CaseDetail;
  let atHub: string;
  let outsiderFile: string;
  const uploads: Attachment[] = [];

  const round = () => runRound(hub.db.kysely, testFileKeys.all);
  const upload = async (
    server: TestServer,
    token: string,
    caseId: string,
    kind: string,
    file: Buffer,
    name: string,
  ) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('title', kind === 'photo' ? 'At the shelter' : 'Birth certificate');
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const response = await fetch(server.url(`/cases/${caseId}/attachments`), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Attachment;
  };
  const download = async (server: TestServer, token: string, id: string) => {
    const response = await fetch(server.url(`/cases/${child.id}/attachments/${id}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  const listAt = async (server: TestServer, token: string) =>
    (await api<{ items: Attachment[] }>(server, 'GET', `/cases/${child.id}/attachments`, { token })).body.items;
  const attachmentCount = async (server: TestServer) =>
    (await sql<{ n: number }>`select count(*)::int as n from attachment`.execute(server.db.kysely)).rows[0]?.n;

  beforeAll(async () => {
    central = await startTestServer(engine);
    hub = await startTestServer('pglite');
    ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker']);
    const made = await api<CaseDetail>(central, 'POST', '/cases', { token: worker.token, body: aNewCase() });
    expect(made.status).toBe(201);
    child = made.body;
    const consent = await api(central, 'POST', `/cases/${child.id}/events`, {
      token: worker.token,
      body: { type: 'consent', occurredOn: TODAY, payload: { scope: 'photos', action: 'given', givenBy: 'guardian' } },
    });
    expect(consent.status).toBe(201);
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#226688' } })
      .jpeg()
      .toBuffer();
    uploads.push(await upload(central, worker.token, child.id, 'document', PDF, 'birth.pdf'));
    uploads.push(await upload(central, worker.token, child.id, 'photo', photo, 'shelter.jpg'));

    const other = await createTestOrganisation(central, { withUser: ['caseworker'] });
    const theirs = await api<CaseDetail>(central, 'POST', '/cases', { token: other.user.token, body: aNewCase() });
    outsiderFile = (await upload(central, other.user.token, theirs.body.id, 'document', PDF, 'theirs.pdf')).id;

    const id = randomUUID();
    const made2 = await api<HubCredentials>(central, 'POST', '/devices/hubs', {
      token: ngo.user.token,
      body: { id, name: 'Shelter laptop' },
    });
    expect(made2.status).toBe(201);
    credentials = made2.body;
    await linkHub(hub.db.kysely, testFileKeys.current, {
      centralUrl: new URL(central.url('/health')).origin,
      token: credentials.token,
    });
    expect(await round()).toMatchObject({ outcome: 'done', pushed: 0, held: [], filesFetched: 2 });
    const login = await api<{ token: string }>(hub, 'POST', '/auth/login', {
      body: { email: worker.email, password: worker.password },
    });
    expect(login.status).toBe(200);
    atHub = login.body.token;
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('brings a document and a photo added at central to the hub, under their ids, with the same bytes', async () => {
    const atHubList = await listAt(hub, atHub);
    const atCentral = await listAt(central, worker.token);
    expect(atHubList).toEqual(atCentral);
    expect(atHubList.map((file) => file.id).sort()).toEqual(uploads.map((file) => file.id).sort());
    for (const file of uploads) {
      expect((await download(hub, atHub, file.id)).equals(await download(central, worker.token, file.id))).toBe(true);
    }
    expect((await download(hub, atHub, uploads[0]!.id)).equals(PDF)).toBe(true);
    // Audited at central as downloads, by the hub's device.
    const reads = await central.db.kysely
      .selectFrom('audit_log')
      .select(sql<string>`detail->>'attachmentId'`.as('attachmentId'))
      .where('action', '=', 'attachment.read')
      .where('user_id', '=', ngo.user.id)
      .execute();
    expect(reads.map((row) => row.attachmentId).sort()).toEqual(uploads.map((file) => file.id).sort());
  });

  it('fetches nothing again, and sends none of them back to central', async () => {
    const before = await attachmentCount(hub);
    const again = await round();
    expect(again).toMatchObject({ outcome: 'done', pushed: 0, held: [], filesFetched: 0 });
    expect(await attachmentCount(hub)).toBe(before);
    expect(await central.db.kysely.selectFrom('sync_file').select('id').execute()).toEqual([]);
    expect(await listAt(central, worker.token)).toHaveLength(2);
  });

  it('answers 404 to a hub asking for another organisation’s file, or for none', async () => {
    for (const id of [outsiderFile, randomUUID()]) {
      const answer = await api(central, 'GET', `/hub/files/${id}`, { token: credentials.token });
      expect([id, answer.status]).toEqual([id, 404]);
    }
    expect((await api(central, 'GET', `/hub/files/${uploads[0]!.id}`, { token: worker.token })).status).toBe(401);
  });

  it('names a file it could not fetch in the round’s log, keeps the rest, and fetches it next round, once', async () => {
    const late = await upload(central, worker.token, child.id, 'document', PDF, 'late.pdf');
    const hidden = randomUUID();
    await central.db.kysely.updateTable('attachment').set({ id: hidden }).where('id', '=', late.id).execute();
    const failed = await round();
    expect(failed).toMatchObject({ outcome: 'done', pulledEvents: 1, filesFetched: 0 });
    expect(failed.held).toEqual([
      expect.objectContaining({ opId: late.id, kind: 'not_fetched', caseNumber: child.caseNumber }),
    ]);
    expect(await hub.db.kysely.selectFrom('case_event').select('id').where('id', '=', late.id).execute()).toHaveLength(
      1,
    );

    await central.db.kysely.updateTable('attachment').set({ id: late.id }).where('id', '=', hidden).execute();
    const [one, two] = await Promise.all([round(), round()]);
    expect([one, two].map((each) => each.held)).toEqual([[], []]);
    expect(one.filesFetched + two.filesFetched).toBeGreaterThanOrEqual(1);
    expect(await hub.db.kysely.selectFrom('attachment').select('id').where('id', '=', late.id).execute()).toHaveLength(
      1,
    );
    expect((await download(hub, atHub, late.id)).equals(PDF)).toBe(true);
    expect(await round()).toMatchObject({ outcome: 'done', pushed: 0, filesFetched: 0, held: [] });
    expect(await listAt(central, worker.token)).toHaveLength(3);
  });

  it('lets the case be forgotten with the files it fetched: they are central’s, not work waiting to be sent', async () => {
    await hub.db.kysely.transaction().execute(async (trx) => {
      expect(await hasUnsentWork(trx, child.id)).toBe(false);
      await forgetCase(trx, child.id);
    });
    expect(await hub.db.kysely.selectFrom('attachment').select('id').where('case_id', '=', child.id).execute()).toEqual(
      [],
    );
  });
});
