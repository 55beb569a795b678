import type { Attachment, CaseDetail, CaseEvent, ImportResult, Installation } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
} from './support/test-server';

/**
 * Case files between installations (decision 0012), with real servers each over its own database: A and B trust
 * each other's cards; C is a third installation that B does not trust (C trusts B, so it can address B).
 */
interface Side {
  server: TestServer;
  org: TestOrganisation;
  card: Installation['card'];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PASSPHRASE = 'mango river lantern 2026';

async function side(engine: Parameters<typeof startTestServer>[0], name: string): Promise<Side> {
  const server = await startTestServer(engine);
  const org = await createTestOrganisation(server, { withUser: ['org_admin'], name });
  const installation = await api<Installation>(server, 'GET', '/installation', { token: org.user.token });
  expect([installation.status, installation.body]).toMatchObject([200, {}]);
  return { server, org, card: installation.body.card };
}

async function trust(truster: Side, trusted: Side): Promise<string> {
  const response = await api<{ id: string }>(truster.server, 'POST', '/installation/partners', {
    token: truster.org.user.token,
    body: { card: trusted.card, confirmFingerprint: trusted.card.fingerprint.replace(/(.{4})/g, '$1 ') },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function openCase(at: Side, overrides: Parameters<typeof aNewCase>[0] = {}, consent = true) {
  const token = at.org.user.token;
  const child = (await api<CaseDetail>(at.server, 'POST', '/cases', { token, body: aNewCase(overrides) })).body;
  const event = (body: unknown) => api(at.server, 'POST', `/cases/${child.id}/events`, { token, body });
  if (consent) {
    const given = await event({
      type: 'consent',
      occurredOn: '2026-10-03',
      payload: { scope: 'sharing', action: 'given', givenBy: 'child_and_guardian', guardianName: 'Aunt' },
    });
    expect(given.status).toBe(201);
  }
  expect((await event({ type: 'note', occurredOn: '2026-10-05', payload: { text: 'Settled in well.' } })).status).toBe(
    201,
  );
  return child;
}

async function uploadPdf(at: Side, caseId: string) {
  const form = new FormData();
  form.append('kind', 'document');
  form.append('title', 'Court order');
  form.append('file', new Blob([new Uint8Array(PDF)]), 'court-order.pdf');
  const response = await fetch(at.server.url(`/cases/${caseId}/attachments`), {
    method: 'POST',
    headers: { authorization: `Bearer ${at.org.user.token}` },
    body: form,
  });
  expect(response.status).toBe(201);
}

async function exportBundle(from: Side, caseIds: string[], receiver: unknown, token = from.org.user.token) {
  const response = await fetch(from.server.url('/bundles'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ caseIds, receiver }),
  });
  const data = Buffer.from(await response.arrayBuffer());
  return { status: response.status, data, json: () => JSON.parse(data.toString('utf8')) as { code?: string } };
}

async function importBundle(
  to: Side,
  file: Buffer,
  fields: { passphrase?: string; choices?: unknown } = {},
  token = to.org.user.token,
) {
  const form = new FormData();
  if (fields.passphrase) form.append('passphrase', fields.passphrase);
  if (fields.choices) form.append('choices', JSON.stringify(fields.choices));
  form.append('file', new Blob([new Uint8Array(file)]), 'case.homeward-bundle');
  const response = await fetch(to.server.url('/bundles/import'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return {
    status: response.status,
    body: (await response.json()) as ImportResult & { code?: string; detail?: string },
  };
}

async function rowCounts(at: Side) {
  const count = async (table: 'child_case' | 'case_event' | 'attachment' | 'imported_case') =>
    Number(
      (
        await at.server.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await count('child_case'),
    events: await count('case_event'),
    files: await count('attachment'),
    imports: await count('imported_case'),
  };
}

describeOnEachEngine('case files between installations', (engine) => {
  let a: Side;
  let b: Side;
  let c: Side;
  let bOnA: string;
  let cOnA: string;
  let child: CaseDetail;
  let bundle: Buffer;

  beforeAll(async () => {
    [a, b, c] = await Promise.all([
      side(engine, 'Damnok Toek Poipet'),
      side(engine, 'CCPCR Phnom Penh'),
      side(engine, 'Unknown Shelter'),
    ]);
    bOnA = await trust(a, b);
    cOnA = await trust(a, c);
    await trust(b, a);
    await trust(c, b);
    child = await openCase(a, { givenNameLatin: 'Sreymom', givenNameKm: 'ស្រីមុំ', familyNameLatin: 'Chan' });
    await uploadPdf(a, child.id);
  });
  afterAll(async () => {
    await Promise.all([a?.server.close(), b?.server.close(), c?.server.close()]);
  });

  it('refuses to add a card whose fingerprint is not the one read over the telephone', async () => {
    const wrong = await api<{ code: string }>(b.server, 'POST', '/installation/partners', {
      token: b.org.user.token,
      body: { card: c.card, confirmFingerprint: a.card.fingerprint },
    });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'fingerprint_mismatch']);
    const swapped = await api<{ code: string }>(b.server, 'POST', '/installation/partners', {
      token: b.org.user.token,
      body: { card: { ...c.card, signingKey: a.card.signingKey }, confirmFingerprint: c.card.fingerprint },
    });
    expect([swapped.status, swapped.body.code]).toEqual([400, 'card_changed']);
  });

  it('refuses to export a case without the child’s consent to share, and a role without the permission', async () => {
    const noConsent = await openCase(a, { givenNameLatin: 'Nokonsent' }, false);
    const refused = await exportBundle(a, [noConsent.id], { kind: 'partner', partnerId: bOnA });
    expect([refused.status, refused.json().code]).toEqual([409, 'no_sharing_consent']);
    const worker = await a.org.addUser(['caseworker']);
    expect((await exportBundle(a, [child.id], { kind: 'partner', partnerId: bOnA }, worker.token)).status).toBe(403);
  });

  it('exports on A and imports on B: a new case number, the events with A named, the document byte-identical', async () => {
    const made = await exportBundle(a, [child.id], { kind: 'partner', partnerId: bOnA });
    expect(made.status).toBe(200);
    bundle = made.data;
    // Nothing of the child is readable in the file.
    expect(bundle.includes(Buffer.from('Sreymom'))).toBe(false);
    const before = await rowCounts(b);
    const imported = await importBundle(b, bundle);
    expect(imported.status).toBe(200);
    expect(imported.body.status).toBe('imported');
    expect(imported.body.sender.organisation).toBe('Damnok Toek Poipet');
    const [item] = imported.body.cases;
    expect(item?.alreadyImported).toBe(false);
    expect(item?.sourceCaseNumber).toBe(child.caseNumber);
    const caseId = item?.caseId as string;
    const token = b.org.user.token;
    const onB = await api<CaseDetail>(b.server, 'GET', `/cases/${caseId}`, { token });
    expect(onB.status).toBe(200);
    expect(onB.body.organisationId).toBe(b.org.id);
    expect(onB.body.caseNumber).not.toBe(child.caseNumber);
    expect([onB.body.givenNameLatin, onB.body.givenNameKm]).toEqual(['Sreymom', 'ស្រីមុំ']);
    const reference = await b.server.db.kysely
      .selectFrom('imported_case')
      .select(['source_case_number', 'sender_organisation'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(reference).toEqual({ source_case_number: child.caseNumber, sender_organisation: 'Damnok Toek Poipet' });

    const eventsOnA = (
      await api<{ items: CaseEvent[] }>(a.server, 'GET', `/cases/${child.id}/events`, { token: a.org.user.token })
    ).body.items;
    const eventsOnB = (await api<{ items: CaseEvent[] }>(b.server, 'GET', `/cases/${caseId}/events`, { token })).body
      .items;
    expect(eventsOnB.map((event) => [event.type, event.occurredOn])).toEqual(
      eventsOnA.map((event) => [event.type, event.occurredOn]),
    );
    expect(eventsOnB.map((event) => event.type)).toEqual(
      expect.arrayContaining(['intake', 'consent', 'note', 'document']),
    );
    for (const event of eventsOnB) {
      expect(event.authorId).toBeNull();
      expect(event.authorName).toContain('Damnok Toek Poipet');
    }

    const files = (await api<{ items: Attachment[] }>(b.server, 'GET', `/cases/${caseId}/attachments`, { token })).body
      .items;
    expect(files.map((file) => file.fileName)).toEqual(['court-order.pdf']);
    const download = await fetch(b.server.url(`/cases/${caseId}/attachments/${files[0]?.id}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    const documentEvent = eventsOnB.find((event) => event.type === 'document');
    expect(documentEvent?.payload.attachmentId).toBe(files[0]?.id);
    const stored = await b.server.db.kysely
      .selectFrom('attachment')
      .select('content')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(stored.content.includes(PDF.subarray(0, 8))).toBe(false);

    const after = await rowCounts(b);
    expect(after.cases - before.cases).toBe(1);
    expect(after.files - before.files).toBe(1);
    expect(after.events - before.events).toBe(eventsOnA.length);
    const audit = await b.server.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('case_id', '=', caseId)
      .execute();
    expect(audit.map((row) => row.action)).toContain('bundle.import');
    const sent = await a.server.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'bundle.export')
      .execute();
    expect(sent.some((row) => (row.detail.caseIds as string[]).includes(child.id))).toBe(true);
  });

  it('answers a second import of the same bundle with the case made the first time', async () => {
    const before = await rowCounts(b);
    const first = await importBundle(b, bundle);
    const again = await Promise.all([importBundle(b, bundle), importBundle(b, bundle)]);
    for (const response of [first, ...again]) {
      expect(response.status).toBe(200);
      expect(response.body.cases[0]?.alreadyImported).toBe(true);
    }
    const made = await importBundle(b, (await exportBundle(a, [child.id], { kind: 'partner', partnerId: bOnA })).data);
    expect(made.body.cases[0]?.alreadyImported).toBe(true);
    expect(made.body.cases[0]?.caseId).toBe(first.body.cases[0]?.caseId);
    expect(await rowCounts(b)).toEqual(before);
  });

  it('refuses a changed, cut or foreign file with one clear error each, and changes no row', async () => {
    const before = await rowCounts(b);
    const refusals: [Buffer, string][] = [];
    for (const at of [40, Math.floor(bundle.length / 2), bundle.length - 1]) {
      const flipped = Buffer.from(bundle);
      flipped[at] = (flipped[at] as number) ^ 0x01;
      refusals.push([flipped, 'bundle_damaged']);
    }
    refusals.push([bundle.subarray(0, bundle.length - 100), 'bundle_damaged']);
    refusals.push([bundle.subarray(0, 10), 'bundle_truncated']);
    refusals.push([Buffer.from('%PDF-1.4 not a bundle at all'), 'not_a_bundle']);
    const forC = await exportBundle(a, [child.id], { kind: 'partner', partnerId: cOnA });
    expect(forC.status).toBe(200);
    refusals.push([forC.data, 'bundle_other_recipient']);
    for (const [file, code] of refusals) {
      const response = await importBundle(b, file);
      expect([response.status, response.body.code]).toEqual([400, code]);
      expect(response.body.detail?.length).toBeGreaterThan(20);
    }
    expect(await rowCounts(b)).toEqual(before);
  });

  it('refuses a bundle from an installation the organisation does not trust', async () => {
    const bOnC = (await api<Installation>(c.server, 'GET', '/installation', { token: c.org.user.token })).body
      .partners[0]?.id;
    const stranger = await openCase(c, { givenNameLatin: 'Stranger' });
    const made = await exportBundle(c, [stranger.id], { kind: 'partner', partnerId: bOnC });
    expect(made.status).toBe(200);
    const before = await rowCounts(b);
    const refused = await importBundle(b, made.data);
    expect([refused.status, refused.body.code]).toEqual([400, 'bundle_untrusted_sender']);
    expect(refused.body.detail).toContain(c.card.fingerprint);
    expect(await rowCounts(b)).toEqual(before);
  });

  it('imports a passphrase bundle only with the right passphrase, asking first about a child already known', async () => {
    const second = await openCase(a, {
      givenNameLatin: 'Vanna',
      givenNameKm: 'វណ្ណា',
      familyNameLatin: 'Keo',
      familyNameKm: 'កែវ',
      dateOfBirth: '2011-05-01',
      sex: 'male',
    });
    const known = (
      await api<CaseDetail>(b.server, 'POST', '/cases', {
        token: b.org.user.token,
        body: aNewCase({
          givenNameLatin: 'Vanna',
          givenNameKm: 'វណ្ណា',
          familyNameLatin: 'Keo',
          familyNameKm: 'កែវ',
          dateOfBirth: '2011-05-01',
          sex: 'male',
          referral: { source: 'police', referredOn: TODAY },
        }),
      })
    ).body;
    const made = await exportBundle(a, [second.id], { kind: 'passphrase', passphrase: PASSPHRASE });
    expect(made.status).toBe(200);
    const before = await rowCounts(b);
    const wrong = await importBundle(b, made.data, { passphrase: 'not the passphrase at all' });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'bundle_wrong_passphrase']);
    const none = await importBundle(b, made.data);
    expect([none.status, none.body.code]).toEqual([400, 'passphrase_needed']);
    const asked = await importBundle(b, made.data, { passphrase: PASSPHRASE });
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('needs_choice');
    expect(asked.body.cases[0]?.matches[0]).toMatchObject({ caseId: known.id, level: 'likely' });
    expect(await rowCounts(b)).toEqual(before);

    const linked = await importBundle(b, made.data, {
      passphrase: PASSPHRASE,
      choices: { [second.id]: { action: 'link', caseId: known.id } },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.status).toBe('imported');
    const newId = linked.body.cases[0]?.caseId as string;
    expect(linked.body.cases[0]?.linkedTo).toBe(known.id);
    const keys = await b.server.db.kysely
      .selectFrom('child_case')
      .select('child_key')
      .where('id', 'in', [newId, known.id])
      .execute();
    expect(new Set(keys.map((row) => row.child_key)).size).toBe(1);
    expect(keys[0]?.child_key).not.toBeNull();
  });

  it('lets only those who manage partner installations import', async () => {
    const worker = await b.org.addUser(['caseworker']);
    expect((await importBundle(b, bundle, {}, worker.token)).status).toBe(403);
  });
});
