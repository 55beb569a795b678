import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, HubCredentials, Transfer } from '@homeward/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkHub } from '../src/hub/hub-link.service';
import { runRound } from '../src/hub/hub-round.service';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { relayTo, type HubRelay } from './support/hub-relay';
import { pullAs, registerDevice } from './support/sync';
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

/**
 * The central server tells the hub to forget a case (here: its lead moved to another organisation) that the hub's
 * own rows point to. The hub forgets it without a foreign-key error, and what was written there and not yet
 * answered is sent first, so the central server holds it for a person: nothing is lost on the way.
 */
describeOnEachEngine('a hub forgetting a case its own rows point to', (engine) => {
  let central: TestServer;
  let hub: TestServer;
  let relay: HubRelay;
  let ngo: TestOrganisation;
  let worker: TestUser;
  let supervisor: TestUser;
  let receiver: TestOrganisation;
  let child: CaseDetail;
  let kept: CaseDetail;

  const round = () => runRound(hub.db.kysely, testFileKeys.all);
  const signInAtHub = async (user: TestUser): Promise<TestUser> => {
    const login = await api<{ token: string }>(hub, 'POST', '/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(200);
    return { ...user, token: login.body.token };
  };
  const note = async (server: TestServer, user: TestUser, caseId: string, text: string) => {
    const written = await api<CaseEvent>(server, 'POST', `/cases/${caseId}/events`, {
      token: user.token,
      body: { type: 'note', occurredOn: TODAY, payload: { text, confidential: false } },
    });
    expect(written.status).toBe(201);
    return written.body;
  };
  const rowsAtHub = async (caseId: string) => {
    const result: Record<string, number> = {};
    const byCase = ['case_event', 'task', 'notification', 'offline_mark', 'device_case', 'hub_case_mark'];
    for (const table of byCase) {
      const rows = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where case_id = ${caseId}`.execute(hub.db.kysely);
      result[table] = rows.rows[0]?.n ?? 0;
    }
    const cases = await sql<{ n: number }>`select count(*)::int as n from child_case where id = ${caseId}`.execute(
      hub.db.kysely,
    );
    result.child_case = cases.rows[0]?.n ?? 0;
    return result;
  };

  beforeAll(async () => {
    central = await startTestServer(engine);
    hub = await startTestServer('pglite');
    relay = await relayTo(central);
    ngo = await createTestOrganisation(central, { withUser: ['org_admin'] });
    worker = await ngo.addUser(['caseworker'], { team: 'North' });
    supervisor = await ngo.addUser(['supervisor'], { team: 'North' });
    receiver = await createTestOrganisation(central, { withUser: ['supervisor'], name: 'Receiver NGO' });
    const opened = await api<CaseDetail>(central, 'POST', '/cases', {
      token: worker.token,
      body: aNewCase({ givenNameLatin: 'Leaving' }),
    });
    child = opened.body;
    kept = (
      await api<CaseDetail>(central, 'POST', '/cases', {
        token: worker.token,
        body: aNewCase({ givenNameLatin: 'Stays' }),
      })
    ).body;
    const credentials = await api<HubCredentials>(central, 'POST', '/devices/hubs', {
      token: ngo.user.token,
      body: { id: randomUUID(), name: 'Shelter laptop' },
    });
    await linkHub(hub.db.kysely, testFileKeys.current, { centralUrl: relay.origin, token: credentials.body.token });
    expect((await round()).outcome).toBe('done');
  });
  afterAll(async () => {
    await relay?.close();
    await hub?.close();
    await central?.close();
  });

  it('keeps the case until what was written on it there is answered, then forgets it and all that points to it', async () => {
    const workerAtHub = await signInAtHub(worker);
    const adminAtHub = await signInAtHub(ngo.user);
    // The hub's own rows on the case: a phone synced with the hub holds it and keeps it offline, a task (and
    // the notification it makes), and a note not yet sent.
    const phone = await registerDevice(hub, workerAtHub, 'Phone at the shelter');
    const phonePull = await pullAs(hub, workerAtHub, phone);
    expect(phonePull.body.cases.map((item) => item.id)).toContain(child.id);
    const marked = await api(hub, 'PUT', '/offline-marks', {
      token: workerAtHub.token,
      body: { caseId: child.id, offline: true },
    });
    expect(marked.status).toBe(200);
    const task = await api(hub, 'POST', '/tasks', {
      token: adminAtHub.token,
      body: { caseId: child.id, assignedTo: worker.id, title: 'Visit the family', dueOn: TODAY },
    });
    expect(task.status).toBe(201);
    // Referrals written at the hub: one from the case, and one from another case that led to this one.
    const referral = (id: string, caseId: string, receiverCaseId: string | null) => ({
      id,
      case_id: caseId,
      sender_organisation_id: ngo.id,
      receiver_organisation_id: ngo.id,
      services: ['counselling'],
      urgency: 'normal' as const,
      sections: ['services'],
      status: 'accepted' as const,
      sent_on: TODAY,
      receiver_case_id: receiverCaseId,
    });
    const [fromIt, toIt] = [randomUUID(), randomUUID()];
    await hub.db.kysely
      .insertInto('referral')
      .values([referral(fromIt, child.id, null), referral(toIt, kept.id, child.id)])
      .execute();
    const first = await note(hub, workerAtHub, child.id, 'Written at the shelter before the transfer.');
    const before = await rowsAtHub(child.id);
    expect(before).toMatchObject({ child_case: 1, task: 1, offline_mark: 1, device_case: 1, hub_case_mark: 1 });

    // At head office the lead moves to another organisation.
    const offered = await api<Transfer>(central, 'POST', `/cases/${child.id}/transfers`, {
      token: supervisor.token,
      body: { id: randomUUID(), toOrganisationId: receiver.id, transferReason: 'child_moved', note: 'Moved away.' },
    });
    expect(offered.status).toBe(201);
    const accepted = await api(central, 'POST', `/transfers/${offered.body.id}/accept`, {
      token: receiver.user.token,
      body: { workerId: receiver.user.id },
    });
    expect(accepted.status).toBe(201);

    // A note written while the round is between its push and its pull: not sent in this round.
    let during: CaseEvent | undefined;
    relay.onNextPull(async () => {
      during = await note(hub, workerAtHub, child.id, 'Written at the shelter during the round.');
    });
    const firstRound = await round();
    expect(firstRound.outcome).toBe('done');
    expect(firstRound.held).toContainEqual(
      expect.objectContaining({ opId: child.id, kind: 'not_sent', reason: 'forget_after_sending' }),
    );
    expect(firstRound.held).toContainEqual(expect.objectContaining({ opId: first.id }));
    expect(during).toBeDefined();
    expect(await rowsAtHub(child.id)).toMatchObject({ child_case: 1, hub_case_mark: 1 });

    const secondRound = await round();
    expect(secondRound.error).toBeNull();
    expect(secondRound.held).toContainEqual(expect.objectContaining({ opId: during!.id }));
    expect(secondRound.held.map((item) => item.reason)).not.toContain('forget_after_sending');
    expect(await rowsAtHub(child.id)).toEqual({
      case_event: 0,
      task: 0,
      notification: 0,
      offline_mark: 0,
      device_case: 0,
      hub_case_mark: 0,
      child_case: 0,
    });
    // Both notes are at the central server, held for a person in the worker's name: none was lost.
    const held = await central.db.kysely
      .selectFrom('sync_held')
      .select(['user_id', sql<string>`operation->>'opId'`.as('op_id')])
      .where('case_id', '=', child.id)
      .execute();
    expect(held.map((row) => [row.op_id, row.user_id]).sort()).toEqual(
      [
        [first.id, worker.id],
        [during!.id, worker.id],
      ].sort(),
    );
    // The referral that led to it stays, without the link; the one from it went with it.
    const referrals = await hub.db.kysely.selectFrom('referral').select(['id', 'receiver_case_id']).execute();
    expect(referrals).toEqual([{ id: toIt, receiver_case_id: null }]);
    // The other case is untouched, and the phone is told to forget the case at its next pull.
    expect(await rowsAtHub(kept.id)).toMatchObject({ child_case: 1, hub_case_mark: 1 });
    const next = await pullAs(hub, workerAtHub, phone, [{ caseId: child.id, seq: 0, version: 0 }]);
    expect(next.body.tombstones).toEqual([{ caseId: child.id, reason: 'removed' }]);
    expect((await round()).outcome).toBe('done');
  });
});
