import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, HeldOperation, PushResponse, SyncOperationInput } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-verify';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { countRows } from './support/test-db';
import { madeAt, pullAs, pushAs, registerDevice } from './support/sync';
import {
  api,
  createTestOrganisation,
  startTestServer,
  TODAY,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

describeOnEachEngine('offline sync: push', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let supervisor: TestUser;
  let device: string;

  const open = async (name: string) =>
    (await api<CaseDetail>(server, 'POST', '/cases', { token: worker.token, body: aNewCase({ givenNameLatin: name }) }))
      .body;
  const record = (caseId: string, body: unknown) =>
    api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, { token: worker.token, body });
  const close = async (caseId: string) => {
    const closed = await record(caseId, {
      type: 'closure',
      occurredOn: TODAY,
      payload: { reason: 'stable_and_safe', summary: 'Back at school.' },
    });
    expect(closed.status).toBe(201);
  };
  const eventOp = (caseId: string, opId: string = randomUUID()): SyncOperationInput => ({
    kind: 'event',
    opId,
    madeAt,
    caseId,
    body: { type: 'service', occurredOn: TODAY, payload: { kind: 'counselling', provider: 'in_house' } },
  });
  const decide = (user: TestUser, id: string, body: unknown) =>
    api<HeldOperation>(server, 'POST', `/sync/held/${id}`, { token: user.token, body });
  const only = (answer: { body: PushResponse }) => answer.body.results[0]!;
  /** A correction made offline from the intake's versions of the Latin given name and the alias. */
  const staleCorrection = (caseId: string, alias: string): SyncOperationInput => ({
    kind: 'correction',
    opId: randomUUID(),
    madeAt,
    caseId,
    body: { changes: { givenNameLatin: 'Offlinename', alias }, baseVersions: { givenNameLatin: 0, alias: 0 } },
  });

  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    supervisor = await ngo.addUser(['supervisor']);
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(server, 'PUT', '/settings/cases', { token: ngo.user.token, body: settings })).status).toBe(200);
    device = await registerDevice(server, worker);
  });
  afterAll(() => server.close());

  it('applies a new intake, its events and an offline read in order, and a retry applies nothing twice', async () => {
    const caseId = randomUUID();
    const operations: SyncOperationInput[] = [
      { kind: 'case', opId: caseId, madeAt, body: aNewCase({ givenNameLatin: 'Offlineintake' }) },
      eventOp(caseId),
      {
        kind: 'correction',
        opId: randomUUID(),
        madeAt,
        caseId,
        body: { changes: { alias: 'Girl B' }, baseVersions: { alias: 0 } },
      },
      { kind: 'audit', opId: randomUUID(), madeAt, caseId, action: 'case.read' },
    ];
    const first = await pushAs(server, worker, device, operations);
    expect(first.status).toBe(200);
    expect(first.body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const caseNumber = first.body.results[0]!.caseNumber;
    expect(caseNumber).toMatch(/^T\d+-/);
    const detail = await api<CaseDetail>(server, 'GET', `/cases/${caseId}`, { token: worker.token });
    expect([detail.body.caseNumber, detail.body.alias]).toEqual([caseNumber, 'Girl B']);

    const offlineRead = await server.db.kysely
      .selectFrom('audit_log')
      .select(['detail', 'case_id'])
      .where('action', '=', 'case.read')
      .where('user_id', '=', worker.id)
      .where((eb) => eb(eb.ref('detail', '->>').key('opId'), '=', operations[3]!.opId))
      .execute();
    expect(offlineRead).toHaveLength(1);
    expect(offlineRead[0]!.case_id).toBe(caseId);
    expect(offlineRead[0]!.detail).toMatchObject({ offline: true, deviceId: device, madeAt });
    expect(Date.parse(offlineRead[0]!.detail.receivedAt as string)).toBeGreaterThan(Date.parse(madeAt));

    const [events, audits] = [await countRows(server.db, 'case_event'), await countRows(server.db, 'sync_audit_op')];
    const retry = await pushAs(server, worker, device, operations);
    expect(retry.body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(retry.body.results[0]!.caseNumber).toBe(caseNumber);
    expect([await countRows(server.db, 'case_event'), await countRows(server.db, 'sync_audit_op')]).toEqual([
      events,
      audits,
    ]);
  });

  it('keeps an event for a case closed meanwhile, and applies it when re-applied after the case is reopened', async () => {
    const child = await open('Closedmeanwhile');
    await close(child.id);
    const operation = eventOp(child.id);
    const pushed = only(await pushAs(server, worker, device, [operation]));
    expect(pushed).toMatchObject({ status: 'attention', held: { reason: 'case_closed', status: 'open' } });
    expect(only(await pushAs(server, worker, device, [operation])).held).toEqual(pushed.held);
    const pulled = await pullAs(server, worker, device);
    expect(pulled.body.held.map((held) => held.id)).toContain(operation.opId);

    const refusedAgain = await decide(worker, operation.opId, { action: 'reapply' });
    expect(refusedAgain.body).toMatchObject({ status: 'open', reason: 'case_closed' });
    const reopened = await record(child.id, {
      type: 'reopening',
      occurredOn: TODAY,
      payload: { reason: 'New report.' },
    });
    expect(reopened.status).toBe(201);
    const reapplied = await decide(worker, operation.opId, { action: 'reapply' });
    expect(reapplied.body.status).toBe('reapplied');
    const timeline = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${child.id}/events`, {
      token: worker.token,
    });
    expect(timeline.body.items.filter((event) => event.id === operation.opId)).toHaveLength(1);
    expect(only(await pushAs(server, worker, device, [operation]))).toMatchObject({ status: 'applied', held: null });
    expect((await decide(worker, operation.opId, { action: 'reapply' })).status).toBe(409);
  });

  it('keeps an id used for another record, and the operations of a new case kept with it', async () => {
    const child = await open('Takenid');
    const used = await record(child.id, {
      type: 'note',
      occurredOn: TODAY,
      payload: { text: 'x', confidential: false },
    });
    const taken = only(await pushAs(server, worker, device, [eventOp(child.id, used.body.id)]));
    expect(taken).toMatchObject({ status: 'attention', held: { reason: 'id_taken' } });

    const intake = { kind: 'case' as const, opId: child.id, madeAt, body: aNewCase({ givenNameLatin: 'Sameid' }) };
    const followUp = eventOp(child.id);
    const pushed = await pushAs(server, worker, device, [intake, followUp]);
    expect(pushed.body.results.map((result) => [result.status, result.held?.reason])).toEqual([
      ['attention', 'id_taken'],
      ['attention', 'case_not_synced'],
    ]);
  });

  it('discards a kept operation with a reason, once', async () => {
    const child = await open('Discarded');
    await close(child.id);
    const operation = eventOp(child.id);
    await pushAs(server, worker, device, [operation]);
    expect((await decide(worker, operation.opId, { action: 'discard', reason: '' })).status).toBe(400);
    const discarded = await decide(supervisor, operation.opId, { action: 'discard', reason: 'Recorded twice.' });
    expect(discarded.body.status).toBe('discarded');
    expect((await decide(worker, operation.opId, { action: 'discard', reason: 'Again.' })).status).toBe(409);
    const audit = await server.db.kysely
      .selectFrom('audit_log')
      .select(['user_id', 'case_id'])
      .where('action', '=', 'sync.held_discard')
      .execute();
    expect(audit).toEqual([{ user_id: supervisor.id, case_id: child.id }]);
    const other = await createTestOrganisation(server, { withUser: ['org_admin'] });
    expect((await decide(other.user, operation.opId, { action: 'discard', reason: 'Not ours.' })).status).toBe(404);
  });

  it('keeps a correction made from a stale version as a conflict, and resolves it once with the chosen value', async () => {
    const child = await open('Conflicted');
    const online = await api(server, 'PATCH', `/cases/${child.id}`, {
      token: supervisor.token,
      body: { changes: { givenNameLatin: 'Onlinename' }, baseVersions: { givenNameLatin: 0 } },
    });
    expect(online.status).toBe(200);
    const operation = staleCorrection(child.id, 'Girl C');
    const pushed = only(await pushAs(server, worker, device, [operation]));
    expect(pushed.status).toBe('conflict');
    expect(pushed.held?.conflicts).toEqual([
      { field: 'givenNameLatin', yours: 'Offlinename', current: 'Onlinename', currentVersion: 1 },
    ]);
    const listed = await api<{ items: HeldOperation[] }>(server, 'GET', `/sync/held?caseId=${child.id}`, {
      token: supervisor.token,
    });
    expect(listed.body.items.map((held) => held.id)).toEqual([operation.opId]);

    const before = await countRows(server.db, 'case_event');
    const resolve = { action: 'resolve', values: { givenNameLatin: 'Chosenname' } };
    const answers = await Promise.all([
      decide(worker, operation.opId, resolve),
      decide(supervisor, operation.opId, resolve),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await countRows(server.db, 'case_event')).toBe(before + 1);
    const after = await api<CaseDetail>(server, 'GET', `/cases/${child.id}`, { token: worker.token });
    expect([after.body.givenNameLatin, after.body.alias]).toEqual(['Chosenname', 'Girl C']);
    expect(only(await pushAs(server, worker, device, [operation])).status).toBe('applied');
  });

  it('names who set the current value, follows a later correction, and writes a typed value only when it passes', async () => {
    const nameOf = async (user: TestUser) =>
      (
        await server.db.kysely
          .selectFrom('app_user')
          .select('display_name')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow()
      ).display_name;
    const child = await open('Setter');
    const correct = (user: TestUser, givenNameLatin: string, base: number) =>
      api(server, 'PATCH', `/cases/${child.id}`, {
        token: user.token,
        body: { changes: { givenNameLatin }, baseVersions: { givenNameLatin: base } },
      });
    expect((await correct(supervisor, 'Firstfix', 0)).status).toBe(200);
    const operation = staleCorrection(child.id, 'Girl S');
    expect(only(await pushAs(server, worker, device, [operation])).status).toBe('conflict');
    const heldNow = async () => {
      const listed = await api<{ items: HeldOperation[] }>(server, 'GET', `/sync/held?caseId=${child.id}`, {
        token: worker.token,
      });
      return listed.body.items.find((held) => held.id === operation.opId)!;
    };
    const first = (await heldNow()).conflicts[0]!;
    expect(first).toMatchObject({ field: 'givenNameLatin', current: 'Firstfix', currentVersion: 1 });
    expect(first.currentBy).toBe(await nameOf(supervisor));
    expect(Date.parse(first.currentAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // Corrected again after the conflict was kept: the screen shows the value there now, and who set it.
    expect((await correct(ngo.user, 'Secondfix', 1)).status).toBe(200);
    const pulled = await pullAs(server, worker, device);
    const second = pulled.body.held.find((held) => held.id === operation.opId)!.conflicts[0]!;
    expect(second).toMatchObject({ current: 'Secondfix', currentVersion: 2, currentBy: await nameOf(ngo.user) });
    expect((await heldNow()).conflicts[0]).toEqual(second);

    // A value typed instead of both that the correction's checks refuse: a clear error, nothing written.
    const before = await countRows(server.db, 'case_event');
    const tooLong = await decide(worker, operation.opId, {
      action: 'resolve',
      values: { givenNameLatin: 'x'.repeat(81) },
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('values.givenNameLatin');
    expect(await countRows(server.db, 'case_event')).toBe(before);
    // One the case's own rules refuse (a birth after the referral): the same, and the conflict stays a conflict.
    const born = await decide(worker, operation.opId, {
      action: 'resolve',
      values: { givenNameLatin: 'Typedname', dateOfBirth: '2026-11-22' },
    });
    expect(born.status).toBe(400);
    expect(JSON.stringify(born.body)).toContain('values.dateOfBirth');
    expect(await countRows(server.db, 'case_event')).toBe(before);
    expect(await heldNow()).toMatchObject({ status: 'open', kind: 'conflict', conflicts: [second] });

    const typed = await decide(worker, operation.opId, { action: 'resolve', values: { givenNameLatin: 'Typedname' } });
    expect(typed.status).toBe(200);
    expect(typed.body.status).toBe('resolved');
    const after = await api<CaseDetail>(server, 'GET', `/cases/${child.id}`, { token: worker.token });
    expect([after.body.givenNameLatin, after.body.alias, after.body.fieldVersions.givenNameLatin]).toEqual([
      'Typedname',
      'Girl S',
      3,
    ]);
    // Decided, it shows the values it was kept with, each with who had set it.
    expect((await heldNow()).conflicts[0]).toMatchObject({ current: 'Firstfix', currentBy: await nameOf(supervisor) });
  });

  it('answers twenty copies of one push at once with one event and one kept operation', async () => {
    const child = await open('Parallel');
    const closed = await open('Parallelclosed');
    await close(closed.id);
    const operations = [eventOp(child.id), eventOp(closed.id)];
    const [events, held] = [await countRows(server.db, 'case_event'), await countRows(server.db, 'sync_held')];
    const answers = await Promise.all(Array.from({ length: 20 }, () => pushAs(server, worker, device, operations)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    for (const answer of answers) {
      expect(answer.body.results.map((result) => result.status)).toEqual(['applied', 'attention']);
    }
    expect([await countRows(server.db, 'case_event'), await countRows(server.db, 'sync_held')]).toEqual([
      events + 1,
      held + 1,
    ]);
    const chain = await verifyAuditChain(server.db.kysely);
    expect(chain.problems).toEqual([]);
  });
});
