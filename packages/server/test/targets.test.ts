import type { CaseDetail, CaseType, ReferralSource, ReportResult, Target, TargetProgress } from '@homeward/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * A shelter in Svay Rieng in the first half of 2026, counted by hand:
 *   C1 TL, referred 10 Jan; shelter from 11 Jan; reintegrated 5 Mar to the birth family
 *   C2 TL+RC, referred 3 Feb; shelter from 4 Feb; moved to a group home 10 Apr
 *   C3 DV, referred 20 Feb; shelter from 21 Feb
 *   C4 SA, referred 1 Dec 2025; residential care from 2 Dec 2025; reintegrated 15 May to relatives
 *   C5 NC, referred 1 Nov 2025; shelter from 2 Nov 2025; independent living from 10 Feb
 *   C6 NC, referred 1 Oct 2025; residential care from 2 Oct 2025
 * In residential care on 1 Jan 2026: C4, C5, C6 and no other (C1-C3 came later), so a cohort of 3.
 * Another NGO in Banteay Meanchey: B1 TL, referred 15 Jan, shelter, moved to a group home 1 Mar.
 */
const AS_OF = '2026-06-30';
const YEAR = { periodFrom: '2026-01-01', periodTo: '2026-12-31' };

describeOnEachEngine('indicator targets', (engine) => {
  let server: TestServer;
  let shelter: TestOrganisation;
  let officer: TestUser;
  let caseworker: TestUser;
  let other: TestOrganisation;
  let department: TestOrganisation;
  const ids: Record<string, string> = {};

  async function post<T = { id: string }>(user: TestUser, path: string, body: unknown) {
    const response = await api<T>(server, 'POST', path, { token: user.token, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const referral = (source: ReferralSource, referredOn: string) => ({ source, sourceName: 'Police', referredOn });

  async function child(
    user: TestUser,
    name: string,
    caseTypes: CaseType[],
    referredOn: string,
    villageCode: string,
    events: [string, string, Record<string, unknown>][],
  ) {
    const created = await post<CaseDetail>(
      user,
      '/cases',
      aNewCase({ givenNameLatin: name, caseTypes, villageCode, referral: referral('police', referredOn) }),
    );
    ids[name] = created.id;
    for (const [occurredOn, type, payload] of events)
      await post(user, `/cases/${created.id}/events`, { type, occurredOn, payload });
  }

  const placed = (on: string, careType = 'shelter'): [string, string, Record<string, unknown>] => [
    on,
    'placement',
    { careType },
  ];
  const left = (on: string, destination: string): [string, string, Record<string, unknown>] => [
    on,
    'reintegration',
    { destination, childConsents: true },
  ];

  async function progress(user: TestUser, asOf = AS_OF) {
    const response = await api<{ asOf: string; items: TargetProgress[] }>(
      server,
      'GET',
      `/targets/progress?asOf=${asOf}`,
      { token: user.token },
    );
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const auditActions = async (organisationId: string) =>
    (
      await server.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('organisation_id', '=', organisationId)
        .where('action', 'like', 'target.%')
        .orderBy('id')
        .execute()
    ).map((row) => row.action);

  beforeAll(async () => {
    server = await startTestServer(engine);
    shelter = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Shelter A' });
    officer = await shelter.addUser(['me_officer']);
    caseworker = await shelter.addUser(['caseworker']);
    other = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Other NGO' });
    department = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      name: 'DoSVY Svay Rieng',
      kind: 'government',
      provinceCode: '20',
    });
    for (const org of [shelter, other]) {
      const saved = await api(server, 'PUT', '/settings/cases', {
        token: org.user.token,
        body: { approvalGates: [] },
      });
      expect(saved.status).toBe(200);
    }
    const admin = shelter.user;
    await child(admin, 'C1', ['TL'], '2026-01-10', '20010301', [
      placed('2026-01-11'),
      left('2026-03-05', 'birth_family'),
    ]);
    await child(admin, 'C2', ['TL', 'RC'], '2026-02-03', '20010302', [
      placed('2026-02-04'),
      left('2026-04-10', 'group_home'),
    ]);
    await child(admin, 'C3', ['DV'], '2026-02-20', '20010303', [placed('2026-02-21')]);
    await child(admin, 'C4', ['SA'], '2025-12-01', '20010304', [
      placed('2025-12-02', 'residential_care'),
      left('2026-05-15', 'relatives'),
    ]);
    await child(admin, 'C5', ['NC'], '2025-11-01', '20010301', [
      placed('2025-11-02'),
      left('2026-02-10', 'independent_living'),
    ]);
    await child(admin, 'C6', ['NC'], '2025-10-01', '20010302', [placed('2025-10-02', 'residential_care')]);
    await child(other.user, 'B1', ['TL'], '2026-01-15', '01020101', [
      placed('2026-01-16'),
      left('2026-03-01', 'group_home'),
    ]);
  });
  afterAll(() => server.close());

  let referrals: Target;
  let returned: Target;
  let moved: Target;

  it('sets targets, refuses what cannot be counted and those without target.manage, and audits each change', async () => {
    referrals = await post<Target>(officer, '/targets', {
      indicator: 'referrals',
      breakdownKey: 'TL',
      ...YEAR,
      value: 60,
    });
    returned = await post<Target>(officer, '/targets', {
      indicator: 'returned_to_family',
      ...YEAR,
      baselineOn: '2026-01-01',
      value: 30,
      note: 'Provincial plan 2026',
    });
    moved = await post<Target>(shelter.user, '/targets', {
      indicator: 'moved_to_group_home_or_independent_living',
      ...YEAR,
      value: 4,
    });
    expect(returned).toMatchObject({ indicator: 'returned_to_family', baselineOn: '2026-01-01', value: 30 });

    const noBaseline = await api<{ code?: string }>(server, 'POST', '/targets', {
      token: officer.token,
      body: { indicator: 'returned_to_family', ...YEAR, value: 30 },
    });
    expect(noBaseline.status).toBe(400);
    const tooMuch = await api(server, 'POST', '/targets', {
      token: officer.token,
      body: { indicator: 'returned_to_family', ...YEAR, baselineOn: '2026-01-01', value: 130 },
    });
    expect(tooMuch.status).toBe(400);
    const byCaseworker = await api(server, 'POST', '/targets', {
      token: caseworker.token,
      body: { indicator: 'referrals', ...YEAR, value: 10 },
    });
    expect(byCaseworker.status).toBe(403);

    const listed = await api<{ items: Target[] }>(server, 'GET', '/targets', { token: officer.token });
    expect(listed.body.items.map((target) => target.id).sort()).toEqual([referrals.id, returned.id, moved.id].sort());
    expect(await auditActions(shelter.id)).toEqual(['target.create', 'target.create', 'target.create']);
  });

  it('computes progress from the cases, as the report engine counts them', async () => {
    const items = await progress(officer);
    const of = (target: Target) => items.find((item) => item.target.id === target.id);

    // TL referrals: C1 in January, C2 in February; 60 × 181 / 365 = 29.8 were due by 30 June.
    expect(of(referrals)).toMatchObject({
      actual: 2,
      targetCount: 60,
      percentAchieved: 3.3,
      expectedByNow: 29.8,
      status: 'behind',
      countedTo: AS_OF,
    });
    expect(of(referrals)?.series.map((point) => point.actual)).toEqual([1, 2, 2, 2, 2, 2]);

    // Cohort C4, C5, C6; only C4 went back to a family (C5 to independent living): 1 of 3 = 33.3 %, over 30 %.
    expect(of(returned)).toMatchObject({
      actual: 33.3,
      achievedCount: 1,
      cohortCount: 3,
      targetCount: 1,
      percentAchieved: 111,
      status: 'achieved',
    });
    expect(of(returned)?.series.map((point) => point.actual)).toEqual([0, 0, 0, 0, 33.3, 33.3]);
    expect(of(returned)?.series.map((point) => point.expected)).toEqual([2.5, 4.8, 7.4, 9.9, 12.4, 14.9]);

    // C5 to independent living in February, C2 to a group home in April; B1 is another NGO's.
    expect(of(moved)).toMatchObject({ actual: 2, expectedByNow: 2, percentAchieved: 50, status: 'on_track' });
    expect(of(moved)?.series.map((point) => point.actual)).toEqual([0, 1, 1, 2, 2, 2]);

    const report = await api<ReportResult>(
      server,
      'GET',
      '/reports/alternative-care-progress?from=2026-01-01&to=2026-06-30',
      { token: officer.token },
    );
    const byFacility = report.body.tables.find((table) => table.id === 'progress-by-facility');
    const inCare = byFacility?.columns.findIndex((column) => column.key === 'in_care') ?? -1;
    expect(byFacility?.columnTotals[inCare]).toBe(of(returned)?.cohortCount);
  });

  it('has not started before its first day', async () => {
    const items = await progress(officer, '2025-12-31');
    expect(items.map((item) => item.status)).toEqual(['not_started', 'not_started', 'not_started']);
    expect(items.every((item) => item.actual === 0 && item.series.length === 0)).toBe(true);
  });

  it('changes and deletes a target; another organisation’s target answers 404 and stays as it was', async () => {
    const changed = await api<Target>(server, 'PUT', `/targets/${referrals.id}`, {
      token: officer.token,
      body: { indicator: 'referrals', breakdownKey: 'TL', ...YEAR, value: 2 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.value).toBe(2);
    expect((await progress(officer)).find((item) => item.target.id === referrals.id)?.status).toBe('achieved');

    const body = { indicator: 'referrals', ...YEAR, value: 99 };
    for (const [method, extra] of [
      ['PUT', { body }],
      ['DELETE', {}],
    ] as const) {
      const response = await api(server, method, `/targets/${moved.id}`, { token: other.user.token, ...extra });
      expect(response.status).toBe(404);
    }
    const missing = await api(server, 'DELETE', `/targets/${crypto.randomUUID()}`, { token: officer.token });
    expect(missing.status).toBe(404);
    expect((await api<{ items: Target[] }>(server, 'GET', '/targets', { token: other.user.token })).body.items).toEqual(
      [],
    );
    expect((await progress(other.user)).length).toBe(0);
    const kept = await server.db.kysely
      .selectFrom('indicator_target')
      .select(['value', 'indicator'])
      .where('id', '=', moved.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ value: 4, indicator: 'moved_to_group_home_or_independent_living' });

    const deleted = await api(server, 'DELETE', `/targets/${moved.id}`, { token: shelter.user.token });
    expect(deleted.status).toBe(204);
    expect((await progress(officer)).map((item) => item.target.id)).not.toContain(moved.id);
    expect(await auditActions(shelter.id)).toEqual([
      'target.create',
      'target.create',
      'target.create',
      'target.progress',
      'target.progress',
      'target.update',
      'target.progress',
      'target.delete',
      'target.progress',
    ]);
    expect(await auditActions(other.id)).toEqual(['target.progress']);
  });

  it('counts a department’s targets over every organisation’s cases in its province', async () => {
    await post(department.user, '/targets', { indicator: 'referrals', breakdownKey: 'TL', ...YEAR, value: 10 });
    const [item] = await progress(department.user);
    // C1 and C2 live in Svay Rieng (20); B1 in Banteay Meanchey (01). Two children could be recognised: the
    // department's view is anonymised as its reports are, the figures hidden and the status still told.
    expect(item).toMatchObject({
      actual: null,
      achievedCount: null,
      percentAchieved: null,
      status: 'behind',
      suppressionThreshold: 5,
    });
    expect(item?.series.every((point) => point.actual === null || point.actual === 0)).toBe(true);
    const [own] = await progress(shelter.user);
    expect(own).toMatchObject({ suppressionThreshold: null });
    expect(own?.actual).not.toBeNull();
  });
});
