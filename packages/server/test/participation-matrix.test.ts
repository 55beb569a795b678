import { randomUUID } from 'node:crypto';
import {
  accessFor,
  CASE_SECTIONS,
  COURSE,
  mayRead,
  sectionOf,
  type CaseDetail,
  type CaseSection,
  type Role,
} from '@homeward/core';
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
  type TestUser,
} from './support/test-server';

/**
 * Participation role × section × endpoint (decision 0010): for each section, a receiver given only that section
 * by a referral is asked every endpoint that returns the case, by each of its roles. Nothing of a section not
 * shared may come back: no event, no file, no part of the case's state, and the child's name only with identity.
 * Then the service is done, and the receiver reads only what it wrote.
 */
const NAME = 'Particichild';
const ROLES_ASKED: Role[] = ['caseworker', 'supervisor', 'me_officer', 'caregiver', 'org_admin'];
/** Roles whose scope reaches a participation given to the receiving caseworker. */
const REACHES: Role[] = ['caseworker', 'supervisor', 'me_officer', 'org_admin'];
const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

interface Receiver {
  section: CaseSection;
  org: TestOrganisation;
  users: Record<string, TestUser>;
  referralId: string;
  ownEventId?: string;
}

describeOnEachEngine('participation matrix: role × section × endpoint', (engine) => {
  let server: TestServer;
  let lead: TestOrganisation;
  let worker: TestUser;
  let child: CaseDetail;
  const receivers: Receiver[] = [];

  const get = (user: TestUser, path: string) =>
    fetch(server.url(path), { headers: { authorization: `Bearer ${user.token}` } }).then(async (response) => ({
      status: response.status,
      text: await response.text(),
    }));
  const post = (user: TestUser, path: string, body: unknown) => api(server, 'POST', path, { token: user.token, body });

  beforeAll(async () => {
    server = await startTestServer(engine);
    lead = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Lead NGO' });
    worker = await lead.addUser(['caseworker']);
    child = (await post(worker, '/cases', aNewCase({ givenNameLatin: NAME, alias: 'Girl P' }))).body as CaseDetail;
    const events: [string, unknown][] = [
      ['consent', { scope: 'sharing', action: 'given', givenBy: 'child_and_guardian' }],
      ['note', { text: 'Lead note on the family.' }],
      ['placement', { careType: 'kinship' }],
      ['assessment_risk', { riskLevel: 'medium' }],
      ['service', { kind: 'counselling', provider: 'in_house' }],
      ['approval_request', { subject: 'closure' }],
    ];
    for (const [type, payload] of events) {
      const response = await post(worker, `/cases/${child.id}/events`, { type, occurredOn: TODAY, payload });
      expect([type, response.status]).toEqual([type, 201]);
    }
    const form = new FormData();
    form.append('kind', 'document');
    form.append('title', 'Birth certificate');
    form.append('file', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'birth.pdf');
    const upload = await fetch(server.url(`/cases/${child.id}/attachments`), {
      method: 'POST',
      headers: { authorization: `Bearer ${worker.token}` },
      body: form,
    });
    expect(upload.status).toBe(201);

    for (const section of CASE_SECTIONS) {
      const org = await createTestOrganisation(server, { withUser: ['org_admin'], name: `Receiver ${section}` });
      const users: Record<string, TestUser> = { org_admin: org.user };
      for (const role of ROLES_ASKED) if (!users[role]) users[role] = await org.addUser([role], { team: 'R' });
      const referralId = randomUUID();
      const sent = await post(worker, `/cases/${child.id}/referrals`, {
        id: referralId,
        receiverOrganisationId: org.id,
        services: ['counselling'],
        sections: [section],
        consent: { kind: 'on_file' },
      });
      expect(sent.status).toBe(201);
      const accepted = await post(users.caseworker!, `/referrals/${referralId}/accept`, { mode: 'participate' });
      expect(accepted.status).toBe(200);
      const receiver: Receiver = { section, org, users, referralId };
      // A receiver given a writable section writes in it.
      if (section === 'services' || section === 'notes') {
        const type = section === 'services' ? 'service' : 'note';
        const payload = type === 'service' ? { kind: 'legal_aid', provider: 'in_house' } : { text: 'Receiver note.' };
        const own = await post(users.caseworker!, `/cases/${child.id}/events`, { type, occurredOn: TODAY, payload });
        expect(own.status).toBe(201);
        receiver.ownEventId = (own.body as { id: string }).id;
      }
      receivers.push(receiver);
    }
  }, 240_000);
  afterAll(() => server.close());

  /** Every leak one receiver's user finds on every endpoint; `ended` after its service was done. */
  async function leaksOf(receiver: Receiver, role: Role, ended: boolean): Promise<string[]> {
    const user = receiver.users[role]!;
    const leaks: string[] = [];
    const where = `${receiver.section} ${role}${ended ? ' (ended)' : ''}`;
    const reaches = REACHES.includes(role);
    const shared = ended ? [] : [receiver.section];
    const namesShown = shared.includes('identity') && reaches && mayRead(accessFor([role]), 'identity');
    const paths = ['', '/events', '/state', '/attachments', '/referrals', '/participants'].map(
      (path) => `/cases/${child.id}${path}`,
    );
    for (const path of [...paths, `/cases?q=${NAME}`, '/referrals/incoming']) {
      const response = await get(user, path);
      if (response.status >= 500) leaks.push(`${where} ${path}: ${response.status}`);
      if (!namesShown && response.text.includes(NAME)) leaks.push(`${where} ${path} shows the name`);
      const caseEndpoint = path.startsWith(`/cases/${child.id}`);
      // A role without the permission is refused (403) before any case is looked up: that tells nothing.
      if (caseEndpoint && !reaches && ![403, 404].includes(response.status))
        leaks.push(`${where} ${path}: ${response.status}`);
      if (!caseEndpoint || !reaches || response.status !== 200) continue;
      const body = JSON.parse(response.text) as Record<string, unknown>;
      if (path.endsWith('/events')) {
        for (const event of body.items as { type: string; organisationId: string }[]) {
          const section = sectionOf(event.type);
          const own = event.organisationId === receiver.org.id;
          const readable = own || (!ended && (section === COURSE || shared.includes(section)));
          if (!readable) leaks.push(`${where} reads a ${event.type} event`);
        }
      }
      if (path.endsWith('/attachments')) {
        const files = body.items as unknown[];
        if (!shared.includes('documents') && files.length > 0) leaks.push(`${where} lists the lead's files`);
      }
      if (path.endsWith('/state')) {
        if (!shared.includes('placements') && body.placement !== null) leaks.push(`${where} reads the placement`);
        if (!shared.includes('care_plan') && (body.approvals as unknown[]).length > 0)
          leaks.push(`${where} reads the approvals`);
      }
      if (path.endsWith('/participants')) {
        const others = (body.items as { organisationId: string; role: string }[]).filter(
          (item) => item.role !== 'lead' && item.organisationId !== receiver.org.id,
        );
        if (others.length > 0) leaks.push(`${where} sees the other receivers`);
      }
    }
    return leaks;
  }

  it('gives each receiver exactly the section shared, and the course', async () => {
    const leaks: string[] = [];
    for (const receiver of receivers)
      for (const role of ROLES_ASKED) leaks.push(...(await leaksOf(receiver, role, false)));
    expect(leaks).toEqual([]);
    // And it does read what it was given.
    for (const receiver of receivers) {
      const events = JSON.parse((await get(receiver.users.caseworker!, `/cases/${child.id}/events`)).text) as {
        items: { type: string }[];
      };
      const sections = new Set(events.items.map((event) => sectionOf(event.type)));
      expect([receiver.section, sections.has(COURSE)]).toEqual([receiver.section, true]);
      // The lead wrote in every section, so each receiver reads at least one event of its own section.
      expect([receiver.section, sections.has(receiver.section)]).toEqual([receiver.section, true]);
    }
    const documents = receivers.find((receiver) => receiver.section === 'documents')!;
    const files = JSON.parse((await get(documents.users.caseworker!, `/cases/${child.id}/attachments`)).text) as {
      items: unknown[];
    };
    expect(files.items).toHaveLength(1);
    const identity = receivers.find((receiver) => receiver.section === 'identity')!;
    expect((await get(identity.users.caseworker!, `/cases/${child.id}`)).text).toContain(NAME);
  });

  it('refuses a receiver every write outside the sections it was given', async () => {
    const attempts: [string, unknown][] = [
      ['note', { text: 'x' }],
      ['service', { kind: 'counselling', provider: 'in_house' }],
      ['placement', { careType: 'kinship' }],
      ['assessment_risk', { riskLevel: 'low' }],
      ['closure', { reason: 'stable_and_safe', summary: 'x' }],
    ];
    const wrong: string[] = [];
    for (const receiver of receivers) {
      for (const [type, payload] of attempts) {
        const response = await post(receiver.users.caseworker!, `/cases/${child.id}/events`, {
          type,
          occurredOn: TODAY,
          payload,
        });
        const allowed =
          sectionOf(type) === receiver.section && ['notes', 'services', 'assessments'].includes(receiver.section);
        if (allowed ? response.status !== 201 : response.status !== 403)
          wrong.push(`${receiver.section} ${type}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('after the service is done, each receiver reads only what it wrote', async () => {
    for (const receiver of receivers) {
      const done = await post(receiver.users.caseworker!, `/referrals/${receiver.referralId}/done`, {
        feedback: 'Done.',
      });
      expect(done.status).toBe(200);
    }
    const leaks: string[] = [];
    for (const receiver of receivers)
      for (const role of ROLES_ASKED) leaks.push(...(await leaksOf(receiver, role, true)));
    expect(leaks).toEqual([]);
    const services = receivers.find((receiver) => receiver.section === 'services')!;
    const events = JSON.parse((await get(services.users.caseworker!, `/cases/${child.id}/events`)).text) as {
      items: { id: string; organisationId: string }[];
    };
    expect(events.items.map((event) => event.id)).toContain(services.ownEventId);
    expect(events.items.every((event) => event.organisationId === services.org.id)).toBe(true);
  });
});
