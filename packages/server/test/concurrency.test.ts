import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-verify';
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

const times = <T>(n: number, make: (index: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, index) => make(index)));

const statuses = (answers: { status: number }[]): Record<number, number> =>
  answers.reduce<Record<number, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

describeOnEachEngine('many requests at once', (engine) => {
  let server: TestServer;
  let ngoA: TestOrganisation;
  let ngoB: TestOrganisation;
  let caseId: string;
  beforeAll(async () => {
    // Every request is let in: what is tested here is what they write, not when a busy server turns one away
    // (busy-database.test.ts does that).
    server = await startTestServer(engine, {
      config: { maxRequestsInProgress: 1000, databaseQueue: { waiting: 1000, waitMs: 60_000 } },
    });
    ngoA = await createTestOrganisation(server, { withUser: 'caseworker' });
    ngoB = await createTestOrganisation(server, { withUser: 'caseworker' });
    caseId = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngoA.user.token, body: aNewCase() })).body.id;
  });
  afterAll(() => server.close());

  const note = (text: string, id: string = randomUUID()) => ({
    id,
    type: 'note',
    occurredOn: TODAY,
    payload: { text },
  });

  it('keeps one unbroken audit chain while many users read and write at once', async () => {
    const others = await times(7, () => ngoA.addUser(['caseworker']));
    const users = [ngoA.user, ...others, ngoB.user];
    const answers = await times(120, (index) => {
      const user = users[index % users.length]!;
      if (index % 3 === 0)
        return api(server, 'POST', `/cases/${caseId}/events`, { token: ngoA.user.token, body: note(`Call ${index}`) });
      if (index % 3 === 1) return api(server, 'GET', `/cases/${caseId}`, { token: user.token });
      return api(server, 'GET', '/cases?q=sok', { token: user.token });
    });
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const chain = await verifyAuditChain(server.db.kysely);
    expect(chain.entries).toBeGreaterThan(100);
    expect(chain.problems).toEqual([]);
  });

  it('answers fifty copies of one new case sent at once as one creation and 49 retries', async () => {
    const body = aNewCase({ id: randomUUID(), givenNameLatin: 'Retried' });
    const before = await countRows(server.db, 'child_case');
    const answers = await times(50, () => api<CaseDetail>(server, 'POST', '/cases', { token: ngoA.user.token, body }));
    expect(statuses(answers)).toEqual({ 201: 1, 200: 49 });
    expect(new Set(answers.map((answer) => answer.body.caseNumber)).size).toBe(1);
    expect(await countRows(server.db, 'child_case')).toBe(before + 1);
  });

  it('answers fifty copies of one event sent at once as one creation and 49 retries', async () => {
    const body = note('Sent fifty times by a flaky connection.');
    const answers = await times(50, () =>
      api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, { token: ngoA.user.token, body }),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 200: 49 });
    expect(answers.every((answer) => answer.body.id === body.id)).toBe(true);
  });

  it('answers twenty copies of one group activity sent at once as one creation and retries', async () => {
    const body = { id: randomUUID(), topic: 'hygiene', occurredOn: TODAY, caseIds: [caseId] };
    const activities = await countRows(server.db, 'group_activity');
    const events = await countRows(server.db, 'case_event');
    const answers = await times(20, () =>
      api<{ id: string; attended: number }>(server, 'POST', '/group-activities', { token: ngoA.user.token, body }),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 200: 19 });
    expect(answers.every((answer) => answer.body.id === body.id && answer.body.attended === 1)).toBe(true);
    // One activity, and one attendance on the child's timeline, not twenty.
    expect(await countRows(server.db, 'group_activity')).toBe(activities + 1);
    expect(await countRows(server.db, 'case_event')).toBe(events + 1);
  });

  const aGroup = (names: string[]) => ({
    referral: { source: 'ngo', sourceName: 'IOM', referredOn: '2026-11-02' },
    caseTypes: ['TL', 'RC'],
    children: names.map((name, index) => ({
      id: randomUUID(),
      familyNameLatin: 'Returnee',
      givenNameLatin: name,
      sex: index % 2 === 0 ? 'female' : 'male',
      estimatedAge: 12 + index,
    })),
  });

  it('answers twenty copies of one group intake sent at once as one creation and retries', async () => {
    const body = aGroup(['Chanthy', 'Vibol', 'Sreymom']);
    const before = await countRows(server.db, 'child_case');
    const answers = await times(20, () =>
      api<{ items: CaseDetail[] }>(server, 'POST', '/cases/group', { token: ngoA.user.token, body }),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 200: 19 });
    const numbers = answers.map((answer) => answer.body.items.map((item) => `${item.id} ${item.caseNumber}`).join());
    expect(new Set(numbers).size).toBe(1);
    expect(answers[0]?.body.items.map((item) => item.id)).toEqual(body.children.map((child) => child.id));
    expect(await countRows(server.db, 'child_case')).toBe(before + 3);
  });

  it('refuses a group intake whose ids were used for another request, in this organisation or another', async () => {
    const body = aGroup(['Kosal', 'Bopha']);
    expect((await api(server, 'POST', '/cases/group', { token: ngoA.user.token, body })).status).toBe(201);
    const before = await countRows(server.db, 'child_case');
    const changed = await times(5, () =>
      api<Problem>(server, 'POST', '/cases/group', {
        token: ngoA.user.token,
        body: { ...body, caseTypes: ['TL'] },
      }),
    );
    expect(statuses(changed)).toEqual({ 409: 5 });
    expect(changed[0]?.body.code).toBe('id_taken');
    // Part of the group sent alone is another request, not a retry.
    const part = await api<Problem>(server, 'POST', '/cases/group', {
      token: ngoA.user.token,
      body: { ...body, children: body.children.slice(1) },
    });
    expect(part.status).toBe(409);
    const theirs = await times(5, () => api<Problem>(server, 'POST', '/cases/group', { token: ngoB.user.token, body }));
    expect(statuses(theirs)).toEqual({ 409: 5 });
    expect(theirs[0]?.body.code).toBe('id_taken');
    expect(JSON.stringify(theirs[0]?.body)).not.toMatch(/Kosal|Bopha|T\d+-2026/);
    // The same refusal as this organisation's own changed request: nothing tells the two apart.
    expect(theirs[0]?.body).toEqual(changed[0]?.body);
    expect(await countRows(server.db, 'child_case')).toBe(before);
  });

  it('refuses an id sent again with a different request: 409, and the stored record is not returned', async () => {
    const id = randomUUID();
    expect((await api(server, 'POST', '/cases', { token: ngoA.user.token, body: aNewCase({ id }) })).status).toBe(201);
    const changed = await api<Problem>(server, 'POST', '/cases', {
      token: ngoA.user.token,
      body: aNewCase({ id, givenNameLatin: 'Other' }),
    });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('id_taken');
    expect(JSON.stringify(changed.body)).not.toMatch(/Dara|Sok|T\d+-2026/);

    const event = note('First words.');
    const path = `/cases/${caseId}/events`;
    expect((await api(server, 'POST', path, { token: ngoA.user.token, body: event })).status).toBe(201);
    const edited = await api<Problem>(server, 'POST', path, {
      token: ngoA.user.token,
      body: { ...event, payload: { text: 'Other words.' } },
    });
    expect(edited.status).toBe(409);
    expect(JSON.stringify(edited.body)).not.toContain('First words');

    const activity = { id: randomUUID(), topic: 'hygiene', occurredOn: TODAY, caseIds: [caseId] };
    expect((await api(server, 'POST', '/group-activities', { token: ngoA.user.token, body: activity })).status).toBe(
      201,
    );
    const moved = await api(server, 'POST', '/group-activities', {
      token: ngoA.user.token,
      body: { ...activity, topic: 'child_rights' },
    });
    expect(moved.status).toBe(409);
  });

  it('answers an id used by another organisation with a 409 that says nothing of its record, even many at once', async () => {
    const theirCase = aNewCase({ id: randomUUID(), givenNameLatin: 'Theirs' });
    expect((await api(server, 'POST', '/cases', { token: ngoB.user.token, body: theirCase })).status).toBe(201);
    const theirEvent = note('Their note.');
    const theirPath = `/cases/${theirCase.id}/events`;
    expect((await api(server, 'POST', theirPath, { token: ngoB.user.token, body: theirEvent })).status).toBe(201);
    const theirActivity = { id: randomUUID(), topic: 'hygiene', occurredOn: TODAY, caseIds: [theirCase.id] };
    expect(
      (await api(server, 'POST', '/group-activities', { token: ngoB.user.token, body: theirActivity })).status,
    ).toBe(201);

    const [sameCase, sameEvent, sameActivity] = await Promise.all([
      times(10, () => api<Problem>(server, 'POST', '/cases', { token: ngoA.user.token, body: theirCase })),
      times(10, () =>
        api<Problem>(server, 'POST', `/cases/${caseId}/events`, { token: ngoA.user.token, body: theirEvent }),
      ),
      times(10, () =>
        api<Problem>(server, 'POST', '/group-activities', {
          token: ngoA.user.token,
          body: { ...theirActivity, caseIds: [caseId] },
        }),
      ),
    ]);
    for (const answers of [sameCase, sameEvent, sameActivity]) {
      expect(statuses(answers)).toEqual({ 409: 10 });
      expect(answers[0]?.body.code).toBe('id_taken');
      expect(JSON.stringify(answers[0]?.body)).not.toMatch(/Theirs|Their note|T\d+-2026|hygiene/);
    }
    // The same refusal as an id this organisation used for something else: nothing tells the two apart.
    const own = await api<Problem>(server, 'POST', '/cases', {
      token: ngoA.user.token,
      body: aNewCase({ id: caseId, givenNameLatin: 'Other' }),
    });
    expect(own.body).toEqual(sameCase[0]?.body);
  });
});
