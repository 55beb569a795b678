import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseEvent, CaseState, Facility } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import type { Problem } from './support/problem';
import { countRows } from './support/test-db';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

describeOnEachEngine('the life of a case over HTTP', (engine) => {
  let server: TestServer;
  let ngo: TestOrganisation;
  let supervisor: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    server = await startTestServer(engine);
    ngo = await createTestOrganisation(server, { withUser: 'caseworker' });
    supervisor = await ngo.addUser(['supervisor']);
    admin = await ngo.addUser(['org_admin']);
  });
  afterAll(() => server.close());

  const record = (user: TestUser, caseId: string, body: Record<string, unknown>) =>
    api<CaseEvent & Problem>(server, 'POST', `/cases/${caseId}/events`, { token: user.token, body });
  const state = async (caseId: string) =>
    (await api<CaseState>(server, 'GET', `/cases/${caseId}/state`, { token: ngo.user.token })).body;
  const approve = async (caseId: string, subject: string, on: string) => {
    const request = await record(ngo.user, caseId, { type: 'approval_request', occurredOn: on, payload: { subject } });
    expect(request.status).toBe(201);
    const decision = await record(supervisor, caseId, {
      type: 'approval_decision',
      occurredOn: on,
      payload: { requestId: request.body.id, decision: 'approved', comment: 'Agreed at case conference.' },
    });
    expect(decision.status).toBe(201);
  };

  it('walks one child from intake to closure and reopening', async () => {
    const shelter = await api<Facility>(server, 'POST', '/facilities', {
      token: admin.token,
      body: { name: 'Tonle Shelter', careType: 'shelter', capacity: 1, villageCode: '01020101' },
    });
    expect(shelter.status).toBe(201);
    expect(shelter.body.occupancy).toBe(0);
    const child = (
      await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase({ riskLevel: 'high' }) })
    ).body;
    const id = child.id;
    expect((await state(id)).riskLevel).toBe('high');

    expect(
      (
        await record(ngo.user, id, {
          type: 'consent',
          occurredOn: '2026-10-02',
          payload: { scope: 'services', action: 'given', givenBy: 'child_and_guardian' },
        })
      ).status,
    ).toBe(201);
    const csi = await record(ngo.user, id, {
      type: 'assessment_csi',
      occurredOn: '2026-10-05',
      payload: { scores: [{ domain: 'emotional_health', score: 1, reason: 'Nightmares, withdrawn' }] },
    });
    expect(csi.status).toBe(201);
    const plan = await record(ngo.user, id, {
      type: 'care_plan',
      occurredOn: '2026-10-08',
      payload: {
        reviewOn: '2027-01-08',
        goals: [
          {
            domain: 'emotional_health',
            goal: 'Sleeps well',
            actions: [{ action: 'Counselling weekly', who: 'Counsellor', by: '2026-12-01' }],
          },
        ],
      },
    });
    expect(plan.status).toBe(201);
    expect((await state(id)).carePlan).toMatchObject({ approved: false });
    const request = await record(ngo.user, id, {
      type: 'approval_request',
      occurredOn: '2026-10-08',
      payload: { subject: 'care_plan', eventId: plan.body.id },
    });
    // A caseworker cannot approve their own plan.
    const selfApproval = await record(ngo.user, id, {
      type: 'approval_decision',
      occurredOn: '2026-10-09',
      payload: { requestId: request.body.id, decision: 'approved' },
    });
    expect(selfApproval.status).toBe(403);
    expect(
      (
        await record(supervisor, id, {
          type: 'approval_decision',
          occurredOn: '2026-10-09',
          payload: { requestId: request.body.id, decision: 'approved' },
        })
      ).status,
    ).toBe(201);
    expect((await state(id)).carePlan).toMatchObject({ approved: true });

    expect(
      (
        await record(ngo.user, id, {
          type: 'placement',
          occurredOn: '2026-10-10',
          payload: { careType: 'shelter', facilityId: shelter.body.id },
        })
      ).status,
    ).toBe(201);
    const facilities = await api<{ items: Facility[] }>(server, 'GET', '/facilities', { token: ngo.user.token });
    expect(facilities.body.items.find((f) => f.id === shelter.body.id)?.occupancy).toBe(1);
    expect((await state(id)).placement).toMatchObject({
      careType: 'shelter',
      facilityName: 'Tonle Shelter',
      since: '2026-10-10',
    });

    const refused = await record(ngo.user, id, {
      type: 'reintegration',
      occurredOn: '2026-10-20',
      payload: { destination: 'birth_family', childConsents: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('approval_required');
    await approve(id, 'reintegration', '2026-10-20');
    expect(
      (
        await record(ngo.user, id, {
          type: 'reintegration',
          occurredOn: '2026-10-21',
          payload: { destination: 'birth_family', childConsents: true },
        })
      ).status,
    ).toBe(201);
    let now = await state(id);
    expect(now).toMatchObject({ status: 'follow_up', reintegratedOn: '2026-10-21', placement: null });
    expect(now.followUp.next).toBe('2026-11-21');
    expect(now.followUp.due).toHaveLength(14);

    expect(
      (
        await record(ngo.user, id, {
          type: 'follow_up_visit',
          occurredOn: '2026-11-20',
          payload: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
        })
      ).status,
    ).toBe(201);
    now = await state(id);
    expect(now.followUp).toMatchObject({ done: ['2026-11-21'], next: '2026-12-21', overdue: [] });
    const row = await server.db.kysely
      .selectFrom('child_case')
      .select(['status', 'next_follow_up_on', 'current_facility_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'follow_up', next_follow_up_on: '2026-12-21', current_facility_id: null });

    await approve(id, 'closure', '2026-11-22');
    expect(
      (
        await record(ngo.user, id, {
          type: 'closure',
          occurredOn: '2026-11-22',
          payload: { reason: 'stable_and_safe', summary: 'Back at school, family safe.' },
        })
      ).status,
    ).toBe(201);
    const before = await countRows(server.db, 'case_event');
    const onClosed = await record(ngo.user, id, {
      type: 'follow_up_visit',
      occurredOn: '2026-11-23',
      payload: { mode: 'phone', livingInGoodConditions: true, schoolOrWork: 'in_school' },
    });
    expect(onClosed.status).toBe(400);
    expect(onClosed.body.code).toBe('case_closed');
    expect(await countRows(server.db, 'case_event')).toBe(before);
    expect(
      (
        await record(ngo.user, id, {
          type: 'reopening',
          occurredOn: '2026-11-23',
          payload: { reason: 'New report from the CCWC.' },
        })
      ).status,
    ).toBe(201);
    expect((await state(id)).status).toBe('active');
    const timeline = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${id}/events`, { token: ngo.user.token });
    expect(timeline.body.items.map((event) => event.type)).toContain('closure');
  });

  it('refuses a full facility without a reason, and a facility of another organisation', async () => {
    const small = (
      await api<Facility>(server, 'POST', '/facilities', {
        token: admin.token,
        body: { name: 'Group home 1', careType: 'group_home', capacity: 1 },
      })
    ).body;
    const first = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
    const second = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
    const place = (caseId: string, extra: Record<string, unknown> = {}) =>
      record(ngo.user, caseId, {
        type: 'placement',
        occurredOn: '2026-10-03',
        payload: { careType: 'group_home', facilityId: small.id, ...extra },
      });
    expect((await place(first.id)).status).toBe(201);
    const full = await place(second.id);
    expect(full.status).toBe(400);
    expect(full.body.code).toBe('facility_full');
    expect(full.body.errors?.[0]?.field).toBe('payload.overCapacityReason');
    expect((await place(second.id, { overCapacityReason: 'Emergency night placement with her sister.' })).status).toBe(
      201,
    );

    const other = await createTestOrganisation(server, { withUser: ['org_admin', 'caseworker'] });
    expect((await api(server, 'GET', `/facilities/${small.id}/children`, { token: other.user.token })).status).toBe(
      404,
    );
    const theirCase = (await api<CaseDetail>(server, 'POST', '/cases', { token: other.user.token, body: aNewCase() }))
      .body;
    const foreign = await record(other.user, theirCase.id, {
      type: 'placement',
      occurredOn: '2026-10-03',
      payload: { careType: 'group_home', facilityId: small.id },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors?.[0]?.field).toBe('payload.facilityId');
    const children = await api<{ items: { caseId: string }[] }>(server, 'GET', `/facilities/${small.id}/children`, {
      token: ngo.user.token,
    });
    expect(children.body.items.map((item) => item.caseId).sort()).toEqual([first.id, second.id].sort());
  });

  it('opens fifteen cases from one group referral, or none when one child is wrong', async () => {
    const ID_TWICE = '6f1c2b0e-4d3a-4b8e-9c7d-2a1b0c9d8e7f';
    const referral = { source: 'ngo', sourceName: 'IOM', referredOn: '2026-11-02', reason: 'Returned from Malaysia' };
    const children = Array.from({ length: 15 }, (_, index) => ({
      familyNameLatin: 'Returnee',
      givenNameLatin: `Child ${index + 1}`,
      sex: index % 3 === 0 ? 'female' : 'male',
      estimatedAge: 12 + (index % 5),
    }));
    const before = await countRows(server.db, 'child_case');
    const bad = await api<Problem>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: {
        referral,
        caseTypes: ['TL', 'RC'],
        children: children.map((child, index) => (index === 11 ? { ...child, givenNameLatin: '' } : child)),
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((error) => error.field)).toContain('children.11.givenNameKm');
    expect(await countRows(server.db, 'child_case')).toBe(before);

    const group = await api<{ items: CaseDetail[] }>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: { referral, caseTypes: ['TL', 'RC'], children },
    });
    expect(group.status).toBe(201);
    expect(group.body.items).toHaveLength(15);
    expect(new Set(group.body.items.map((item) => item.caseNumber)).size).toBe(15);
    expect(
      group.body.items.every((item) => item.referral.sourceName === 'IOM' && item.caseTypes.join() === 'TL,RC'),
    ).toBe(true);
    expect(await countRows(server.db, 'child_case')).toBe(before + 15);

    // Sent again (an offline retry), the same cases come back; a used id among new ones, the same ids in
    // another request, or one id twice, is refused and opens nothing.
    const withIds = children.slice(0, 2).map((child) => ({ ...child, id: randomUUID() }));
    const pair = { referral, caseTypes: ['TL'], children: withIds };
    const first = await api<{ items: CaseDetail[] }>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: pair,
    });
    expect(first.status).toBe(201);
    const retry = await api<{ items: CaseDetail[] }>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: pair,
    });
    expect(retry.status).toBe(200);
    expect(retry.body.items).toEqual(first.body.items);
    const retyped = await api<Problem>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: { ...pair, caseTypes: ['TL', 'RC'] },
    });
    expect(retyped.status).toBe(409);
    expect(retyped.body.code).toBe('id_taken');
    const mixed = await api<Problem>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: { referral, caseTypes: ['TL'], children: [children[0], withIds[1]] },
    });
    expect(mixed.status).toBe(409);
    expect(mixed.body.errors?.map((error) => error.field)).toEqual(['children.1.id']);
    const twice = await api<Problem>(server, 'POST', '/cases/group', {
      token: ngo.user.token,
      body: {
        referral,
        caseTypes: ['TL'],
        children: [
          { ...children[0], id: ID_TWICE },
          { ...children[1], id: ID_TWICE },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors?.map((error) => error.field)).toContain('children.1.id');
    expect(await countRows(server.db, 'child_case')).toBe(before + 17);

    const session = await api<{ attended: number }>(server, 'POST', '/group-activities', {
      token: ngo.user.token,
      body: {
        topic: 'safe_migration',
        title: 'Safe migration',
        occurredOn: '2026-11-10',
        caseIds: group.body.items.slice(0, 5).map((item) => item.id),
      },
    });
    expect(session.status).toBe(201);
    expect(session.body.attended).toBe(5);
    const timeline = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${group.body.items[0]?.id}/events`, {
      token: ngo.user.token,
    });
    expect(timeline.body.items.map((event) => event.type)).toEqual(['intake', 'group_session']);
  });

  it('finds a known child across scripts and spellings before a duplicate is opened', async () => {
    const known = (
      await api<CaseDetail>(server, 'POST', '/cases', {
        token: ngo.user.token,
        body: aNewCase({
          familyNameKm: 'ម៉ៅ',
          givenNameKm: 'សុភា',
          familyNameLatin: undefined,
          givenNameLatin: undefined,
          dateOfBirth: '2011-05-01',
          villageCode: '01020101',
        }),
      })
    ).body;
    const result = await api<{ items: { case: { id: string }; level: string }[] }>(
      server,
      'POST',
      '/cases/duplicates',
      {
        token: ngo.user.token,
        body: {
          familyNameLatin: 'Mao',
          givenNameLatin: 'Sophea',
          sex: 'female',
          dateOfBirth: '2011-05-03',
          villageCode: '01020101',
        },
      },
    );
    expect(result.status).toBe(200);
    expect(result.body.items[0]).toMatchObject({ case: { id: known.id }, level: 'likely' });
    const unrelated = await api<{ items: { case: { id: string } }[] }>(server, 'POST', '/cases/duplicates', {
      token: ngo.user.token,
      body: { familyNameLatin: 'Heng', givenNameLatin: 'Visal', sex: 'male', dateOfBirth: '2004-01-01' },
    });
    expect(unrelated.body.items.map((item) => item.case.id)).not.toContain(known.id);
  });

  it('lets a supervisor merge a duplicate into the original, keeping both histories', async () => {
    const original = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() }))
      .body;
    const duplicate = (
      await api<CaseDetail>(server, 'POST', '/cases', {
        token: ngo.user.token,
        body: aNewCase({ givenNameLatin: 'Dhara' }),
      })
    ).body;
    const body = {
      otherCaseId: original.id,
      resolution: 'merged_into_other',
      note: 'Same girl, entered twice at the transit centre.',
    };
    expect(
      (await api(server, 'POST', `/cases/${duplicate.id}/duplicates/resolve`, { token: ngo.user.token, body })).status,
    ).toBe(403);
    expect(
      (await api(server, 'POST', `/cases/${duplicate.id}/duplicates/resolve`, { token: supervisor.token, body }))
        .status,
    ).toBe(204);
    expect((await state(duplicate.id)).status).toBe('closed');
    expect((await state(original.id)).status).toBe('active');
    const timeline = await api<{ items: CaseEvent[] }>(server, 'GET', `/cases/${original.id}/events`, {
      token: ngo.user.token,
    });
    expect(timeline.body.items.at(-1)?.payload).toMatchObject({
      otherCaseId: duplicate.id,
      resolution: 'other_merged_here',
    });
    const reopen = await record(ngo.user, duplicate.id, {
      type: 'reopening',
      occurredOn: '2026-11-23',
      payload: { reason: 'x' },
    });
    expect(reopen.body.code).toBe('merged');
    const audited = await server.db.kysely
      .selectFrom('audit_log')
      .select('case_id')
      .where('action', '=', 'case.event_add')
      .where('user_id', '=', supervisor.id)
      .execute();
    expect(audited.map((row) => row.case_id)).toEqual(expect.arrayContaining([original.id, duplicate.id]));
  });

  it('shows supervisors what is waiting, and each worker their tasks', async () => {
    const child = (await api<CaseDetail>(server, 'POST', '/cases', { token: ngo.user.token, body: aNewCase() })).body;
    await record(ngo.user, child.id, {
      type: 'approval_request',
      occurredOn: '2026-10-05',
      payload: { subject: 'reintegration' },
    });
    const summary = await api<{
      pendingApprovals: { caseId: string; subject: string }[];
      withoutAssessment: { caseId: string }[];
    }>(server, 'GET', '/supervision', {
      token: supervisor.token,
    });
    expect(summary.status).toBe(200);
    expect(summary.body.pendingApprovals).toContainEqual(
      expect.objectContaining({ caseId: child.id, subject: 'reintegration' }),
    );
    expect(summary.body.withoutAssessment.map((row) => row.caseId)).toContain(child.id);
    expect((await api(server, 'GET', '/supervision', { token: ngo.user.token })).status).toBe(403);
    const tasks = await api<{ items: { kind: string; caseId: string }[] }>(server, 'GET', '/tasks', {
      token: supervisor.token,
    });
    expect(tasks.body.items).toContainEqual(expect.objectContaining({ kind: 'approval', caseId: child.id }));
  });
});
