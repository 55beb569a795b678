import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, CaseList } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import type { Problem } from './support/problem';
import { countRows } from './support/test-db';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
} from './support/test-server';

describeOnEachEngine('cases', (engine) => {
  let server: TestServer;
  let ngoA: TestOrganisation;
  let ngoB: TestOrganisation;
  beforeAll(async () => {
    server = await startTestServer(engine);
    ngoA = await createTestOrganisation(server, { withUser: 'caseworker' });
    ngoB = await createTestOrganisation(server, { withUser: 'caseworker' });
  });
  afterAll(() => server.close());

  const create = (org: TestOrganisation, body: unknown) =>
    api<CaseDetail & Problem>(server, 'POST', '/cases', { token: org.user.token, body });

  it('opens a case with names in both scripts, an intake event and a case number', async () => {
    const response = await create(ngoA, aNewCase({ villageCode: '01020101', childType: 'exploited' }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      familyNameKm: 'សុខ',
      givenNameKm: 'ដារា',
      givenNameLatin: 'Dara',
      sex: 'female',
      dateOfBirth: '2012-03-14',
      dateOfBirthEstimated: false,
      caseTypes: ['TL', 'RC'],
      status: 'active',
      openedOn: '2026-10-02',
      villageCode: '01020101',
      childType: 'exploited',
      organisationId: ngoA.id,
      assignedWorkerId: ngoA.user.id,
    });
    expect(response.body.caseNumber).toMatch(/^T\d+-2026-\d{4}$/);
    const events = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${response.body.id}/events`, {
      token: ngoA.user.token,
    });
    expect(events.body.items.map((event) => [event.type, event.occurredOn])).toEqual([['intake', '2026-10-02']]);
  });

  it('records an estimated age as an estimated birth date at referral', async () => {
    const response = await create(ngoA, aNewCase({ dateOfBirth: undefined, estimatedAge: 14 }));
    expect(response.status).toBe(201);
    expect(response.body.dateOfBirth).toBe('2012-10-02');
    expect(response.body.dateOfBirthEstimated).toBe(true);
  });

  it('finds a case by its Khmer name, its Latin name in any case or order, and its number', async () => {
    const mine = await create(
      ngoA,
      aNewCase({ familyNameKm: 'ចាន់', givenNameKm: 'ស្រីពៅ', familyNameLatin: 'Chan', givenNameLatin: 'Sreypov' }),
    );
    const search = async (q: string) =>
      (
        await api<CaseList>(server, 'GET', `/cases?q=${encodeURIComponent(q)}`, { token: ngoA.user.token })
      ).body.items.map((item) => item.id);
    expect(await search('ស្រីពៅ')).toEqual([mine.body.id]);
    expect(await search('ចាន់ ស្រីពៅ')).toEqual([mine.body.id]);
    // A zero-width space typed by some Khmer keyboards must not break the search.
    expect(await search('ស្រី\u200Bពៅ')).toEqual([mine.body.id]);
    expect(await search('sreypov')).toEqual([mine.body.id]);
    expect(await search('SREYPOV chan')).toEqual([mine.body.id]);
    expect(await search(mine.body.caseNumber.toLowerCase())).toEqual([mine.body.id]);
    expect(await search('nobody-by-this-name')).toEqual([]);
    expect(await search('%')).toEqual([]);
  });

  it('adds a dated case note to the timeline', async () => {
    const opened = await create(ngoA, aNewCase());
    const note = await api<CaseEvent>(server, 'POST', `/cases/${opened.body.id}/events`, {
      token: ngoA.user.token,
      body: {
        type: 'note',
        occurredOn: '2026-10-05',
        payload: { text: 'Settled in; joined the English class.', confidential: true },
      },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ type: 'note', occurredOn: '2026-10-05', authorId: ngoA.user.id });
    expect(note.body.payload).toEqual({ text: 'Settled in; joined the English class.', confidential: true });
    const timeline = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${opened.body.id}/events`, {
      token: ngoA.user.token,
    });
    expect(timeline.body.items.map((event) => event.type)).toEqual(['intake', 'note']);
  });

  it('is idempotent on client-generated ids, so an offline retry makes no second case or note', async () => {
    const id = randomUUID();
    expect((await create(ngoA, aNewCase({ id }))).status).toBe(201);
    const retry = await create(ngoA, aNewCase({ id }));
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(id);
    const noteId = randomUUID();
    const body = { id: noteId, type: 'note', occurredOn: TODAY, payload: { text: 'Phone call with the mother.' } };
    expect((await api(server, 'POST', `/cases/${id}/events`, { token: ngoA.user.token, body })).status).toBe(201);
    expect((await api(server, 'POST', `/cases/${id}/events`, { token: ngoA.user.token, body })).status).toBe(200);
    const timeline = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${id}/events`, {
      token: ngoA.user.token,
    });
    expect(timeline.body.items).toHaveLength(2);
  });

  it('hides another organisation’s case: 404 to read, to list its events, to write, and absent from search', async () => {
    const theirs = await create(ngoB, aNewCase({ familyNameLatin: 'Hidden', givenNameLatin: 'Child' }));
    const id = theirs.body.id;
    const read = await api<Problem>(server, 'GET', `/cases/${id}`, { token: ngoA.user.token });
    expect(read.status).toBe(404);
    expect((await api(server, 'GET', `/cases/${id}/events`, { token: ngoA.user.token })).status).toBe(404);
    const write = await api(server, 'POST', `/cases/${id}/events`, {
      token: ngoA.user.token,
      body: { type: 'note', occurredOn: TODAY, payload: { text: 'x' } },
    });
    expect(write.status).toBe(404);
    const missing = await api<Problem>(server, 'GET', `/cases/${randomUUID()}`, { token: ngoA.user.token });
    // Indistinguishable from a case that does not exist at all.
    expect(missing.body).toEqual(read.body);
    const search = await api<CaseList>(server, 'GET', '/cases?q=hidden', { token: ngoA.user.token });
    expect(search.body.total).toBe(0);
    const reuse = await create(ngoA, aNewCase({ id }));
    expect(reuse.status).toBe(409);
  });

  it('refuses a user whose role may not open or read cases', async () => {
    const officer = await ngoA.addUser(['government_officer']);
    const response = await create({ ...ngoA, user: officer }, aNewCase());
    expect(response.status).toBe(403);
    const systemAdmin = await ngoA.addUser(['system_admin']);
    expect((await api(server, 'GET', '/cases', { token: systemAdmin.token })).status).toBe(403);
  });

  it('audits every read and write of a case in a hash chain', async () => {
    const opened = await create(ngoA, aNewCase());
    await api(server, 'GET', `/cases/${opened.body.id}`, { token: ngoA.user.token });
    const entries = await server.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'prev_hash', 'hash'])
      .where('case_id', '=', opened.body.id)
      .orderBy('id')
      .execute();
    expect(entries.map((entry) => entry.action)).toEqual(['case.create', 'case.event_add', 'case.read', 'case.read']);
    expect(entries.every((entry) => entry.user_id === ngoA.user.id)).toBe(true);
    const all = await server.db.kysely.selectFrom('audit_log').select(['prev_hash', 'hash']).orderBy('id').execute();
    for (let index = 1; index < all.length; index += 1) expect(all[index]?.prev_hash).toBe(all[index - 1]?.hash);
  });

  describeBadInput();

  function describeBadInput(): void {
    const cases: [string, unknown, string][] = [
      ['a missing name', aNewCase({ givenNameKm: undefined, givenNameLatin: undefined }), 'givenNameKm'],
      ['an impossible date', aNewCase({ dateOfBirth: '2012-02-30' }), 'dateOfBirth'],
      [
        'a date in the future',
        aNewCase({ referral: { source: 'police', referredOn: '2027-01-01' } }),
        'referral.referredOn',
      ],
      ['a birth after the referral', aNewCase({ dateOfBirth: '2026-10-05' }), 'dateOfBirth'],
      ['an unknown village code', aNewCase({ villageCode: '99999999' }), 'villageCode'],
      ['a commune code for a village', aNewCase({ villageCode: '010201' }), 'villageCode'],
      ['no case type', aNewCase({ caseTypes: [] }), 'caseTypes'],
      ['an unknown case type', { ...aNewCase(), caseTypes: ['XX'] }, 'caseTypes.0'],
      ['neither birth date nor age', aNewCase({ dateOfBirth: undefined }), 'dateOfBirth'],
    ];
    for (const [what, body, field] of cases) {
      it(`refuses ${what} with a message on the field, and writes nothing`, async () => {
        const before = await countRows(server.db, 'child_case');
        const response = await create(ngoA, body);
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body.errors?.map((error) => error.field)).toContain(field);
        expect(response.body.detail.length).toBeGreaterThan(5);
        expect(await countRows(server.db, 'child_case')).toBe(before);
      });
    }

    it('answers every invalid field at once, the checks across fields included', async () => {
      const response = await create(ngoA, {
        caseTypes: [],
        referral: { source: 'police', referredOn: '2026-10-02' },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.field).sort()).toEqual([
        'caseTypes',
        'dateOfBirth',
        'givenNameKm',
        'sex',
      ]);
    });

    it('refuses malformed JSON with a clear message', async () => {
      const before = await countRows(server.db, 'child_case');
      const response = await create(ngoA, '{"givenNameKm": "ដារា",');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'malformed_json', detail: 'The request body is not valid JSON.' });
      expect(await countRows(server.db, 'child_case')).toBe(before);
    });

    it('refuses a note dated before intake or in the future, and writes nothing', async () => {
      const opened = await create(ngoA, aNewCase());
      const before = await countRows(server.db, 'case_event');
      for (const [occurredOn, code] of [
        ['2026-09-30', 'before_intake'],
        ['2026-11-24', 'date_in_future'],
      ] as const) {
        const response = await api<Problem>(server, 'POST', `/cases/${opened.body.id}/events`, {
          token: ngoA.user.token,
          body: { type: 'note', occurredOn, payload: { text: 'Visit' } },
        });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe(code);
        expect(response.body.errors?.[0]?.field).toBe('occurredOn');
      }
      expect(await countRows(server.db, 'case_event')).toBe(before);
    });

    it('refuses an id that is not a uuid in the path', async () => {
      const response = await api<Problem>(server, 'GET', '/cases/not-an-id', { token: ngoA.user.token });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.field).toBe('params.id');
    });
  }
});
