import { randomUUID } from 'node:crypto';
import type { Attachment, CaseDetail, CaseEvent, HeldOperation, PushResponse } from '@homeward/core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { verifyAuditChain } from '../src/audit/audit-verify';
import { keyFromBase64, open as openSealed } from '../src/documents/file-crypto';
import { resealWithCurrentKey } from '../src/documents/key-rotation.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { attachmentOp, pushAs, registerDevice, sendFile } from './support/sync';
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

/** A small JPEG with EXIF, as a phone camera writes it; `shade` makes other bytes. */
function photo(shade = '#884422'): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: shade } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', ImageDescription: 'Home of the child' } })
    .toBuffer();
}

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${text}\ntrailer <<>>\n%%EOF\n`);
}

describeOnEachEngine('offline sync: photos and documents', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let other: TestOrganisation;
  let worker: TestUser;
  let device: string;

  const open = async (name: string) =>
    (await api<CaseDetail>(server, 'POST', '/cases', { token: worker.token, body: aNewCase({ givenNameLatin: name }) }))
      .body;
  const record = (caseId: string, body: unknown) =>
    api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, { token: worker.token, body });
  const photoConsent = (caseId: string, action: 'given' | 'withdrawn') =>
    record(caseId, {
      type: 'consent',
      occurredOn: TODAY,
      payload: { scope: 'photos', action, givenBy: 'guardian' },
    });
  const attachments = async (caseId: string) =>
    (await api<{ items: Attachment[] }>(server, 'GET', `/cases/${caseId}/attachments`, { token: worker.token })).body
      .items;
  const staged = (id: string) =>
    server.db.kysely.selectFrom('sync_file').select(['sha256']).where('id', '=', id).execute();
  const decide = (id: string, body: unknown) =>
    api<HeldOperation>(server, 'POST', `/sync/held/${id}`, { token: worker.token, body });
  const only = (answer: { body: PushResponse }) => answer.body.results[0]!;

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    other = await createTestOrganisation(server, { withUser: ['caseworker'], name: 'Other NGO' });
    worker = await ngo.addUser(['caseworker']);
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(server, 'PUT', '/settings/cases', { token: ngo.user.token, body: settings })).status).toBe(200);
    device = await registerDevice(server, worker);
  });
  afterAll(() => server.close());

  it('stores a photo sent with its operation once, however many copies arrive at once, with the upload’s checks', async () => {
    const child = await open('Photosynced');
    expect((await photoConsent(child.id, 'given')).status).toBe(201);
    const bytes = await photo();
    const operation = attachmentOp(child.id, bytes, { kind: 'photo', title: 'At the shelter' });
    const sent = await Promise.all(
      Array.from({ length: 10 }, () => sendFile(server, worker, device, operation.opId, bytes)),
    );
    expect(sent.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(await staged(operation.opId)).toHaveLength(1);

    const pushes = await Promise.all(Array.from({ length: 10 }, () => pushAs(server, worker, device, [operation])));
    expect(pushes.map((answer) => only(answer).status)).toEqual(Array(10).fill('applied'));

    const files = await attachments(child.id);
    expect(files.map((file) => [file.id, file.kind, file.title])).toEqual([
      [operation.opId, 'photo', 'At the shelter'],
    ]);
    const entries = await server.db.kysely
      .selectFrom('case_event')
      .select(['id', 'payload'])
      .where('case_id', '=', child.id)
      .where('type', '=', 'document')
      .execute();
    expect(entries.map((entry) => [entry.id, entry.payload.attachmentId])).toEqual([[operation.opId, operation.opId]]);
    expect(await staged(operation.opId)).toEqual([]);

    const row = await server.db.kysely
      .selectFrom('attachment')
      .select('content')
      .where('id', '=', operation.opId)
      .executeTakeFirstOrThrow();
    expect(row.content.includes(Buffer.from('PhoneMaker'))).toBe(false);
    const download = await fetch(server.url(`/cases/${child.id}/attachments/${operation.opId}`), {
      headers: { authorization: `Bearer ${worker.token}` },
    });
    const clean = Buffer.from(await download.arrayBuffer());
    expect((await sharp(clean).metadata()).exif).toBeUndefined();

    // A retry after the answer was lost: the file sent again is not kept, the push is answered applied.
    expect((await sendFile(server, worker, device, operation.opId, bytes)).status).toBe(200);
    expect(await staged(operation.opId)).toEqual([]);
    expect(only(await pushAs(server, worker, device, [operation])).status).toBe('applied');
    expect(await attachments(child.id)).toHaveLength(1);
    expect((await verifyAuditChain(server.db.kysely)).problems).toEqual([]);
  });

  it('keeps other bytes under an id already used as id_taken, with their file', async () => {
    const child = await open('Sameidother');
    const first = pdf('first');
    const operation = attachmentOp(child.id, first);
    await sendFile(server, worker, device, operation.opId, first);
    expect(only(await pushAs(server, worker, device, [operation])).status).toBe('applied');

    const second = pdf('second');
    const other = attachmentOp(child.id, second, { opId: operation.opId });
    await sendFile(server, worker, device, operation.opId, second);
    const answer = only(await pushAs(server, worker, device, [other]));
    expect(answer).toMatchObject({ status: 'attention', held: { reason: 'id_taken', status: 'open' } });
    expect(await attachments(child.id)).toHaveLength(1);
    expect((await staged(operation.opId)).map((row) => row.sha256)).toEqual([other.body.sha256]);
  });

  it('keeps a photo whose consent is missing on arrival with its file, and applies it once consent is given', async () => {
    const child = await open('Consentlater');
    expect((await photoConsent(child.id, 'given')).status).toBe(201);
    expect((await photoConsent(child.id, 'withdrawn')).status).toBe(201);
    const bytes = await photo('#224488');
    const operation = attachmentOp(child.id, bytes, { kind: 'photo' });
    await sendFile(server, worker, device, operation.opId, bytes);
    const answer = only(await pushAs(server, worker, device, [operation]));
    expect(answer).toMatchObject({ status: 'attention', held: { reason: 'no_photo_consent' } });
    expect(await attachments(child.id)).toEqual([]);
    expect(await staged(operation.opId)).toHaveLength(1);

    expect((await decide(operation.opId, { action: 'reapply' })).body).toMatchObject({
      status: 'open',
      reason: 'no_photo_consent',
    });
    expect((await photoConsent(child.id, 'given')).status).toBe(201);
    expect((await decide(operation.opId, { action: 'reapply' })).body.status).toBe('reapplied');
    expect((await attachments(child.id)).map((file) => file.id)).toEqual([operation.opId]);
    expect(await staged(operation.opId)).toEqual([]);
    expect(only(await pushAs(server, worker, device, [operation])).status).toBe('applied');
  });

  it('drops the file of a change discarded from the sync screen', async () => {
    const child = await open('Discardfile');
    expect(
      (
        await record(child.id, {
          type: 'closure',
          occurredOn: TODAY,
          payload: { reason: 'stable_and_safe', summary: 'Back at school.' },
        })
      ).status,
    ).toBe(201);
    const bytes = pdf('closed');
    const operation = attachmentOp(child.id, bytes);
    await sendFile(server, worker, device, operation.opId, bytes);
    expect(only(await pushAs(server, worker, device, [operation]))).toMatchObject({
      status: 'attention',
      held: { reason: 'case_closed' },
    });
    const discarded = await decide(operation.opId, { action: 'discard', reason: 'Sent to the wrong case.' });
    expect(discarded.body.status).toBe('discarded');
    expect(await staged(operation.opId)).toEqual([]);
    expect(await attachments(child.id)).toEqual([]);
  });

  it('answers a file for another organisation’s case as not reachable, and a push without its file as failed', async () => {
    const theirs = (
      await api<CaseDetail>(server, 'POST', '/cases', {
        token: other.user.token,
        body: aNewCase({ givenNameLatin: 'Theirchild' }),
      })
    ).body;
    const bytes = pdf('theirs');
    const operation = attachmentOp(theirs.id, bytes);
    await sendFile(server, worker, device, operation.opId, bytes);
    const answer = only(await pushAs(server, worker, device, [operation]));
    expect(answer).toMatchObject({ status: 'attention', held: { reason: 'case_not_reachable', caseNumber: null } });
    expect(JSON.stringify(answer)).not.toContain('Theirchild');
    expect(
      await server.db.kysely.selectFrom('attachment').where('case_id', '=', theirs.id).select('id').execute(),
    ).toEqual([]);

    const child = await open('Nofileyet');
    const missing = attachmentOp(child.id, pdf('never sent'));
    expect(only(await pushAs(server, worker, device, [missing])).status).toBe('failed');
    expect(
      await server.db.kysely.selectFrom('sync_held').where('id', '=', missing.opId).select('id').execute(),
    ).toEqual([]);
  });

  it('refuses a file sent with another device, or bytes other than their hash', async () => {
    const otherDevice = await registerDevice(server, other.user);
    const bytes = pdf('mine');
    expect((await sendFile(server, worker, otherDevice, randomUUID(), bytes)).status).toBe(404);
    const damaged = await sendFile(server, worker, device, randomUUID(), bytes, 'a'.repeat(64));
    expect([damaged.status, damaged.body.code]).toEqual([400, 'file_damaged']);
  });

  it('forgets, a month on, a file whose push never came, but keeps one held for a person', async () => {
    const child = await open('Lostphone');
    const lost = pdf('lost');
    const lostOp = attachmentOp(child.id, lost);
    await sendFile(server, worker, device, lostOp.opId, lost);
    const kept = await photo('#448822');
    const keptOp = attachmentOp(child.id, kept, { kind: 'photo' });
    await sendFile(server, worker, device, keptOp.opId, kept);
    expect(only(await pushAs(server, worker, device, [keptOp])).status).toBe('attention');
    await server.db.kysely
      .updateTable('sync_file')
      .set({ received_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('id', 'in', [lostOp.opId, keptOp.opId])
      .execute();

    const fresh = pdf('fresh');
    await sendFile(server, worker, device, randomUUID(), fresh);
    expect(await staged(lostOp.opId)).toEqual([]);
    expect(await staged(keptOp.opId)).toHaveLength(1);
  });

  // Last in this file: after it, the server's configured keys no longer open what was resealed.
  it('reseals a held photo’s file at a key rotation, readable with the new key alone', async () => {
    const child = await open('Rotatedkey');
    const bytes = await photo('#224488');
    const operation = attachmentOp(child.id, bytes, { kind: 'photo' });
    await sendFile(server, worker, device, operation.opId, bytes);
    const held = only(await pushAs(server, worker, device, [operation]));
    expect(held).toMatchObject({ status: 'attention', held: { reason: 'no_photo_consent' } });
    const newKey = keyFromBase64(randomBytes(32).toString('base64'));
    const done = await resealWithCurrentKey(server.db.kysely, { current: newKey, all: [newKey, ...testFileKeys.all] });
    expect(done.attachments).toBeGreaterThanOrEqual(1);
    const rows = await server.db.kysely.selectFrom('sync_file').selectAll().execute();
    expect(new Set(rows.map((row) => row.key_id))).toEqual(new Set([newKey.id]));
    const kept = rows.find((row) => row.id === operation.opId)!;
    const sealed = { keyId: kept.key_id, iv: kept.iv, authTag: kept.auth_tag, content: kept.content };
    expect(openSealed([newKey], sealed)).toEqual(bytes);
    expect((await resealWithCurrentKey(server.db.kysely, { current: newKey, all: [newKey] })).attachments).toBe(0);
  });
});
