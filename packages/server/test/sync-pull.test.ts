import { randomUUID } from 'node:crypto';
import { DEFAULT_CASE_SETTINGS, type CaseDetail, type CaseEvent, type PullResponse } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { marksAfter, pullAs, registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

describeOnEachEngine('offline sync: pull', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let teammate: TestUser;
  let outsider: TestUser;
  let supervisor: TestUser;

  const post = async <T>(user: TestUser, path: string, body: unknown) => {
    const answer = await api<T>(server, 'POST', path, { token: user.token, body });
    expect([answer.status, answer.body]).toEqual([201, answer.body]);
    return answer.body;
  };
  const open = (user: TestUser, name: string) => post<CaseDetail>(user, '/cases', aNewCase({ givenNameLatin: name }));
  const note = (user: TestUser, caseId: string, text: string) =>
    post<CaseEvent>(user, `/cases/${caseId}/events`, {
      type: 'note',
      occurredOn: TODAY,
      payload: { text, confidential: false },
    });
  const assign = async (caseId: string, workerId: string) => {
    const answer = await api(server, 'PUT', `/cases/${caseId}/assignment`, {
      token: ngo.user.token,
      body: { workerId },
    });
    expect(answer.status).toBe(200);
  };
  /** The case and its timeline as the online API shows them to this user. */
  const online = async (user: TestUser, caseId: string) => ({
    detail: (await api<CaseDetail>(server, 'GET', `/cases/${caseId}`, { token: user.token })).body,
    events: (await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${caseId}/events`, { token: user.token })).body
      .items,
  });
  const offline = (pull: PullResponse, caseId: string) => ({
    detail: pull.cases.find((item) => item.id === caseId),
    events: pull.events.filter((event) => event.caseId === caseId).map(({ seq: _seq, ...event }) => event),
  });

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    teammate = await ngo.addUser(['caseworker'], { team: 'North' });
    outsider = await ngo.addUser(['caseworker'], { team: 'South' });
    supervisor = await ngo.addUser(['supervisor']);
  });
  afterAll(() => server.close());

  it('backfills the assigned caseload as the case page shows it, then sends only what changed', async () => {
    const device = await registerDevice(server, worker);
    const mine = [await open(worker, 'Backfillone'), await open(worker, 'Backfilltwo')];
    const notMine = await open(ngo.user, 'Notassigned');
    await note(worker, mine[0]!.id, 'First visit went well.');

    const first = await pullAs(server, worker, device);
    expect(first.status).toBe(200);
    expect(first.body.cases.map((item) => item.id).sort()).toEqual(mine.map((item) => item.id).sort());
    expect(first.body.cases.map((item) => item.id)).not.toContain(notMine.id);
    for (const child of mine) expect(offline(first.body, child.id)).toEqual(await online(worker, child.id));
    expect(first.body.tombstones).toEqual([]);
    expect(first.body.settings).toEqual({ wipeAfterDays: 30, lockAfterMinutes: 15 });
    const audit = await server.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'sync.pull')
      .where('user_id', '=', worker.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.detail.caseIds as string[]).sort()).toEqual(mine.map((item) => item.id).sort());

    const marks = marksAfter(first.body);
    const unchanged = await pullAs(server, worker, device, marks);
    expect([unchanged.body.cases, unchanged.body.events, unchanged.body.tombstones]).toEqual([[], [], []]);

    const later = await note(worker, mine[1]!.id, 'Second visit.');
    const next = await pullAs(server, worker, device, marks);
    expect(next.body.events.map((event) => event.id)).toEqual([later.id]);
    expect(next.body.cases.map((item) => item.id)).toEqual([mine[1]!.id]);
    expect(next.body.events[0]!.seq).toBeGreaterThan(marks.find((mark) => mark.caseId === mine[1]!.id)!.seq);
  });

  it('sends the organisation’s case settings, as the case page projects under them', async () => {
    const own = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const fieldWorker = await own.addUser(['caseworker']);
    const device = await registerDevice(server, fieldWorker);
    await open(fieldWorker, 'Settingsone');
    const first = (await pullAs(server, fieldWorker, device)).body.caseSettings ?? {};
    expect(Object.keys(first)).toEqual([own.id]);
    expect(first[own.id]?.followUpRule).toEqual(DEFAULT_CASE_SETTINGS.followUpRule);
    const rule = { approvalGates: ['reintegration'], followUpRule: [{ everyMonths: 2, untilMonth: 24 }] };
    const saved = await api(server, 'PUT', '/settings/cases', { token: own.user.token, body: rule });
    expect(saved.status).toBe(200);
    const after = (await pullAs(server, fieldWorker, device)).body.caseSettings?.[own.id];
    expect(after).toMatchObject(rule);
    expect(after).toEqual((await api(server, 'GET', '/settings/cases', { token: own.user.token })).body);
  });

  it('sends a caregiver a marked case without the tiers she may not read, as the case page does', async () => {
    const facility = await post<{ id: string }>(ngo.user, '/facilities', {
      name: 'Shelter',
      careType: 'shelter',
      capacity: 10,
    });
    const caregiver = await ngo.addUser(['caregiver'], { facilityId: facility.id });
    const child = await open(worker, 'Placedchild');
    await post(worker, `/cases/${child.id}/events`, {
      type: 'placement',
      occurredOn: TODAY,
      payload: { careType: 'shelter', facilityId: facility.id },
    });
    await note(worker, child.id, 'What happened to the child: narrative the caregiver may not read.');
    const marked = await api(server, 'PUT', '/offline-marks', {
      token: caregiver.token,
      body: { caseId: child.id, offline: true },
    });
    expect(marked.body).toEqual({ caseIds: [child.id] });
    const device = await registerDevice(server, caregiver);
    const pulled = await pullAs(server, caregiver, device);
    expect(offline(pulled.body, child.id)).toEqual(await online(caregiver, child.id));
    expect(JSON.stringify(pulled.body)).not.toContain('narrative the caregiver may not read');
  });

  it('sends tombstones when a case is unassigned, unmarked, transferred away or deleted', async () => {
    const device = await registerDevice(server, worker);
    const toTeammate = await open(worker, 'Toteammate');
    const toOutsider = await open(worker, 'Tooutsider');
    const transferred = await open(worker, 'Transferred');
    const deleted = await open(worker, 'Deleted');
    const marksBefore = marksAfter((await pullAs(server, worker, device)).body);
    expect(marksBefore.map((mark) => mark.caseId)).toEqual(
      expect.arrayContaining([toTeammate.id, toOutsider.id, transferred.id, deleted.id]),
    );

    await assign(toTeammate.id, teammate.id);
    await assign(toOutsider.id, outsider.id);
    const receiver = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const receiverWorker = await receiver.addUser(['caseworker']);
    const offer = await post<{ id: string }>(ngo.user, `/cases/${transferred.id}/transfers`, {
      id: randomUUID(),
      toOrganisationId: receiver.id,
      transferReason: 'capacity',
    });
    await post(receiver.user, `/transfers/${offer.id}/accept`, { workerId: receiverWorker.id });
    const removal = await api(server, 'DELETE', `/cases/${deleted.id}`, {
      token: ngo.user.token,
      body: { reason: 'Entered twice by mistake', confirmCaseNumber: deleted.caseNumber },
    });
    expect(removal.status).toBe(204);

    const after = await pullAs(server, worker, device, marksBefore);
    const transferredReadable =
      (await api(server, 'GET', `/cases/${transferred.id}`, { token: worker.token })).status === 200;
    expect(new Map(after.body.tombstones.map((tombstone) => [tombstone.caseId, tombstone.reason]))).toEqual(
      new Map([
        [toTeammate.id, 'unmarked'],
        [toOutsider.id, 'access_ended'],
        [transferred.id, transferredReadable ? 'unmarked' : 'access_ended'],
        [deleted.id, 'removed'],
      ]),
    );
    const held = await server.db.kysely
      .selectFrom('device_case')
      .select('case_id')
      .where('device_id', '=', device)
      .execute();
    expect(held.map((row) => row.case_id)).not.toEqual(expect.arrayContaining([toTeammate.id]));

    const supervisorDevice = await registerDevice(server, supervisor);
    const mark = (offline: boolean) =>
      api(server, 'PUT', '/offline-marks', { token: supervisor.token, body: { caseId: toTeammate.id, offline } });
    expect((await mark(true)).status).toBe(200);
    const marked = await pullAs(server, supervisor, supervisorDevice);
    expect(marked.body.cases.map((item) => item.id)).toContain(toTeammate.id);
    expect((await mark(false)).body).toEqual({ caseIds: [] });
    const unmarked = await pullAs(server, supervisor, supervisorDevice, marksAfter(marked.body));
    expect(unmarked.body.tombstones).toEqual(expect.arrayContaining([{ caseId: toTeammate.id, reason: 'unmarked' }]));
  });

  it('refuses to mark a case the user cannot read, and a device that is not hers', async () => {
    const elsewhere = await open(outsider, 'Elsewhere');
    const refused = await api(server, 'PUT', '/offline-marks', {
      token: worker.token,
      body: { caseId: elsewhere.id, offline: true },
    });
    expect(refused.status).toBe(404);
    const theirs = await registerDevice(server, teammate);
    expect((await pullAs(server, worker, theirs)).status).toBe(404);
  });

  it('pulls a caseload of 50 cases and 5,000 events in one answer', async () => {
    const heavy = await ngo.addUser(['caseworker'], { team: 'Heavy' });
    const cases = await Promise.all(Array.from({ length: 50 }, (_, n) => open(heavy, `Heavy${n}`)));
    const rows = cases.flatMap((child) =>
      Array.from({ length: 99 }, (_, n) => ({
        id: randomUUID(),
        case_id: child.id,
        organisation_id: ngo.id,
        type: 'note',
        occurred_on: TODAY,
        author_id: heavy.id,
        payload: JSON.stringify({ text: `Visit note ${n}`, confidential: false }),
      })),
    );
    for (let start = 0; start < rows.length; start += 1000) {
      await server.db.kysely
        .insertInto('case_event')
        .values(rows.slice(start, start + 1000))
        .execute();
    }
    const device = await registerDevice(server, heavy);
    const pulled = await pullAs(server, heavy, device);
    // Its time is a benchmark's figure (`npm run bench`, docs/performance.md), not a test's.
    expect(pulled.status).toBe(200);
    expect([pulled.body.cases.length, pulled.body.events.length]).toEqual([50, 5000]);
  });
});
