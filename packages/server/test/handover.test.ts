import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { CaseDetail, HandoverPlanDetail, IncomingHandoverItem } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addParticipant } from '../src/participation/participants.repository';
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
 * The seed's handover (issue 10 point 4): Terre des Hommes NL's Siem Reap office closes and hands its 21 cases to
 * APLE and the Departments of Social Affairs of Phnom Penh and Siem Reap: 7 direct cases transferred, 11 remote
 * cases (led by Hagar and AIM) whose participation passes to a receiver, 2 closed as stable, 1 child who could
 * not be found handed to the authorities.
 */
describeOnEachEngine('caseload handover', (engine) => {
  let server: TestServer;
  let tdh: TestOrganisation;
  let director: TestUser;
  let manager: TestUser;
  let leavers: TestUser[];
  let aple: TestOrganisation;
  let apleWorker: TestUser;
  let dosvyPP: TestOrganisation;
  let dosvySR: TestOrganisation;
  let stranger: TestOrganisation;
  let direct: CaseDetail[];
  let remote: CaseDetail[];
  let plan: HandoverPlanDetail;

  const call = <T>(user: TestUser, method: string, path: string, body?: unknown) =>
    api<T>(server, method, path, { token: user.token, ...(body !== undefined ? { body } : {}) });

  async function openCase(user: TestUser, alias: string): Promise<CaseDetail> {
    const response = await call<CaseDetail>(user, 'POST', '/cases', aNewCase({ alias, givenNameLatin: alias }));
    expect(response.status).toBe(201);
    return response.body;
  }

  const itemsOf = (caseIds: readonly CaseDetail[]) =>
    plan.items.filter((item) => caseIds.some((row) => row.id === item.caseId)).map((item) => item.id);

  beforeAll(async () => {
    server = await startTestServer(engine);
    tdh = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Terre des Hommes NL' });
    director = tdh.user;
    manager = await tdh.addUser(['supervisor', 'caseworker']);
    leavers = [await tdh.addUser(['caseworker']), await tdh.addUser(['caseworker'])];
    aple = await createTestOrganisation(server, { withUser: ['supervisor'], name: 'APLE Cambodia' });
    apleWorker = await aple.addUser(['caseworker']);
    dosvyPP = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      name: 'Phnom Penh Department of Social Affairs',
      kind: 'government',
      provinceCode: '12',
    });
    dosvySR = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      name: 'Siem Reap Department of Social Affairs',
      kind: 'government',
      provinceCode: '17',
    });
    const hagar = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Hagar' });
    const aim = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'AIM' });
    stranger = await createTestOrganisation(server, { withUser: ['org_admin'] });

    direct = [];
    for (let index = 0; index < 10; index += 1) direct.push(await openCase(director, `Direct${index}`));
    remote = [];
    for (let index = 0; index < 11; index += 1) {
      remote.push(await openCase(index < 6 ? hagar.user : aim.user, `Remote${index}`));
    }
    // The office took part in the remote cases, for services and notes (as a referral would have made it).
    await server.db.kysely.transaction().execute(async (trx) => {
      for (const row of remote) {
        await addParticipant(trx, {
          id: randomUUID(),
          caseId: row.id,
          organisationId: tdh.id,
          role: 'service_provider',
          sections: ['services', 'notes'],
          via: 'referral',
          sourceId: null,
          note: null,
          assignedWorkerId: null,
          grantedBy: null,
          startedOn: TODAY,
        });
      }
    });
    // A case of another organisation that the office never saw stays out of its plans.
    await openCase(stranger.user, 'Elsewhere');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('drafts a plan of the office’s 21 cases chosen by the case list’s filters, direct and remote', async () => {
    const response = await call<HandoverPlanDetail>(manager, 'POST', '/handover-plans', {
      id: randomUUID(),
      name: 'Siem Reap office',
      reason: 'The Siem Reap office closes at the end of the project.',
      filter: { status: 'open' },
    });
    expect(response.status).toBe(200);
    plan = response.body;
    expect(plan.status).toBe('draft');
    expect(plan.progress).toEqual({ total: 21, waiting: 21, accepted: 0, declined: 0, done: 0 });
    expect(plan.items.filter((item) => item.kind === 'direct')).toHaveLength(10);
    const remoteItems = plan.items.filter((item) => item.kind === 'remote');
    expect(remoteItems).toHaveLength(11);
    expect(new Set(remoteItems.map((item) => item.leadOrganisationName))).toEqual(new Set(['Hagar', 'AIM']));
    // A remote case passes with the sections the office was given, by referral unless the office says otherwise.
    expect(remoteItems.every((item) => item.type === 'referral' && item.sections.join() === 'services,notes')).toBe(
      true,
    );
  });

  it('sends the same plan twice at once and makes one', async () => {
    const body = { id: randomUUID(), name: 'Twice', reason: 'A retry', caseIds: [] };
    const answers = await Promise.all([1, 2, 3].map(() => call(director, 'POST', '/handover-plans', body)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const rows = await server.db.kysely.selectFrom('handover_plan').select('id').where('id', '=', body.id).execute();
    expect(rows).toHaveLength(1);
    // The same id for another request is refused.
    const other = await call(director, 'POST', '/handover-plans', { ...body, name: 'Something else' });
    expect(other.status).toBe(409);
    // A case already in a plan that is not completed is not put in a second one.
    const clash = await call<{ code: string }>(director, 'POST', `/handover-plans/${body.id}/items`, {
      caseIds: [direct[0]!.id],
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('in_other_plan');
  });

  it('refuses a submission while a case has no receiver, and a type that does not fit a remote case', async () => {
    const early = await call<{ code: string }>(manager, 'POST', `/handover-plans/${plan.id}/submit`);
    expect(early.status).toBe(400);
    expect(early.body.code).toBe('items_unplanned');
    const wrong = await call<{ code: string }>(manager, 'PATCH', `/handover-plans/${plan.id}/items`, {
      itemIds: itemsOf(remote.slice(0, 1)),
      type: 'transfer',
      receiverId: aple.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('type_not_for_kind');
    const notDepartment = await call(manager, 'PATCH', `/handover-plans/${plan.id}/items`, {
      itemIds: itemsOf(direct.slice(9)),
      type: 'to_authorities',
      receiverId: aple.id,
    });
    expect(notDepartment.status).toBe(400);
  });

  it('sets receivers and types in bulk and one by one, then submits', async () => {
    const set = (rows: CaseDetail[], change: object) =>
      call<HandoverPlanDetail>(manager, 'PATCH', `/handover-plans/${plan.id}/items`, {
        itemIds: itemsOf(rows),
        ...change,
      });
    expect((await set(direct.slice(0, 7), { type: 'transfer', receiverId: aple.id })).status).toBe(200);
    expect((await set(direct.slice(7, 8), { type: 'close_as_stable' })).status).toBe(200);
    expect(
      (await set(direct.slice(8, 9), { type: 'close_as_stable', note: 'Living safely with her aunt.' })).status,
    ).toBe(200);
    expect(
      (await set(direct.slice(9), { type: 'to_authorities', receiverId: dosvySR.id, note: 'Not found since June.' }))
        .status,
    ).toBe(200);
    expect((await set(remote.slice(0, 5), { receiverId: aple.id })).status).toBe(200);
    expect((await set(remote.slice(5), { receiverId: dosvyPP.id })).status).toBe(200);
    const users = await call(manager, 'PATCH', `/handover-plans/${plan.id}`, {
      usersToDisable: leavers.map((user) => user.id),
    });
    expect(users.status).toBe(200);
    const submitted = await call<HandoverPlanDetail>(manager, 'POST', `/handover-plans/${plan.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    // Submitted: nothing more changes in it.
    expect((await set(direct.slice(0, 1), { note: 'late' })).status).toBe(409);
  });

  it('is approved by the office’s manager only, never by its drafter while another manager exists', async () => {
    // The supervisor who drafted it holds no approval.
    expect((await call(manager, 'POST', `/handover-plans/${plan.id}/approve`)).status).toBe(403);
    // A director drafting a plan of their own does not approve it while another director exists.
    const second = await tdh.addUser(['org_admin']);
    const own = await call<HandoverPlanDetail>(director, 'POST', '/handover-plans', {
      id: randomUUID(),
      name: 'Kitchen project',
      reason: 'Ends',
      caseIds: [],
    });
    expect(own.body.mayApprove).toBe(false);
    // An organisation whose only manager drafts approves its own plan (nobody else could).
    const small = await createTestOrganisation(server, { withUser: ['org_admin'] });
    const child = await openCase(small.user, 'Smallchild');
    const smallPlan = await call<HandoverPlanDetail>(small.user, 'POST', '/handover-plans', {
      id: randomUUID(),
      name: 'Only office',
      reason: 'Closes',
      caseIds: [child.id],
    });
    await call(small.user, 'PATCH', `/handover-plans/${smallPlan.body.id}/items`, {
      itemIds: [smallPlan.body.items[0]!.id],
      type: 'close_as_stable',
    });
    await call(small.user, 'POST', `/handover-plans/${smallPlan.body.id}/submit`);
    const approvedOwn = await call<HandoverPlanDetail>(
      small.user,
      'POST',
      `/handover-plans/${smallPlan.body.id}/approve`,
    );
    expect(approvedOwn.status).toBe(200);
    expect(approvedOwn.body.progress.done).toBe(1);
    // The seed's plan: the director approves the supervisor's draft.
    const detail = await call<HandoverPlanDetail>(second, 'GET', `/handover-plans/${plan.id}`);
    expect(detail.body.mayApprove).toBe(true);
    const approved = await call<HandoverPlanDetail>(director, 'POST', `/handover-plans/${plan.id}/approve`);
    expect(approved.status).toBe(200);
    plan = approved.body;
    expect(plan.status).toBe('approved');
    expect(plan.approvedByName).toBeTruthy();
    // Closed as stable and handed to the authorities by the office at once; the others wait.
    expect(plan.progress).toEqual({ total: 21, waiting: 18, accepted: 0, declined: 0, done: 3 });
    // The same approval again changes nothing.
    const again = await call<HandoverPlanDetail>(second, 'POST', `/handover-plans/${plan.id}/approve`);
    expect(again.body.progress).toEqual(plan.progress);
  });

  it('closes the stable cases, and gives the missing child’s whole case to the department', async () => {
    for (const row of direct.slice(7, 9)) {
      const state = await call<{ status: string }>(director, 'GET', `/cases/${row.id}/state`);
      expect(state.body.status).toBe('closed');
      // The closure names the plan whose approval approved it, and who approved.
      const events = await call<{ items: { type: string; payload: Record<string, string> }[] }>(
        director,
        'GET',
        `/cases/${row.id}/events`,
      );
      const closure = events.body.items.find((event) => event.type === 'closure')!;
      expect(closure.payload.summary).toContain(`Closure approved with the handover plan “${plan.name}” by `);
      expect(closure.payload.summary).toContain(plan.approvedByName!);
      const step = events.body.items.find((event) => event.type === 'handover')!;
      expect(step.payload).toMatchObject({
        step: 'closed_as_stable',
        planName: plan.name,
        approverName: plan.approvedByName,
      });
    }
    const missing = direct[9]!;
    const read = await call<CaseDetail>(dosvySR.user, 'GET', `/cases/${missing.id}`);
    expect(read.status).toBe(200);
    const events = await call<{ items: { type: string; payload: { step?: string } }[] }>(
      dosvySR.user,
      'GET',
      `/cases/${missing.id}/events`,
    );
    expect(
      events.body.items.some((event) => event.type === 'handover' && event.payload.step === 'to_authorities'),
    ).toBe(true);
    // Phnom Penh's department was given nothing of it.
    expect((await call(dosvyPP.user, 'GET', `/cases/${missing.id}`)).status).toBe(404);
  });

  it('prints the handover summary per receiver and per child, in English and Khmer', async () => {
    for (const language of ['en', 'km'] as const) {
      const response = await fetch(
        server.url(`/handover-plans/${plan.id}/summary?language=${language}&receiver=${dosvySR.id}`),
        { headers: { authorization: `Bearer ${director.token}` } },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The cover and one page per child: the one child handed to Siem Reap's department.
      expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
      if (process.env.HANDOVER_SUMMARY_OUT)
        writeFileSync(`${process.env.HANDOVER_SUMMARY_OUT}/summary-${language}.pdf`, pdf);
    }
    const one = await fetch(server.url(`/handover-plans/${plan.id}/summary?item=${plan.items[0]!.id}`), {
      headers: { authorization: `Bearer ${director.token}` },
    });
    expect(
      Buffer.from(await one.arrayBuffer())
        .toString('latin1')
        .match(/\/Type \/Page\b/g),
    ).toHaveLength(2);
    const whole = await fetch(server.url(`/handover-plans/${plan.id}/summary?language=km`), {
      headers: { authorization: `Bearer ${director.token}` },
    });
    if (process.env.HANDOVER_SUMMARY_OUT)
      writeFileSync(`${process.env.HANDOVER_SUMMARY_OUT}/summary-all-km.pdf`, Buffer.from(await whole.arrayBuffer()));
    expect(
      (
        await fetch(server.url(`/handover-plans/${plan.id}/summary`), {
          headers: { authorization: `Bearer ${stranger.user.token}` },
        })
      ).status,
    ).toBe(404);
    const prints = await server.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'handover.print')
      .execute();
    expect(prints.length).toBeGreaterThanOrEqual(4);
  });

  it('shows each receiver only what waits for it, without the child’s name', async () => {
    const incoming = await call<{ items: IncomingHandoverItem[] }>(aple.user, 'GET', '/handover-items/incoming');
    expect(incoming.status).toBe(200);
    expect(incoming.body.items.filter((item) => item.status === 'waiting')).toHaveLength(12);
    expect(JSON.stringify(incoming.body)).not.toMatch(/Direct\d|Remote\d|Dara/);
    const pp = await call<{ items: IncomingHandoverItem[] }>(dosvyPP.user, 'GET', '/handover-items/incoming');
    expect(pp.body.items).toHaveLength(6);
    // Before accepting, the receiver does not reach the case.
    expect((await call(aple.user, 'GET', `/cases/${direct[0]!.id}`)).status).toBe(404);
  });

  it('answers 404 for another organisation’s plan and for items waiting for someone else', async () => {
    expect((await call(stranger.user, 'GET', `/handover-plans/${plan.id}`)).status).toBe(404);
    expect((await call(stranger.user, 'POST', `/handover-plans/${plan.id}/approve`)).status).toBe(404);
    expect((await call(aple.user, 'GET', `/handover-plans/${plan.id}`)).status).toBe(404);
    const ppItem = plan.items.find((item) => item.receiverId === dosvyPP.id)!;
    expect((await call(aple.user, 'POST', '/handover-items/accept', { itemIds: [ppItem.id] })).status).toBe(404);
    expect(
      (await call(stranger.user, 'POST', '/handover-items/decline', { itemIds: [ppItem.id], reason: 'no' })).status,
    ).toBe(404);
    // A caseworker holds no handover permission at all.
    expect((await call(apleWorker, 'GET', '/handover-items/incoming')).status).toBe(403);
  });

  it('lets one receiver accept in bulk, the same request many times at once, and decline one with a reason', async () => {
    const declined = itemsOf(remote.slice(4, 5));
    const accepted = plan.items
      .filter((item) => item.receiverId === aple.id && !declined.includes(item.id))
      .map((item) => item.id);
    expect(accepted).toHaveLength(11);
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        call(aple.user, 'POST', '/handover-items/accept', { itemIds: accepted, workerId: apleWorker.id }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const refusal = await call(aple.user, 'POST', '/handover-items/decline', {
      itemIds: declined,
      reason: 'We have no social worker in that district.',
    });
    expect(refusal.status).toBe(200);

    // Each transferred case is APLE's now, numbered by APLE, with one lead change and one acceptance step.
    for (const row of direct.slice(0, 7)) {
      const read = await call<CaseDetail>(apleWorker, 'GET', `/cases/${row.id}`);
      expect(read.status).toBe(200);
      expect(read.body.caseNumber).not.toBe(row.caseNumber);
      const references = await server.db.kysely
        .selectFrom('case_reference')
        .select('case_number')
        .where('case_id', '=', row.id)
        .execute();
      expect(references.map((reference) => reference.case_number)).toEqual([row.caseNumber]);
      const events = await call<{ items: { type: string; payload: { step?: string } }[] }>(
        apleWorker,
        'GET',
        `/cases/${row.id}/events`,
      );
      const steps = events.body.items.filter((event) => event.type === 'handover').map((event) => event.payload.step);
      expect(steps.sort()).toEqual(['accepted', 'offered']);
    }
    // The office keeps the case under its own number in its plan, and reads what it wrote only.
    const detail = await call<HandoverPlanDetail>(director, 'GET', `/handover-plans/${plan.id}`);
    const first = detail.body.items.find((item) => item.caseId === direct[0]!.id)!;
    expect(first.caseNumber).toBe(direct[0]!.caseNumber);
    const officeTimeline = await call<{ items: { type: string; payload: { step?: string } }[] }>(
      director,
      'GET',
      `/cases/${direct[0]!.id}/events`,
    );
    expect(officeTimeline.body.items.map((event) => event.payload.step ?? event.type)).toContain('offered');

    // Each remote case: the office's participation ended, APLE's began with the same sections.
    for (const row of remote.slice(0, 4)) {
      const rows = await server.db.kysely
        .selectFrom('case_participant')
        .select(['organisation_id', 'sections', 'ended_on', 'role'])
        .where('case_id', '=', row.id)
        .execute();
      expect(rows.find((p) => p.organisation_id === tdh.id)?.ended_on).toBeTruthy();
      const apleRow = rows.find((p) => p.organisation_id === aple.id)!;
      expect(apleRow.ended_on).toBeNull();
      expect(apleRow.role).toBe('service_provider');
      expect(apleRow.sections).toEqual(['services', 'notes']);
      expect(rows).toHaveLength(2);
    }
    const progress = (await call<HandoverPlanDetail>(director, 'GET', `/handover-plans/${plan.id}`)).body;
    expect(progress.status).toBe('in_progress');
    expect(progress.progress).toEqual({ total: 21, waiting: 6, accepted: 11, declined: 1, done: 3 });
    const accepts = await server.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'handover.accept')
      .where('organisation_id', '=', aple.id)
      .execute();
    expect(accepts).toHaveLength(11);
  });

  it('does not complete while cases wait or were declined; the declined case goes to another receiver', async () => {
    const early = await call<{ code: string }>(director, 'POST', `/handover-plans/${plan.id}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('items_open');
    const pp = plan.items.filter((item) => item.receiverId === dosvyPP.id).map((item) => item.id);
    expect((await call(dosvyPP.user, 'POST', '/handover-items/accept', { itemIds: pp })).status).toBe(200);
    const declined = itemsOf(remote.slice(4, 5));
    const reassigned = await call<HandoverPlanDetail>(manager, 'PATCH', `/handover-plans/${plan.id}/items`, {
      itemIds: declined,
      receiverId: dosvySR.id,
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.progress).toEqual({ total: 21, waiting: 1, accepted: 17, declined: 0, done: 3 });
    // A waiting case cannot be reassigned: only a declined one.
    expect(
      (
        await call(manager, 'PATCH', `/handover-plans/${plan.id}/items`, {
          itemIds: itemsOf(remote.slice(0, 1)),
          receiverId: dosvySR.id,
        })
      ).status,
    ).toBe(409);
    expect((await call(dosvySR.user, 'POST', '/handover-items/accept', { itemIds: declined })).status).toBe(200);
    expect((await call(dosvySR.user, 'GET', `/cases/${remote[4]!.id}`)).status).toBe(200);
  });

  it('disables the office’s chosen users at completion, and ends their sessions', async () => {
    expect((await call(leavers[0]!, 'GET', '/cases')).status).toBe(200);
    const done = await call<HandoverPlanDetail>(director, 'POST', `/handover-plans/${plan.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.progress).toEqual({ total: 21, waiting: 0, accepted: 18, declined: 0, done: 3 });
    for (const leaver of leavers) expect((await call(leaver, 'GET', '/cases')).status).toBe(401);
    // The director and the drafting manager were not chosen, and keep working.
    expect((await call(manager, 'GET', '/handover-plans')).status).toBe(200);
    const again = await call<HandoverPlanDetail>(director, 'POST', `/handover-plans/${plan.id}/complete`);
    expect(again.body.status).toBe('completed');
    const audit = await server.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('organisation_id', '=', tdh.id)
      .where('action', 'like', 'handover.%')
      .execute();
    const actions = new Set(audit.map((row) => row.action));
    for (const action of ['handover.plan_create', 'handover.submit', 'handover.approve', 'handover.complete']) {
      expect(actions).toContain(action);
    }
  });
});
