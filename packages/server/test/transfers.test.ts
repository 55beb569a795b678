import type {
  CaseDetail,
  CaseEvent,
  CaseList,
  CaseState,
  CaseTransfers,
  Facility,
  IncomingTransfer,
  Transfer,
} from '@homeward/core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Transfers (issue 10 point 2): the lead of a case moves from one organisation to another. Walks an offer and
 * its acceptance (the lead, the numbers, the history with its writers, what the sender still reads and may no
 * longer write), a decline, a withdrawal, identical requests at once, a second open offer and an offer by an
 * organisation that does not lead the case.
 */
describeOnEachEngine('transfers', (engine) => {
  let server: TestServer;
  let sender: TestOrganisation;
  let receiver: TestOrganisation;
  let senderSupervisor: TestUser;
  let senderWorker: TestUser;
  let receiverSupervisor: TestUser;
  let receiverWorker: TestUser;

  const call = <T>(user: TestUser, method: string, path: string, body?: unknown) =>
    api<T>(server, method, path, { token: user.token, ...(body !== undefined ? { body } : {}) });
  const offer = (user: TestUser, caseId: string, fields: Record<string, unknown> = {}) =>
    call<Transfer>(user, 'POST', `/cases/${caseId}/transfers`, {
      id: randomUUID(),
      toOrganisationId: receiver.id,
      transferReason: 'child_moved',
      note: 'The family moved to Siem Reap.',
      ...fields,
    });
  const event = (user: TestUser, caseId: string, type: string, payload: unknown) =>
    call<CaseEvent>(user, 'POST', `/cases/${caseId}/events`, { type, occurredOn: TODAY, payload });
  const events = async (user: TestUser, caseId: string) =>
    (await call<{ items: CaseEvent[] }>(user, 'GET', `/cases/${caseId}/events`)).body.items;

  async function openCase(name: string) {
    const opened = await call<CaseDetail>(
      senderWorker,
      'POST',
      '/cases',
      aNewCase({ givenNameLatin: name, alias: `Girl ${name.slice(0, 1)}` }),
    );
    expect(opened.status).toBe(201);
    const note = await event(senderWorker, opened.body.id, 'note', { text: `Sender note about ${name}` });
    expect(note.status).toBe(201);
    return opened.body;
  }

  beforeAll(async () => {
    server = await startTestServer(engine);
    sender = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Sender Shelter' });
    receiver = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Receiver NGO' });
    senderSupervisor = await sender.addUser(['supervisor']);
    senderWorker = await sender.addUser(['caseworker'], { team: 'A' });
    receiverSupervisor = await receiver.addUser(['supervisor']);
    receiverWorker = await receiver.addUser(['caseworker'], { team: 'B' });
  });
  afterAll(() => server.close());

  it('hands the lead over on acceptance: numbers, whole history, the sender reads only its own writing', async () => {
    const child = await openCase('Transferchild');
    // Only the lead's users with the permission offer.
    expect((await offer(senderWorker, child.id)).status).toBe(403);
    expect((await offer(receiverSupervisor, child.id)).status).toBe(404);
    // More than services needs the child's consent to share.
    const withoutConsent = await offer(senderSupervisor, child.id, { sectionsKept: ['notes'] });
    expect([withoutConsent.status, (withoutConsent.body as unknown as { code: string }).code]).toEqual([
      400,
      'consent_needed',
    ]);

    const id = randomUUID();
    const offered = await offer(senderSupervisor, child.id, { id });
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ status: 'offered', senderCaseNumber: child.caseNumber });
    // A second offer while one is open is refused.
    const second = await offer(senderSupervisor, child.id);
    expect(second.status).toBe(409);

    // The receiver sees the offer, not who the child is, and cannot open the case yet.
    const count = await call<{ count: number }>(receiverSupervisor, 'GET', '/transfers/incoming/count');
    expect(count.body.count).toBe(1);
    const incoming = await call<{ items: IncomingTransfer[] }>(receiverSupervisor, 'GET', '/transfers/incoming');
    expect(incoming.body.items.map((item) => [item.id, item.alias])).toEqual([[id, 'Girl T']]);
    for (const name of ['Transferchild', 'Sok', 'ដារា', '2012-03-14'])
      expect(JSON.stringify(incoming.body)).not.toContain(name);
    expect((await call(receiverSupervisor, 'GET', `/cases/${child.id}`)).status).toBe(404);

    // A caseworker of the sender cannot be chosen; the receiver's own worker can.
    const wrongWorker = await call(receiverSupervisor, 'POST', `/transfers/${id}/accept`, {
      workerId: senderWorker.id,
    });
    expect(wrongWorker.status).toBe(400);
    const accepted = await call<Transfer>(receiverSupervisor, 'POST', `/transfers/${id}/accept`, {
      workerId: receiverWorker.id,
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.receiverCaseNumber).not.toBe(child.caseNumber);

    // The receiver leads: its number, its worker, the whole history with the sender named as writer.
    const led = await call<CaseDetail>(receiverWorker, 'GET', `/cases/${child.id}`);
    expect(led.status).toBe(200);
    expect(led.body.caseNumber).toBe(accepted.body.receiverCaseNumber);
    expect(led.body.givenNameLatin).toBe('Transferchild');
    expect(led.body.assignedWorkerName).not.toBeNull();
    const history = await events(receiverWorker, child.id);
    expect(history.map((row) => [row.type, row.organisationName])).toEqual([
      ['intake', 'Sender Shelter'],
      ['note', 'Sender Shelter'],
      ['transfer_offered', 'Sender Shelter'],
      ['transfer_accepted', 'Receiver NGO'],
    ]);
    expect(history[1]?.authorName).toBe('Worker ' + senderWorker.email.match(/user(\d+)/)?.[1]);
    const transfers = await call<CaseTransfers>(receiverWorker, 'GET', `/cases/${child.id}/transfers`);
    expect(transfers.body.references).toEqual([
      expect.objectContaining({ organisationName: 'Sender Shelter', caseNumber: child.caseNumber, untilOn: TODAY }),
    ]);
    expect((await event(receiverWorker, child.id, 'note', { text: 'Receiver note after the transfer' })).status).toBe(
      201,
    );

    // The sender: only what it wrote and the transfer's steps; the child unnamed; no writing.
    for (const user of [senderSupervisor, senderWorker]) {
      const read = await call<CaseDetail>(user, 'GET', `/cases/${child.id}`);
      expect(read.status).toBe(200);
      expect(read.body.givenNameLatin).toBeNull();
      const own = await events(user, child.id);
      expect(own.map((row) => row.type)).toEqual(['intake', 'note', 'transfer_offered', 'transfer_accepted']);
      expect(JSON.stringify(own)).not.toContain('Receiver note');
      const write = await event(user, child.id, 'note', { text: 'Still ours?' });
      expect([403, 404]).toContain(write.status);
      const correct = await call(user, 'PATCH', `/cases/${child.id}`, {
        changes: { riskLevel: 'high' },
        baseVersions: { riskLevel: 0 },
      });
      expect([403, 404]).toContain(correct.status);
      // The old number still finds the case for the former lead.
      const search = await call<CaseList>(user, 'GET', `/cases?q=${encodeURIComponent(child.caseNumber)}`);
      expect(search.body.items.map((item) => [item.id, item.givenNameLatin])).toEqual([[child.id, null]]);
    }
    const asSender = await call<CaseTransfers>(senderSupervisor, 'GET', `/cases/${child.id}/transfers`);
    expect([asSender.body.lead, asSender.body.formerLead]).toEqual([false, true]);
    expect([transfers.body.lead, transfers.body.formerLead]).toEqual([true, false]);
    expect((await offer(senderSupervisor, child.id)).status).toBe(404);
    expect((await call<{ count: number }>(receiverSupervisor, 'GET', '/transfers/incoming/count')).body.count).toBe(0);
  });

  it('lets the sender keep the sections the child’s consent allows', async () => {
    const child = await openCase('Keptchild');
    // A consent to share with another organisation only does not cover this receiver.
    const elsewhere = await event(senderWorker, child.id, 'consent', {
      scope: 'sharing',
      action: 'given',
      givenBy: 'guardian',
      sharedWith: [sender.id],
    });
    expect(elsewhere.status).toBe(201);
    expect((await offer(senderSupervisor, child.id, { sectionsKept: ['notes'] })).status).toBe(400);
    const consent = await event(senderWorker, child.id, 'consent', {
      scope: 'sharing',
      action: 'given',
      givenBy: 'guardian',
      sharedWith: [receiver.id],
    });
    expect(consent.status).toBe(201);
    const offered = await offer(senderSupervisor, child.id, { sectionsKept: ['notes'] });
    expect(offered.status).toBe(201);
    const accepted = await call<Transfer>(receiver.user, 'POST', `/transfers/${offered.body.id}/accept`, {
      workerId: receiverSupervisor.id,
    });
    expect(accepted.status).toBe(201);
    expect(
      (await event(receiverSupervisor, child.id, 'note', { text: 'Receiver note the sender keeps reading' })).status,
    ).toBe(201);
    expect(
      (
        await event(receiverSupervisor, child.id, 'service', {
          kind: 'counselling',
          provider: 'in_house',
        })
      ).status,
    ).toBe(201);
    const seen = await events(senderSupervisor, child.id);
    expect(seen.map((row) => [row.type, row.organisationName])).toEqual([
      ['intake', 'Sender Shelter'],
      ['note', 'Sender Shelter'],
      ['consent', 'Sender Shelter'],
      ['consent', 'Sender Shelter'],
      ['transfer_offered', 'Sender Shelter'],
      ['transfer_accepted', 'Receiver NGO'],
      ['note', 'Receiver NGO'],
    ]);
    expect((await event(senderSupervisor, child.id, 'note', { text: 'A note from afar' })).status).toBe(403);
  });

  it('records a decline with its reason, and the sender may offer again', async () => {
    const child = await openCase('Declinedchild');
    const offered = await offer(senderSupervisor, child.id);
    const declined = await call<Transfer>(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/decline`, {
      declineReason: 'no_capacity',
      note: 'Our shelter is full until March.',
    });
    expect(declined.status).toBe(201);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'no_capacity' });
    // The same decline again is a retry; accepting after it is refused.
    const again = await call(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/decline`, {
      declineReason: 'no_capacity',
      note: 'Our shelter is full until March.',
    });
    expect(again.status).toBe(200);
    const late = await call(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/accept`, {
      workerId: receiverWorker.id,
    });
    expect(late.status).toBe(409);
    expect((await call(receiverSupervisor, 'GET', `/cases/${child.id}`)).status).toBe(404);
    const mine = await call<CaseTransfers>(senderSupervisor, 'GET', `/cases/${child.id}/transfers`);
    expect(mine.body.items.map((item) => [item.status, item.declineNote])).toEqual([
      ['declined', 'Our shelter is full until March.'],
    ]);
    const timeline = await events(senderSupervisor, child.id);
    expect(timeline.map((row) => [row.type, row.organisationName]).slice(-2)).toEqual([
      ['transfer_offered', 'Sender Shelter'],
      ['transfer_declined', 'Receiver NGO'],
    ]);
    expect((await offer(senderSupervisor, child.id)).status).toBe(201);
  });

  it('lets the sender withdraw an open offer, and the receiver can no longer accept it', async () => {
    const child = await openCase('Withdrawnchild');
    const offered = await offer(senderSupervisor, child.id);
    // Only the sender withdraws; to anyone else the transfer does not exist.
    expect((await call(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/withdraw`)).status).toBe(404);
    const withdrawn = await call<Transfer>(senderSupervisor, 'POST', `/transfers/${offered.body.id}/withdraw`);
    expect([withdrawn.status, withdrawn.body.status]).toEqual([201, 'withdrawn']);
    const late = await call(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/accept`, {
      workerId: receiverWorker.id,
    });
    expect(late.status).toBe(409);
    const incoming = await call<{ items: IncomingTransfer[] }>(receiverSupervisor, 'GET', '/transfers/incoming');
    expect(incoming.body.items.map((item) => item.caseId)).not.toContain(child.id);
    const timeline = await events(senderSupervisor, child.id);
    expect(timeline.map((row) => row.type).slice(-2)).toEqual(['transfer_offered', 'transfer_withdrawn']);
  });

  it('answers identical offers and acceptances sent at once with one change and retries', async () => {
    const child = await openCase('Racechild');
    const body = { id: randomUUID(), toOrganisationId: receiver.id, transferReason: 'capacity' };
    const offers = await Promise.all(
      Array.from({ length: 8 }, () => call<Transfer>(senderSupervisor, 'POST', `/cases/${child.id}/transfers`, body)),
    );
    expect(offers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const accepts = await Promise.all(
      Array.from({ length: 8 }, () =>
        call<Transfer>(receiverSupervisor, 'POST', `/transfers/${body.id}/accept`, { workerId: receiverWorker.id }),
      ),
    );
    expect(accepts.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(accepts.map((answer) => answer.body.receiverCaseNumber)).size).toBe(1);
    const timeline = await events(receiverWorker, child.id);
    expect(timeline.filter((row) => row.type.startsWith('transfer_')).map((row) => row.type)).toEqual([
      'transfer_offered',
      'transfer_accepted',
    ]);
    const references = await call<CaseTransfers>(receiverWorker, 'GET', `/cases/${child.id}/transfers`);
    expect(references.body.references).toHaveLength(1);
    // A different decision after the acceptance is refused, not taken as a retry.
    const other = await call(receiverSupervisor, 'POST', `/transfers/${body.id}/accept`, {
      workerId: receiverSupervisor.id,
    });
    expect(other.status).toBe(409);
  });

  it('moves a child living in the sender’s shelter to the place the receiver chooses, once', async () => {
    const facility = (user: TestUser, name: string, capacity: number) =>
      call<Facility>(user, 'POST', '/facilities', { name, careType: 'shelter', capacity });
    const occupancy = async (user: TestUser, id: string) =>
      (await call<{ items: Facility[] }>(user, 'GET', '/facilities')).body.items.find((item) => item.id === id)
        ?.occupancy;
    const senderShelter = (await facility(sender.user, 'Sender shelter', 20)).body;
    const receiverHome = (await facility(receiver.user, 'Receiver group home', 1)).body;
    const child = await openCase('Shelterchild');
    expect(
      (await event(senderWorker, child.id, 'placement', { careType: 'shelter', facilityId: senderShelter.id })).status,
    ).toBe(201);
    expect(await occupancy(sender.user, senderShelter.id)).toBe(1);
    const offered = await offer(senderSupervisor, child.id);
    const incoming = await call<{ items: IncomingTransfer[] }>(receiverSupervisor, 'GET', '/transfers/incoming');
    expect(incoming.body.items.find((item) => item.id === offered.body.id)?.livesInFacility).toBe(true);

    const accept = (placement?: unknown) =>
      call<Transfer>(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/accept`, {
        workerId: receiverWorker.id,
        ...(placement === undefined ? {} : { placement }),
      });
    const refused = async (placement: unknown) => {
      const answer = await accept(placement);
      return [answer.status, (answer.body as unknown as { code: string }).code];
    };
    // Where the child lives must be said, in the receiver's own place, with the reason when it is full.
    expect(await refused(undefined)).toEqual([400, 'placement_needed']);
    expect(await refused({ facilityId: senderShelter.id })).toEqual([400, 'no_facility']);
    expect(await refused({ careType: 'kinship', facilityId: receiverHome.id })).toEqual([400, 'validation']);
    const filler = await call<CaseDetail>(receiver.user, 'POST', '/cases', aNewCase({ givenNameLatin: 'Filler' }));
    expect(
      (await event(receiver.user, filler.body.id, 'placement', { careType: 'shelter', facilityId: receiverHome.id }))
        .status,
    ).toBe(201);
    expect(await refused({ facilityId: receiverHome.id })).toEqual([400, 'facility_full']);
    expect(await occupancy(sender.user, senderShelter.id)).toBe(1);
    expect((await call(receiverSupervisor, 'GET', `/cases/${child.id}`)).status).toBe(404);

    const place = { facilityId: receiverHome.id, overCapacityReason: 'Her sister lives there.' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => accept(place)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await occupancy(sender.user, senderShelter.id)).toBe(0);
    expect(await occupancy(receiver.user, receiverHome.id)).toBe(2);
    const placements = (await events(receiverWorker, child.id)).filter((row) => row.type === 'placement');
    expect(placements.map((row) => [row.organisationName, row.payload])).toEqual([
      ['Sender Shelter', { careType: 'shelter', facilityId: senderShelter.id }],
      [
        'Receiver NGO',
        { careType: 'shelter', facilityId: receiverHome.id, overCapacityReason: 'Her sister lives there.' },
      ],
    ]);
    const now = await call<CaseState>(receiverWorker, 'GET', `/cases/${child.id}/state`);
    expect(now.body.placement).toMatchObject({ facilityId: receiverHome.id, facilityName: 'Receiver group home' });
  });

  it('asks nothing of where a child lives who is not in a facility', async () => {
    const child = await openCase('Familychild');
    const offered = await offer(senderSupervisor, child.id);
    const incoming = await call<{ items: IncomingTransfer[] }>(receiverSupervisor, 'GET', '/transfers/incoming');
    expect(incoming.body.items.find((item) => item.id === offered.body.id)?.livesInFacility).toBe(false);
    const placed = await call(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/accept`, {
      workerId: receiverWorker.id,
      placement: { careType: 'kinship' },
    });
    expect([placed.status, (placed.body as { code: string }).code]).toEqual([400, 'no_placement_needed']);
    const accepted = await call(receiverSupervisor, 'POST', `/transfers/${offered.body.id}/accept`, {
      workerId: receiverWorker.id,
    });
    expect(accepted.status).toBe(201);
    expect((await events(receiverWorker, child.id)).map((row) => row.type)).not.toContain('placement');
  });

  describe('reports', () => {
    /**
     * By hand: a girl referred to the sender on 10 Aug 2026 and placed in its shelter that day, transferred on
     * 23 Nov 2026 (the test clock). Third quarter: the sender counts 1 referral and 1 child in its shelter
     * (Aug, Sep); the receiver 0 and 0. Fourth quarter: the sender 0 referrals and the child in care in October
     * and November (until the transfer); the receiver 1 referral (November, the transfer) and the child in care
     * in November and December, in the shelter it placed the child in on accepting (not in the sender's).
     */
    it('counts the case for the sender before the transfer and the receiver after it', async () => {
      const a = await createTestOrganisation(server, { withUser: ['org_admin'] });
      const b = await createTestOrganisation(server, { withUser: ['org_admin'] });
      const facility = await call<{ id: string }>(a.user, 'POST', '/facilities', {
        name: 'Shelter A',
        careType: 'shelter',
        capacity: 10,
      });
      const opened = await call<CaseDetail>(
        a.user,
        'POST',
        '/cases',
        aNewCase({ referral: { source: 'police', sourceName: 'Police', referredOn: '2026-08-10' } }),
      );
      const placed = await call(a.user, 'POST', `/cases/${opened.body.id}/events`, {
        type: 'placement',
        occurredOn: '2026-08-10',
        payload: { careType: 'shelter', facilityId: facility.body.id },
      });
      expect(placed.status).toBe(201);
      const offered = await call<Transfer>(a.user, 'POST', `/cases/${opened.body.id}/transfers`, {
        id: randomUUID(),
        toOrganisationId: b.id,
        transferReason: 'better_services',
      });
      expect([offered.status, offered.body]).toEqual([201, expect.anything()]);
      const worker = await b.addUser(['supervisor']);
      const shelterB = await call<{ id: string }>(b.user, 'POST', '/facilities', {
        name: 'Shelter B',
        careType: 'shelter',
        capacity: 10,
      });
      const accepted = await call(b.user, 'POST', `/transfers/${offered.body.id}/accept`, {
        workerId: worker.id,
        placement: { facilityId: shelterB.body.id },
      });
      expect(accepted.status).toBe(201);

      type Table = { id: string; grandTotal: number; rows: { key: string }[]; rowTotals: number[] };
      const run = async (user: TestUser, period: string) => {
        const report = await call<{ tables: Table[] }>(user, 'GET', `/reports/shelter-quarterly?${period}`);
        expect(report.status).toBe(200);
        const find = (id: string) => report.body.tables.find((t) => t.id === id)!;
        const byMonth = (t: Table): Record<string, number> =>
          Object.fromEntries(
            t.rows.flatMap((row, i): [string, number][] => (t.rowTotals[i] ? [[row.key, t.rowTotals[i]]] : [])),
          );
        return {
          referrals: find('referrals-by-case-type').grandTotal,
          residents: byMonth(find('residents-by-age-and-sex')),
        };
      };
      const Q3 = 'from=2026-07-01&to=2026-09-30';
      const Q4 = 'from=2026-10-01&to=2026-12-31';
      expect(await run(a.user, Q3)).toEqual({ referrals: 1, residents: { '2026-08': 1, '2026-09': 1 } });
      expect(await run(b.user, Q3)).toEqual({ referrals: 0, residents: {} });
      expect(await run(a.user, Q4)).toEqual({ referrals: 0, residents: { '2026-10': 1, '2026-11': 1 } });
      expect(await run(b.user, Q4)).toEqual({ referrals: 1, residents: { '2026-11': 1, '2026-12': 1 } });
    });
  });
});
