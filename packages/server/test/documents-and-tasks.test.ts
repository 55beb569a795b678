import type { Attachment, CaseDetail } from '@homeward/core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { randomBytes } from 'node:crypto';
import { openText } from '../src/auth/secret-box';
import { resealWithCurrentKey } from '../src/documents/key-rotation.service';
import { keyFromBase64, open } from '../src/documents/file-crypto';
import { enrolTwoFactor } from './support/two-factor';
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

/** A small JPEG carrying EXIF metadata, as a phone camera writes it. */
async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Camera-X', ImageDescription: 'Home of the child' } })
    .toBuffer();
}

describeOnEachEngine('photos, documents and tasks', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let child: CaseDetail;
  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['caseworker'] });
    child = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
  });
  afterAll(() => server.close());

  async function upload(user: TestUser, caseId: string, kind: string, file: Buffer, name = 'photo.jpg') {
    const form = new FormData();
    form.append('kind', kind);
    form.append('title', 'At the shelter');
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const response = await fetch(server.url(`/cases/${caseId}/attachments`), {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Attachment & { code?: string } };
  }

  it('refuses a photo without photo consent, then stores it encrypted and without its EXIF', async () => {
    const photo = await photoWithExif();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const refused = await upload(ngo.user, child.id, 'photo', photo);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('no_photo_consent');
    expect(
      await server.db.kysely.selectFrom('attachment').select('id').where('case_id', '=', child.id).execute(),
    ).toEqual([]);

    await api(server, 'POST', `/cases/${child.id}/events`, {
      token: ngo.user.token,
      body: { type: 'consent', occurredOn: TODAY, payload: { scope: 'photos', action: 'given', givenBy: 'guardian' } },
    });
    const stored = await upload(ngo.user, child.id, 'photo', photo);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ kind: 'photo', mediaType: 'image/jpeg', title: 'At the shelter' });

    const row = await server.db.kysely
      .selectFrom('attachment')
      .select('content')
      .where('id', '=', stored.body.id)
      .executeTakeFirstOrThrow();
    expect(row.content.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(row.content.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(false);

    const download = await fetch(server.url(`/cases/${child.id}/attachments/${stored.body.id}`), {
      headers: { authorization: `Bearer ${ngo.user.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    const data = Buffer.from(await download.arrayBuffer());
    const metadata = await sharp(data).metadata();
    expect(metadata.width).toBe(8);
    expect(metadata.exif).toBeUndefined();
    expect(data.includes(Buffer.from('PhoneMaker'))).toBe(false);

    const timeline = await api<{ items: { type: string }[] }>(server, 'GET', `/cases/${child.id}/events`, {
      token: ngo.user.token,
    });
    expect(timeline.body.items.map((event) => event.type)).toContain('document');
  });

  it('checks a file by its content, not its name', async () => {
    const fake = await upload(ngo.user, child.id, 'document', Buffer.from('MZ this is a program'), 'report.pdf');
    expect(fake.status).toBe(400);
    expect(fake.body.code).toBe('file_type');
    const pdf = await upload(
      ngo.user,
      child.id,
      'document',
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
      'birth-certificate.pdf',
    );
    expect(pdf.status).toBe(201);
    expect(pdf.body.mediaType).toBe('application/pdf');
  });

  it('hides files from roles that may not see them and from other organisations', async () => {
    const caregiver = await ngo.addUser(['caregiver']);
    expect((await api(server, 'GET', `/cases/${child.id}/attachments`, { token: caregiver.token })).status).toBe(403);
    const other = await createTestOrganisation(server, { withUser: 'caseworker' });
    expect((await api(server, 'GET', `/cases/${child.id}/attachments`, { token: other.user.token })).status).toBe(404);
    const list = await api<{ items: Attachment[] }>(server, 'GET', `/cases/${child.id}/attachments`, {
      token: ngo.user.token,
    });
    const first = list.body.items[0];
    expect(first).toBeDefined();
    expect(
      (await api(server, 'GET', `/cases/${child.id}/attachments/${first?.id}`, { token: other.user.token })).status,
    ).toBe(404);
  });

  it('gives a colleague a task that shows in their list until it is done', async () => {
    const colleague = await ngo.addUser(['caseworker']);
    const given = await api<{ id: string }>(server, 'POST', '/tasks', {
      token: ngo.user.token,
      body: {
        caseId: child.id,
        assignedTo: colleague.id,
        title: 'Visit the family before Pchum Ben',
        dueOn: '2026-11-20',
      },
    });
    expect(given.status).toBe(201);
    const tasks = async () =>
      (
        await api<{ items: { kind: string; title?: string; overdue: boolean; assignedBy?: string }[] }>(
          server,
          'GET',
          '/tasks',
          { token: colleague.token },
        )
      ).body.items;
    expect(await tasks()).toContainEqual(
      expect.objectContaining({ kind: 'task', title: 'Visit the family before Pchum Ben', overdue: true }),
    );
    expect(
      (await api(server, 'PATCH', `/tasks/${given.body.id}`, { token: colleague.token, body: { done: true } })).status,
    ).toBe(204);
    expect((await tasks()).filter((task) => task.kind === 'task')).toEqual([]);

    const outsider = await createTestOrganisation(server, { withUser: 'caseworker' });
    const foreign = await api<{ errors: { field: string }[] }>(server, 'POST', '/tasks', {
      token: ngo.user.token,
      body: { caseId: child.id, assignedTo: outsider.user.id, title: 'x', dueOn: TODAY },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0]?.field).toBe('assignedTo');
    expect(
      (await api(server, 'PATCH', `/tasks/${given.body.id}`, { token: outsider.user.token, body: { done: false } }))
        .status,
    ).toBe(404);
  });

  // Last in this file: the server keeps the old key only, so nothing after this may download a file.
  it('reseals every file and second-factor secret with a new key, after which the old key is not needed', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const stored = await upload(ngo.user, child.id, 'document', pdf, 'court-order.pdf');
    expect(stored.status).toBe(201);
    await enrolTwoFactor(server, ngo.user);
    const newKey = keyFromBase64(randomBytes(32).toString('base64'));

    const done = await resealWithCurrentKey(server.db.kysely, { current: newKey, all: [newKey, ...testFileKeys.all] });
    expect(done.attachments).toBeGreaterThanOrEqual(1);
    // The user's second-factor secret, and the installation's private keys (decision 0012).
    expect(done.secrets).toBe(2);
    const identity = await server.db.kysely
      .selectFrom('installation_identity')
      .select('signing_private')
      .executeTakeFirstOrThrow();
    expect(openText([newKey], identity.signing_private).length).toBeGreaterThan(40);
    const row = await server.db.kysely
      .selectFrom('attachment')
      .select(['key_id', 'iv', 'auth_tag', 'content'])
      .where('id', '=', stored.body.id)
      .executeTakeFirstOrThrow();
    expect(open([newKey], { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, content: row.content })).toEqual(pdf);
    const others = await server.db.kysely.selectFrom('attachment').select('key_id').execute();
    expect(new Set(others.map((other) => other.key_id))).toEqual(new Set([newKey.id]));
    const user = await server.db.kysely
      .selectFrom('app_user')
      .select('totp_secret')
      .where('id', '=', ngo.user.id)
      .executeTakeFirstOrThrow();
    expect(openText([newKey], user.totp_secret ?? '')).toMatch(/^[A-Z2-7]+$/);
    expect(await resealWithCurrentKey(server.db.kysely, { current: newKey, all: [newKey] })).toEqual({
      attachments: 0,
      secrets: 0,
    });
  });
});
