import { accessFor, can, mayRead, ROLES, type CaseDetail, type Role, type Transfer } from '@homeward/core';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENDPOINT_POLICY } from '../src/access/endpoint-policy';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * A former lead after a transfer, over every endpoint about one case: it reads what it wrote (and, on the case
 * whose sender kept sections with the child's consent, those sections), writes nothing, and no answer carries
 * the child's name, the receiver's family details or the receiver's writing outside the kept sections. The test
 * fails when a case endpoint is added without a request here.
 */
const CASES = ['none_kept', 'notes_kept'] as const;
type Kind = (typeof CASES)[number];

const CHILD = { none_kept: 'Formerchildone', notes_kept: 'Formerchildtwo' };
const FAMILY = 'Receiverkinname';
const RECEIVER_NOTE = { none_kept: 'Receivernote-none', notes_kept: 'Receivernote-kept' };
const RECEIVER_SERVICE_PARTNER = 'Receiverpartnerclinic';
const SENDER_NOTE = 'Sendernote-own';

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

interface Fixture {
  cases: Record<Kind, CaseDetail>;
  /** The sender's own document (uploaded before the transfer) and the receiver's (after). */
  senderFile: Record<Kind, string>;
  receiverFile: Record<Kind, string>;
  department: string;
  receiverWorker: string;
}

type Sample = (f: Fixture, kind: Kind) => { path?: string; body?: unknown; multipart?: true };

/** One request per endpoint about a case; writes are ones the lead would be let through with. */
const SAMPLES: Record<string, Sample> = {
  'GET /cases/:id': () => ({}),
  'PATCH /cases/:id': () => ({ body: { changes: { riskLevel: 'high' }, baseVersions: { riskLevel: 0 } } }),
  'GET /cases/:id/state': () => ({}),
  'GET /cases/:id/events': () => ({}),
  'DELETE /cases/:id': (f, kind) => ({
    body: { reason: 'Entered twice', confirmCaseNumber: f.cases[kind].caseNumber },
  }),
  'GET /cases/:id/access-log': () => ({}),
  'POST /cases/:id/prints': () => ({ body: { form: 'assessment' } }),
  'GET /cases/:id/file': () => ({}),
  'POST /cases/:id/file': () => ({ body: { language: 'en' } }),
  'POST /cases/:id/events': () => ({ body: { type: 'note', occurredOn: TODAY, payload: { text: 'From afar' } } }),
  'PUT /cases/:id/assignment': (f) => ({ body: { workerId: f.receiverWorker } }),
  'GET /cases/:id/shares': () => ({}),
  'POST /cases/:id/shares': (f) => ({ body: { organisationId: f.department, kind: 'referral' } }),
  'POST /cases/:id/attachments': () => ({ multipart: true }),
  'GET /cases/:id/attachments': () => ({}),
  'GET /cases/:id/attachments/:attachmentId': (f, kind) => ({
    path: `/cases/${f.cases[kind].id}/attachments/${f.receiverFile[kind]}`,
  }),
  'POST /cases/:id/duplicates/resolve': (f, kind) => ({
    body: { otherCaseId: f.cases[kind === 'none_kept' ? 'notes_kept' : 'none_kept'].id, resolution: 'not_duplicate' },
  }),
  'GET /cases/:id/transfers': () => ({}),
  'POST /cases/:id/transfers': () => ({
    body: { id: randomUUID(), toOrganisationId: randomUUID(), transferReason: 'capacity' },
  }),
  'GET /cases/:id/referrals': () => ({}),
  'GET /cases/:id/participants': () => ({}),
  'POST /cases/:id/referrals': (f) => ({
    body: {
      id: randomUUID(),
      receiverOrganisationId: f.department,
      services: ['counselling'],
      sections: ['services'],
      consent: { kind: 'on_file' },
    },
  }),
};

/** Reads a former lead may still make (its own writing); every other endpoint about the case writes. */
const READS = new Set([
  'GET /cases/:id',
  'GET /cases/:id/state',
  'GET /cases/:id/events',
  'GET /cases/:id/access-log',
  'POST /cases/:id/prints',
  'GET /cases/:id/file',
  'POST /cases/:id/file',
  'GET /cases/:id/shares',
  'GET /cases/:id/attachments',
  'GET /cases/:id/transfers',
  'GET /cases/:id/referrals',
  'GET /cases/:id/participants',
]);

/** The sender's roles that reach the case as its former lead (its caseworker wrote it; the others by scope). */
const SENDER_ROLES: Role[] = ['caseworker', 'supervisor', 'me_officer', 'org_admin'];

describeOnEachEngine('a former lead over every case endpoint', (engine) => {
  let server: TestServer;
  let fixture: Fixture;
  const users = {} as Record<Role, TestUser>;

  async function upload(user: TestUser, caseId: string) {
    const form = new FormData();
    form.append('kind', 'document');
    form.append('title', 'A letter');
    form.append('file', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'letter.pdf');
    const response = await fetch(server.url(`/cases/${caseId}/attachments`), {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, text, id: (text ? (JSON.parse(text) as { id?: string }) : {}).id ?? '' };
  }

  async function send(method: string, path: string, token: string, body: unknown) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(server.url(path), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const data = new Uint8Array(await response.arrayBuffer());
    if (!response.headers.get('content-type')?.includes('application/zip')) {
      return { status: response.status, text: new TextDecoder().decode(data) };
    }
    const entries = await new ZipReader(new Uint8ArrayReader(data)).getEntries();
    const files = entries.filter((entry): entry is FileEntry => !entry.directory);
    const texts = await Promise.all(files.map(async (entry) => await entry.getData(new TextWriter())));
    return { status: response.status, text: texts.join('\n') };
  }

  beforeAll(async () => {
    server = await startTestServer(engine);
    const sender: TestOrganisation = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const receiver = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const department = await createTestOrganisation(server, { withUser: ['government_officer'], kind: 'government' });
    users.org_admin = sender.user;
    for (const role of SENDER_ROLES) if (!users[role]) users[role] = await sender.addUser([role], { team: 'T' });
    const receiverWorker = await receiver.addUser(['supervisor']);
    const cases = {} as Record<Kind, CaseDetail>;
    const senderFile = {} as Record<Kind, string>;
    const receiverFile = {} as Record<Kind, string>;
    const post = async (user: TestUser, path: string, body: unknown) => {
      const response = await api<{ id: string }>(server, 'POST', path, { token: user.token, body });
      expect([path, response.status]).toEqual([path, expect.any(Number)]);
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      return response.body;
    };
    for (const kind of CASES) {
      const opened = await api<CaseDetail>(server, 'POST', '/cases', {
        token: users.caseworker.token,
        body: aNewCase({ givenNameLatin: CHILD[kind], alias: `Alias ${kind}` }),
      });
      cases[kind] = opened.body;
      const id = opened.body.id;
      await post(users.caseworker, `/cases/${id}/events`, {
        type: 'note',
        occurredOn: TODAY,
        payload: { text: SENDER_NOTE },
      });
      await post(users.caseworker, `/cases/${id}/events`, {
        type: 'consent',
        occurredOn: TODAY,
        payload: { scope: 'sharing', action: 'given', givenBy: 'guardian' },
      });
      senderFile[kind] = (await upload(users.caseworker, id)).id;
      const transfer = (await post(users.supervisor, `/cases/${id}/transfers`, {
        id: randomUUID(),
        toOrganisationId: receiver.id,
        transferReason: 'child_moved',
        sectionsKept: kind === 'notes_kept' ? ['notes'] : [],
      })) as unknown as Transfer;
      await post(receiver.user, `/transfers/${transfer.id}/accept`, { workerId: receiverWorker.id });
      // The receiver's writing after the transfer: a note, a family member's name, a service with a partner.
      await post(receiverWorker, `/cases/${id}/events`, {
        type: 'note',
        occurredOn: TODAY,
        payload: { text: RECEIVER_NOTE[kind] },
      });
      await post(receiverWorker, `/cases/${id}/events`, {
        type: 'family_member',
        occurredOn: TODAY,
        payload: { memberId: randomUUID(), name: FAMILY, relationship: 'aunt_uncle', whereaboutsKnown: true },
      });
      await post(receiverWorker, `/cases/${id}/events`, {
        type: 'service',
        occurredOn: TODAY,
        payload: { kind: 'medical_care', provider: 'partner', partnerName: RECEIVER_SERVICE_PARTNER },
      });
      receiverFile[kind] = (await upload(receiverWorker, id)).id;
    }
    fixture = { cases, senderFile, receiverFile, department: department.id, receiverWorker: receiverWorker.id };
  });
  afterAll(() => server.close());

  it('has a request for every endpoint about a case', () => {
    const onCase = Object.entries(ENDPOINT_POLICY)
      .filter(([, policy]) => policy.access === 'permission' && policy.case === 'path')
      .map(([key]) => key);
    expect(onCase.filter((key) => !SAMPLES[key])).toEqual([]);
  });

  it('reads only its own writing and the kept sections, writes nothing, and leaks nothing', async () => {
    const failures: string[] = [];
    const leaks: string[] = [];
    const ownNoteSeen = new Set<string>();
    for (const [key, sample] of Object.entries(SAMPLES)) {
      const policy = ENDPOINT_POLICY[key];
      if (!policy || policy.access !== 'permission') continue;
      const [method, template] = key.split(' ') as [string, string];
      for (const role of SENDER_ROLES) {
        const access = accessFor([role]);
        const permitted = policy.anyOf.some((permission) => can(access, permission));
        for (const kind of CASES) {
          const request = sample(fixture, kind);
          const path = request.path ?? template.replace(':id', fixture.cases[kind].id);
          const response = request.multipart
            ? await upload(users[role], fixture.cases[kind].id)
            : await send(method, path, users[role].token, request.body);
          const ok = !permitted
            ? response.status === 403
            : READS.has(key)
              ? [200, 204].includes(response.status)
              : [403, 404].includes(response.status);
          if (!ok) failures.push(`${role} ${key} [${kind}]: ${response.status}`);
          const secrets = [
            ...Object.values(CHILD),
            FAMILY,
            RECEIVER_SERVICE_PARTNER,
            RECEIVER_NOTE.none_kept,
            ...(kind === 'notes_kept' ? [] : [RECEIVER_NOTE.notes_kept]),
          ];
          for (const secret of secrets) {
            if (response.text.includes(secret)) leaks.push(`${role} ${key} [${kind}] shows ${secret}`);
          }
          if (response.text.includes(SENDER_NOTE)) ownNoteSeen.add(`${role} ${key}`);
          // The kept notes are read by the roles that may read accounts of a case (not M&E officers).
          if (kind === 'notes_kept' && key === 'GET /cases/:id/events' && mayRead(access, 'narrative')) {
            if (!response.text.includes(RECEIVER_NOTE.notes_kept)) failures.push(`${role} misses the kept notes`);
          }
        }
      }
    }
    // Its own document stays readable; the receiver's does not exist for it.
    for (const kind of CASES) {
      const own = await send(
        'GET',
        `/cases/${fixture.cases[kind].id}/attachments/${fixture.senderFile[kind]}`,
        users.supervisor.token,
        undefined,
      );
      if (own.status !== 200) failures.push(`supervisor cannot read its own document [${kind}]: ${own.status}`);
    }
    expect({ failures, leaks }).toEqual({ failures: [], leaks: [] });
    // Its own writing is what it still reads, on the timeline and in the exported file.
    expect(ownNoteSeen).toContain('supervisor GET /cases/:id/events');
    expect(ownNoteSeen).toContain('org_admin POST /cases/:id/file');
    expect(ROLES.length).toBeGreaterThan(SENDER_ROLES.length);
  }, 300_000);
});
