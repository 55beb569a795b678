import { randomUUID } from 'node:crypto';
import type {
  CaseDetail,
  CaseEvent,
  CaseList,
  CaseParticipant,
  CaseState,
  IncomingReferrals,
  NewReferralInput,
  NotificationList,
  ServiceReferral,
} from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { remindWaitingReferrals } from '../src/referrals/referral-reminders';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  fixedClock,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * A referral for a service walked over HTTP (issue 10 point 1 and 3): NGO A refers a child to NGO B, B accepts,
 * records a service that A then reads on its timeline, and finishes with feedback; B then reads only its own
 * writing. A decline leaves the decliner with nothing of the case; a withdrawal ends the participation; sharing
 * beyond services needs consent or a supervisor's audited override; the same send at once is one referral.
 */
describeOnEachEngine('referrals for a service', (engine) => {
  let server: TestServer;
  let a: TestOrganisation;
  let b: TestOrganisation;
  let c: TestOrganisation;
  let aWorker: TestUser;
  let aSupervisor: TestUser;
  let bWorker: TestUser;
  let cWorker: TestUser;
  let child: CaseDetail;

  const call = <T>(user: TestUser, method: string, path: string, body?: unknown) =>
    api<T>(server, method, path, { token: user.token, ...(body === undefined ? {} : { body }) });
  const referral = (receiver: TestOrganisation, overrides: Partial<NewReferralInput> = {}): NewReferralInput => ({
    id: randomUUID(),
    receiverOrganisationId: receiver.id,
    services: ['counselling'],
    urgency: 'normal',
    note: 'Needs weekly counselling after return from Thailand.',
    sections: ['services', 'notes'],
    consent: { kind: 'record_now', givenBy: 'child_and_guardian', guardianName: 'Mother' },
    ...overrides,
  });
  const openCase = async (names: Parameters<typeof aNewCase>[0] = {}) =>
    (await call<CaseDetail>(aWorker, 'POST', '/cases', aNewCase(names))).body;
  const eventTypes = async (user: TestUser, caseId: string) =>
    (await call<{ items: CaseEvent[] }>(user, 'GET', `/cases/${caseId}/events`)).body.items.map((event) => event.type);

  beforeAll(async () => {
    server = await startTestServer(engine);
    a = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'NGO A Poipet', provinceCode: '01' });
    b = await createTestOrganisation(server, {
      withUser: ['org_admin'],
      name: 'NGO B Counselling',
      provinceCode: '12',
    });
    c = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'NGO C Shelter', provinceCode: '12' });
    aWorker = await a.addUser(['caseworker']);
    aSupervisor = await a.addUser(['supervisor']);
    bWorker = await b.addUser(['caseworker']);
    cWorker = await c.addUser(['caseworker']);
    child = await openCase();
    const note = await call(aWorker, 'POST', `/cases/${child.id}/events`, {
      type: 'note',
      occurredOn: TODAY,
      payload: { text: 'Mother works in Thailand; the girl lives with her grandmother.' },
    });
    expect(note.status).toBe(201);
  });
  afterAll(() => server.close());

  it('finds receivers by the services they offer and their province', async () => {
    expect((await call(b.user, 'PUT', '/settings/services', { services: ['counselling', 'legal_aid'] })).status).toBe(
      200,
    );
    expect((await call(c.user, 'PUT', '/settings/services', { services: ['basic_needs'] })).status).toBe(200);
    expect((await call(bWorker, 'PUT', '/settings/services', { services: [] })).status).toBe(403);
    const names = async (query: string) =>
      (await call<{ items: { name: string }[] }>(aWorker, 'GET', `/referrals/receivers${query}`)).body.items.map(
        (item) => item.name,
      );
    expect(await names('?service=counselling')).toEqual(['NGO B Counselling']);
    expect(await names('?province=12')).toEqual(['NGO B Counselling', 'NGO C Shelter']);
    expect(await names('?service=basic_needs&province=01')).toEqual([]);
    expect(await names('')).not.toContain('NGO A Poipet');
  });

  /** The kinds of the user's notices about one referral. */
  async function noticesOf(user: TestUser, referralId: string): Promise<string[]> {
    const list = await call<{ items: { kind: string; subjectId: string }[] }>(user, 'GET', '/notifications?limit=100');
    return list.body.items.filter((notice) => notice.subjectId === referralId).map((notice) => notice.kind);
  }

  it('walks send → accept → a service by the receiver read by the sender → done with feedback', async () => {
    const sent = await call<ServiceReferral>(aWorker, 'POST', `/cases/${child.id}/referrals`, referral(b));
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'sent', consentBasis: 'recorded_now', sentOn: TODAY });
    // The consent given now is on the case, as its own event.
    expect((await call<CaseState>(aWorker, 'GET', `/cases/${child.id}/state`)).body.consents.sharing).toBe(true);

    // Before accepting, B sees the referral in its inbox but not the child's name, and not the case.
    const inbox = (await call<IncomingReferrals>(bWorker, 'GET', '/referrals/incoming')).body;
    expect(inbox.waiting).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      id: sent.body.id,
      services: ['counselling'],
      child: { sex: 'female', name: null },
    });
    expect(inbox.items[0]!.child.age).toBe(14);
    expect((await call(bWorker, 'GET', '/referrals/incoming/count')).body).toEqual({ waiting: 1, overdue: 0 });
    expect((await call(bWorker, 'GET', `/cases/${child.id}`)).status).toBe(404);
    // B's caseworker is told a referral waits, by case number only; A's sender is not told of their own act.
    expect(await noticesOf(bWorker, sent.body.id)).toEqual(['referral.received']);
    expect(await noticesOf(aWorker, sent.body.id)).toEqual([]);

    const accepted = await call<ServiceReferral>(bWorker, 'POST', `/referrals/${sent.body.id}/accept`, {
      mode: 'participate',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', answeredOn: TODAY });
    expect((await call(bWorker, 'GET', '/referrals/incoming/count')).body).toEqual({ waiting: 0, overdue: 0 });

    // B reads the case without who the child is, the shared notes and the course, not the intake.
    const detail = await call<CaseDetail>(bWorker, 'GET', `/cases/${child.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.familyNameLatin).toBeNull();
    expect(detail.body.givenNameKm).toBeNull();
    const bSees = await eventTypes(bWorker, child.id);
    expect(bSees).toEqual(expect.arrayContaining(['note', 'consent', 'referral_sent', 'referral_accepted']));
    expect(bSees).not.toContain('intake');

    const service = await call<CaseEvent>(bWorker, 'POST', `/cases/${child.id}/events`, {
      type: 'service',
      occurredOn: TODAY,
      payload: { kind: 'counselling', provider: 'in_house', note: 'First session.' },
    });
    expect(service.status).toBe(201);
    // Placements were not shared: B may not write there.
    const placement = await call(bWorker, 'POST', `/cases/${child.id}/events`, {
      type: 'placement',
      occurredOn: TODAY,
      payload: { careType: 'kinship' },
    });
    expect(placement.status).toBe(403);

    const aTimeline = (await call<{ items: CaseEvent[] }>(aWorker, 'GET', `/cases/${child.id}/events`)).body.items;
    const seen = aTimeline.find((event) => event.id === service.body.id);
    expect(seen).toMatchObject({ type: 'service', organisationName: 'NGO B Counselling' });

    const participants = (await call<{ items: CaseParticipant[] }>(aWorker, 'GET', `/cases/${child.id}/participants`))
      .body.items;
    expect(participants.map((p) => [p.organisationName, p.role, p.sections, p.endedOn])).toEqual([
      ['NGO A Poipet', 'lead', expect.any(Array), null],
      ['NGO B Counselling', 'service_provider', ['services', 'notes'], null],
    ]);

    const done = await call<ServiceReferral>(bWorker, 'POST', `/referrals/${sent.body.id}/done`, {
      feedback: 'Six sessions; she sleeps better. No further counselling needed.',
    });
    expect(done.body).toMatchObject({ status: 'done', doneOn: TODAY });
    // The sender heard of each answer once, a retried step included.
    expect((await noticesOf(aWorker, sent.body.id)).sort()).toEqual(['referral.accepted', 'referral.done']);
    // Done twice (a retry) changes nothing.
    expect(
      (await call<ServiceReferral>(bWorker, 'POST', `/referrals/${sent.body.id}/done`, { feedback: 'x' })).body
        .feedback,
    ).toBe('Six sessions; she sleeps better. No further counselling needed.');

    // From now on B reads only what it wrote; A sees every step and the feedback.
    const after = await eventTypes(bWorker, child.id);
    expect(after.sort()).toEqual(['referral_accepted', 'referral_done', 'service']);
    expect(await eventTypes(aWorker, child.id)).toEqual(
      expect.arrayContaining(['referral_sent', 'referral_accepted', 'service', 'referral_done']),
    );
    const aList = (await call<{ items: ServiceReferral[] }>(aWorker, 'GET', `/cases/${child.id}/referrals`)).body.items;
    expect(aList[0]?.status).toBe('done');
    expect(aList[0]?.feedback).toContain('Six sessions');
    expect((await call<CaseState>(bWorker, 'GET', `/cases/${child.id}/state`)).body.placement).toBeNull();
  });

  it('a declined receiver sees nothing of the case', async () => {
    const sent = await call<ServiceReferral>(aWorker, 'POST', `/cases/${child.id}/referrals`, referral(c));
    expect(sent.status).toBe(201);
    const declined = await call<ServiceReferral>(cWorker, 'POST', `/referrals/${sent.body.id}/decline`, {
      reason: 'No place in the shelter this month.',
    });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'No place in the shelter this month.' });
    for (const path of ['', '/events', '/state', '/referrals', '/participants', '/attachments'])
      expect((await call(cWorker, 'GET', `/cases/${child.id}${path}`)).status).toBe(404);
    expect((await call<CaseList>(cWorker, 'GET', '/cases?q=Dara')).body.items).toEqual([]);
    // Its inbox keeps the answer, without the child's name.
    const inbox = (await call<IncomingReferrals>(cWorker, 'GET', '/referrals/incoming')).body;
    expect(inbox.items[0]).toMatchObject({ status: 'declined', child: { name: null } });
    // Accepting after declining is refused.
    expect((await call(cWorker, 'POST', `/referrals/${sent.body.id}/accept`, { mode: 'participate' })).status).toBe(
      409,
    );
    const aList = (await call<{ items: ServiceReferral[] }>(aWorker, 'GET', `/cases/${child.id}/referrals`)).body.items;
    expect(aList.find((item) => item.id === sent.body.id)?.declineReason).toBe('No place in the shelter this month.');
  });

  it('a withdrawal ends the receiver’s participation', async () => {
    const other = await openCase({ givenNameLatin: 'Vanna', alias: 'Boy V', sex: 'male' });
    const sent = await call<ServiceReferral>(aWorker, 'POST', `/cases/${other.id}/referrals`, referral(c));
    await call(cWorker, 'POST', `/referrals/${sent.body.id}/accept`, { mode: 'participate' });
    expect((await call(cWorker, 'GET', `/cases/${other.id}`)).status).toBe(200);
    // Another organisation cannot withdraw it, nor the receiver.
    expect((await call(cWorker, 'POST', `/referrals/${sent.body.id}/withdraw`, {})).status).toBe(404);
    const withdrawn = await call<ServiceReferral>(aWorker, 'POST', `/referrals/${sent.body.id}/withdraw`, {
      reason: 'The family moved to Battambang.',
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnOn: TODAY });
    expect(await eventTypes(cWorker, other.id)).toEqual(['referral_accepted']);
    expect(
      (
        await call(cWorker, 'POST', `/cases/${other.id}/events`, {
          type: 'note',
          occurredOn: TODAY,
          payload: { text: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('refuses sharing beyond services without consent, unless a supervisor overrides with a reason (audited)', async () => {
    const other = await openCase({ givenNameLatin: 'Sophal', alias: 'Girl S' });
    const wide = { sections: ['services', 'identity', 'assessments'] as NewReferralInput['sections'] };
    const refused = await call<{ code: string }>(aWorker, 'POST', `/cases/${other.id}/referrals`, {
      ...referral(b, wide),
      consent: { kind: 'on_file' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('sharing_consent_needed');
    const notSupervisor = await call(aWorker, 'POST', `/cases/${other.id}/referrals`, {
      ...referral(b, wide),
      consent: { kind: 'override', reason: 'Urgent medical care' },
    });
    expect(notSupervisor.status).toBe(403);
    expect((await call<{ items: unknown[] }>(aWorker, 'GET', `/cases/${other.id}/referrals`)).body.items).toEqual([]);

    // Services alone go without consent.
    const servicesOnly = await call<ServiceReferral>(aWorker, 'POST', `/cases/${other.id}/referrals`, {
      ...referral(b, { sections: ['services'] }),
      consent: { kind: 'on_file' },
    });
    expect(servicesOnly.body.consentBasis).toBeNull();

    const overridden = await call<ServiceReferral>(aSupervisor, 'POST', `/cases/${other.id}/referrals`, {
      ...referral(b, { ...wide, urgency: 'urgent' }),
      consent: { kind: 'override', reason: 'Urgent medical care; the guardian cannot be reached.' },
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body.consentBasis).toBe('override');
    expect(overridden.body.overrideReason).toContain('Urgent');
    const audit = await server.db.kysely
      .selectFrom('audit_log')
      .select(['user_id', 'detail'])
      .where('action', '=', 'referral.consent_override')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_id).toBe(aSupervisor.id);
    // Identity was shared: B's inbox shows the name of this child.
    const inbox = (await call<IncomingReferrals>(bWorker, 'GET', '/referrals/incoming')).body;
    expect(inbox.items.find((item) => item.id === overridden.body.id)?.child.name).toContain('Sophal');
    expect(inbox.items.find((item) => item.id === servicesOnly.body.id)?.child.name).toBeNull();
    // The shared identity pre-fills the receiver's own intake (point 3); without identity there is none.
    expect(inbox.items.find((item) => item.id === overridden.body.id)?.child.identity?.givenNameLatin).toBe('Sophal');
    expect(inbox.items.find((item) => item.id === servicesOnly.body.id)?.child.identity).toBeNull();
  });

  it('the same send at once is one referral', async () => {
    const other = await openCase({ givenNameLatin: 'Rith', alias: 'Boy R', sex: 'male' });
    const body = referral(c, { sections: ['services'], consent: { kind: 'on_file' } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call<ServiceReferral>(aWorker, 'POST', `/cases/${other.id}/referrals`, body)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.body.id))).toEqual(new Set([body.id]));
    const rows = await server.db.kysely.selectFrom('referral').select('id').where('case_id', '=', other.id).execute();
    expect(rows).toHaveLength(1);
    const steps = (await eventTypes(aWorker, other.id)).filter((type) => type === 'referral_sent');
    expect(steps).toHaveLength(1);
    // The same id for another request is refused, changing nothing.
    const reused = await call(aWorker, 'POST', `/cases/${other.id}/referrals`, { ...body, note: 'changed' });
    expect(reused.status).toBe(409);
    // Parallel identical accepts: one participation.
    await Promise.all(
      Array.from({ length: 4 }, () => call(cWorker, 'POST', `/referrals/${body.id}/accept`, { mode: 'participate' })),
    );
    const participations = await server.db.kysely
      .selectFrom('case_participant')
      .select('id')
      .where('case_id', '=', other.id)
      .execute();
    expect(participations).toHaveLength(1);
  });

  it('a receiver may open a case of its own, linked as the same child', async () => {
    const other = await openCase({ givenNameLatin: 'Chanthy', alias: 'Girl C' });
    const sent = await call<ServiceReferral>(
      aWorker,
      'POST',
      `/cases/${other.id}/referrals`,
      referral(b, {
        sections: ['services', 'identity'],
      }),
    );
    const ownId = randomUUID();
    const accepted = await call<ServiceReferral>(bWorker, 'POST', `/referrals/${sent.body.id}/accept`, {
      mode: 'own_case',
      newCase: aNewCase({
        id: ownId,
        givenNameLatin: 'Chanthy',
        alias: 'Girl C',
        referral: { source: 'ngo', sourceName: 'NGO A Poipet', referredOn: TODAY },
      }),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', receiverCaseId: ownId });
    const keys = await server.db.kysely
      .selectFrom('child_case')
      .select(['id', 'child_key', 'organisation_id'])
      .where('id', 'in', [ownId, other.id])
      .execute();
    expect(keys).toHaveLength(2);
    expect(keys[0]!.child_key).not.toBeNull();
    expect(keys[0]!.child_key).toBe(keys[1]!.child_key);
    expect(keys.find((row) => row.id === ownId)?.organisation_id).toBe(b.id);
    // B leads its own case; it has no participation in A's.
    expect((await call(bWorker, 'GET', `/cases/${ownId}`)).status).toBe(200);
  });

  it('the receiving supervisor gives the case it opens to one of its caseworkers; a caseworker cannot', async () => {
    const bSupervisor = await b.addUser(['supervisor']);
    const other = await openCase({ givenNameLatin: 'Malis', alias: 'Girl M' });
    const sent = await call<ServiceReferral>(aWorker, 'POST', `/cases/${other.id}/referrals`, referral(b));
    const newCase = (id: string) =>
      aNewCase({
        id,
        givenNameLatin: 'Malis',
        referral: { source: 'ngo', sourceName: 'NGO A Poipet', referredOn: TODAY },
      });
    const refused = await call(bWorker, 'POST', `/referrals/${sent.body.id}/accept`, {
      mode: 'own_case',
      newCase: newCase(randomUUID()),
      workerId: bSupervisor.id,
    });
    expect(refused.status).toBe(403);
    const ownId = randomUUID();
    const accepted = await call<ServiceReferral>(bSupervisor, 'POST', `/referrals/${sent.body.id}/accept`, {
      mode: 'own_case',
      newCase: newCase(ownId),
      workerId: bWorker.id,
    });
    expect(accepted.body).toMatchObject({ status: 'accepted', receiverCaseId: ownId });
    const opened = await server.db.kysely
      .selectFrom('child_case')
      .select(['assigned_worker_id'])
      .where('organisation_id', '=', b.id)
      .where('given_name_latin', '=', 'Malis')
      .execute();
    // The refused request opened nothing; the accepted one's case is the chosen worker's.
    expect(opened).toEqual([{ assigned_worker_id: bWorker.id }]);
    expect((await call(bWorker, 'GET', `/cases/${ownId}`)).status).toBe(200);
  });

  it('a receiver that already knows the child links its own case instead of opening another', async () => {
    const theirs = await openCase({ givenNameLatin: 'Sreyleak', alias: 'Girl L' });
    const ours = (await call<CaseDetail>(bWorker, 'POST', '/cases', aNewCase({ givenNameLatin: 'Sreyleak' }))).body;
    const sent = await call<ServiceReferral>(aWorker, 'POST', `/cases/${theirs.id}/referrals`, referral(b));
    // Only a case of the receiver's own can be linked: the sender's case is not one.
    const wrong = await call(bWorker, 'POST', `/referrals/${sent.body.id}/accept`, { mode: 'link', caseId: theirs.id });
    expect(wrong.status).toBe(404);
    const linked = await call<ServiceReferral>(bWorker, 'POST', `/referrals/${sent.body.id}/accept`, {
      mode: 'link',
      caseId: ours.id,
    });
    expect(linked.body).toMatchObject({ status: 'accepted', receiverCaseId: ours.id });
    const keys = await server.db.kysely
      .selectFrom('child_case')
      .select('child_key')
      .where('id', 'in', [theirs.id, ours.id])
      .execute();
    expect(new Set(keys.map((row) => row.child_key)).size).toBe(1);
    expect(keys[0]!.child_key).not.toBeNull();
  });

  it('shows a referral waiting too long as overdue, urgent ones sooner', async () => {
    const other = await openCase({ givenNameLatin: 'Dina', alias: 'Girl D' });
    const urgent = referral(c, { sections: ['services'], consent: { kind: 'on_file' }, urgency: 'urgent' });
    await call(aWorker, 'POST', `/cases/${other.id}/referrals`, urgent);
    await server.db.kysely.updateTable('referral').set({ sent_on: '2026-11-21' }).where('id', '=', urgent.id).execute();
    const list = (await call<{ items: ServiceReferral[] }>(aWorker, 'GET', `/cases/${other.id}/referrals`)).body.items;
    expect(list[0]!.overdue).toBe(true);
    expect((await call<{ overdue: number }>(cWorker, 'GET', '/referrals/incoming/count')).body.overdue).toBe(1);
    // A normal referral two days old is not yet overdue under the default three days.
    await server.db.kysely.updateTable('referral').set({ urgency: 'normal' }).where('id', '=', urgent.id).execute();
    expect((await call<{ overdue: number }>(cWorker, 'GET', '/referrals/incoming/count')).body.overdue).toBe(0);
  });

  it('reminds the receiver and the sender once of a referral waiting too long, however many runs at once', async () => {
    const late = await openCase({ givenNameLatin: 'Bopha', alias: 'Girl B' });
    const fresh = await openCase({ givenNameLatin: 'Thida', alias: 'Girl T' });
    const lateReferral = referral(c, { sections: ['services'], consent: { kind: 'on_file' }, urgency: 'urgent' });
    const freshReferral = referral(c, { sections: ['services'], consent: { kind: 'on_file' } });
    await call(aWorker, 'POST', `/cases/${late.id}/referrals`, lateReferral);
    await call(aWorker, 'POST', `/cases/${fresh.id}/referrals`, freshReferral);
    // Sent two days before TODAY: past the urgent limit (1 day); the fresh one, sent today, is not.
    await server.db.kysely
      .updateTable('referral')
      .set({ sent_on: '2026-11-21' })
      .where('id', '=', lateReferral.id)
      .execute();
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => remindWaitingReferrals(server.db.kysely, fixedClock)),
    );
    const reminders = async (user: TestUser) =>
      (await call<NotificationList>(user, 'GET', '/notifications?limit=50')).body.items.filter(
        (item) => item.kind === 'referral.waiting',
      );
    for (const user of [cWorker, c.user, aWorker]) {
      const told = await reminders(user);
      expect(told.map((item) => item.subjectId)).toEqual([lateReferral.id]);
      expect(told[0]!.caseNumber).toBe(late.caseNumber);
    }
    // Three runs at once told the two in C and the sender once each; a later run tells nobody again.
    expect(runs.reduce((sum, told) => sum + told, 0)).toBe(3);
    expect(await remindWaitingReferrals(server.db.kysely, fixedClock)).toBe(0);
    // The sender's colleague who did not send it is not reminded.
    expect(await reminders(aSupervisor)).toEqual([]);
  });

  it('checks consent for the receiver: consent given for one organisation does not cover another', async () => {
    const other = await openCase({ givenNameLatin: 'Sokunthea', alias: 'Girl K' });
    const wide = { sections: ['services', 'identity'] as NewReferralInput['sections'] };
    // Given now, with the referral to B: the consent recorded names B.
    const toB = await call<ServiceReferral>(aWorker, 'POST', `/cases/${other.id}/referrals`, referral(b, wide));
    expect(toB.body.consentBasis).toBe('recorded_now');
    const consents = await server.db.kysely
      .selectFrom('case_event')
      .select('payload')
      .where('case_id', '=', other.id)
      .where('type', '=', 'consent')
      .execute();
    expect(consents.map((row) => (row.payload as { sharedWith?: unknown }).sharedWith)).toEqual([[b.id]]);
    const onFile = { ...referral(c, wide), consent: { kind: 'on_file' } };
    const refused = await call<{ code: string }>(aWorker, 'POST', `/cases/${other.id}/referrals`, onFile);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('sharing_consent_needed');
    // Consent to share with any partner, recorded on the case, covers C too.
    const anyPartner = await call(aWorker, 'POST', `/cases/${other.id}/events`, {
      type: 'consent',
      occurredOn: TODAY,
      payload: { scope: 'sharing', action: 'given', givenBy: 'guardian', guardianName: 'Aunt', sharedWith: 'any' },
    });
    expect(anyPartner.status).toBe(201);
    const toC = await call<ServiceReferral>(aWorker, 'POST', `/cases/${other.id}/referrals`, onFile);
    expect(toC.status).toBe(201);
    expect(toC.body.consentBasis).toBe('given');
  });
});
