import type { CaseDetail, ReportResult, ReportTable } from '@homeward/core';
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
 * Reports count children, not registrations (issue 9). One shelter in Svay Rieng, the third quarter of 2026 and
 * December (the test server's today is 2026-11-23, the day the supervisor's decisions are recorded). Every number
 * below is counted by hand. Ages on 2026-09-30:
 *   A1 girl 14, TL, referred 5 Jul by Police Svay Rieng; shelter from 6 Jul.
 *   A2 the same girl registered again: TL+BEG, referred 10 Aug by RAO; shelter from 11 Aug; merged into A1 on 23 Nov.
 *   B1 boy 10, BEG only, referred 20 Jul by Police Svay Rieng; shelter from 21 Jul; ran away 15 Aug (contact lost).
 *   B2 the same boy registered again: CL only, referred 2 Sep by Police Svay Rieng; never placed; linked to B1.
 *   C1 girl 17, DV, referred 10 Sep by RAO; shelter from 11 Sep.
 *   D1 boy, NC, referred 1 Oct; shelter from 2 Oct; ran away 10 Oct; contact restored (back in the shelter) 1 Nov.
 * Life-skills session on 20 Sep (reproductive health): A1, A2, B2, C1.
 */
const Q3 = 'from=2026-07-01&to=2026-09-30';

function table(result: ReportResult, id: string): ReportTable {
  const found = result.tables.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No table ${id}`);
  return found;
}

/** Every non-zero cell as `row/column=n`. */
const nonZero = (t: ReportTable) =>
  t.cells.flatMap((cells, r) => cells.flatMap((n, c) => (n ? [`${t.rows[r]?.key}/${t.columns[c]?.key}=${n}`] : [])));

describeOnEachEngine('reports count children', (engine) => {
  let server: TestServer;
  let shelter: TestOrganisation;
  let supervisor: TestUser;
  let department: TestOrganisation;
  const ids: Record<string, string> = {};

  async function post(user: TestUser, path: string, body: unknown) {
    const response = await api<{ id: string }>(server, 'POST', path, { token: user.token, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function run(user: TestUser, id: string, query: string) {
    const response = await api<ReportResult>(server, 'GET', `/reports/${id}?${query}`, { token: user.token });
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    server = await startTestServer(engine);
    shelter = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Shelter D' });
    supervisor = await shelter.addUser(['supervisor']);
    department = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      name: 'DoSVY Svay Rieng',
      kind: 'government',
      provinceCode: '20',
    });
    const admin = shelter.user;
    const settings = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }] };
    expect((await api(server, 'PUT', '/settings/cases', { token: admin.token, body: settings })).status).toBe(200);
    const f = (await post(admin, '/facilities', { name: 'Shelter F', careType: 'shelter', capacity: 30 })).id;
    const shelterStay = { careType: 'shelter', facilityId: f };
    const ranAway = { reason: 'cannot_be_found', authoritiesInformed: true };

    const children: [string, Parameters<typeof aNewCase>[0], [string, string, unknown][]][] = [
      [
        'A1',
        {
          sex: 'female',
          dateOfBirth: '2012-03-01',
          caseTypes: ['TL'],
          ...referral('police', 'Police Svay Rieng', '2026-07-05'),
        },
        [['2026-07-06', 'placement', shelterStay]],
      ],
      [
        'A2',
        { sex: 'female', dateOfBirth: '2012-03-01', caseTypes: ['TL', 'BEG'], ...referral('ngo', 'RAO', '2026-08-10') },
        [['2026-08-11', 'placement', shelterStay]],
      ],
      [
        'B1',
        {
          sex: 'male',
          dateOfBirth: '2016-05-05',
          caseTypes: ['BEG'],
          ...referral('police', 'Police Svay Rieng', '2026-07-20'),
        },
        [
          ['2026-07-21', 'placement', shelterStay],
          ['2026-08-15', 'lost_contact', ranAway],
        ],
      ],
      [
        'B2',
        {
          sex: 'male',
          dateOfBirth: '2016-05-05',
          caseTypes: ['CL'],
          ...referral('police', 'Police Svay Rieng', '2026-09-02'),
        },
        [],
      ],
      [
        'C1',
        { sex: 'female', dateOfBirth: '2009-01-01', caseTypes: ['DV'], ...referral('ngo', 'RAO', '2026-09-10') },
        [['2026-09-11', 'placement', shelterStay]],
      ],
      [
        'D1',
        {
          sex: 'male',
          dateOfBirth: '2015-01-01',
          caseTypes: ['NC'],
          ...referral('police', 'Police Svay Rieng', '2026-10-01'),
        },
        [
          ['2026-10-02', 'placement', shelterStay],
          ['2026-10-10', 'lost_contact', ranAway],
          ['2026-11-01', 'contact_restored', { note: 'Came back to the shelter with his aunt.' }],
        ],
      ],
    ];
    for (const [name, overrides, events] of children) {
      const created = (await post(
        admin,
        '/cases',
        aNewCase({ givenNameLatin: name, villageCode: '20010301', ...overrides }),
      )) as CaseDetail;
      ids[name] = created.id;
      for (const [occurredOn, type, payload] of events)
        await post(admin, `/cases/${created.id}/events`, { type, occurredOn, payload });
    }
    await post(admin, '/group-activities', {
      topic: 'reproductive_health',
      occurredOn: '2026-09-20',
      caseIds: ['A1', 'A2', 'B2', 'C1'].map((name) => ids[name]),
    });
    const resolve = (caseId: string | undefined, otherCaseId: string | undefined, resolution: string) =>
      api(server, 'POST', `/cases/${caseId}/duplicates/resolve`, {
        token: supervisor.token,
        body: { otherCaseId, resolution, note: 'The same child, registered twice.' },
      });
    expect((await resolve(ids.A2, ids.A1, 'merged_into_other')).status).toBe(204);
    expect((await resolve(ids.B1, ids.B2, 'linked')).status).toBe(204);
  });
  afterAll(() => server.close());

  function referral(source: string, sourceName: string, referredOn: string) {
    return { referral: { source, sourceName, referredOn } } as Parameters<typeof aNewCase>[0];
  }

  describe('the third quarter', () => {
    let report: ReportResult;
    beforeAll(async () => {
      report = await run(shelter.user, 'shelter-quarterly', Q3);
    });

    it('counts a child registered twice, then merged or linked, once; lists every case type, the others in one row', () => {
      const t = table(report, 'referrals-by-case-type');
      expect(t.rows.map((row) => row.key)).toEqual(['DV', 'SA', 'NC', 'TL', 'ST', 'RC', 'SW', 'other']);
      expect(t.rows.at(-1)?.label).toBe('Other case types');
      expect(nonZero(t)).toEqual([
        'DV/2026-09=1',
        'TL/2026-07=1',
        'TL/2026-08=1',
        'other/2026-07=1',
        'other/2026-08=1',
        'other/2026-09=1',
      ]);
      // A1 and A2 are one girl (TL once); B1 (BEG) and B2 (CL) one boy: "other" is the girl (A2) and the boy.
      expect(t.rowTotals).toEqual([1, 0, 0, 1, 0, 0, 0, 2]);
      expect(t.columnTotals).toEqual([2, 1, 2]);
      expect(t.grandTotal).toBe(3);
    });

    it('says next to the total why the rows and columns add up to more than it', () => {
      const t = table(report, 'referrals-by-case-type');
      expect(t.rowsOverlap).toBe(true);
      expect(t.columnsOverlap).toBe(true);
      expect(t.notes).toContain(
        'The rows add up to more than the total: a child (or visit) with several case types is counted in the row of each, and once in the total.',
      );
      expect(t.notes).toContain(
        'The columns add up to more than the total: a child can be counted in more than one column (in each month, or for each kind), and once in the total.',
      );
      const sources = table(report, 'referral-sources');
      expect(sources.rows.map((row) => row.label)).toEqual(['Police Svay Rieng', 'RAO']);
      // The girl was referred by the police (A1) and by RAO (A2): one child in each row, once in the total.
      expect(sources.cells).toEqual([
        [1, 1, 0],
        [2, 0, 0],
      ]);
      expect(sources.rowTotals).toEqual([2, 2]);
      expect(sources.grandTotal).toBe(3);
      expect(sources.notes).toContain(
        'Shares are of the total, in which each is counted once; they add up to more than 100 % because some are in more than one line.',
      );
      const sexes = table(report, 'referrals-by-month-and-sex');
      expect(sexes.rowsOverlap).toBe(true);
      expect(sexes.columnsOverlap).toBe(true);
    });

    it('counts the children referred by age and sex beside the clients in the shelter, as the seed report does', () => {
      const t = table(report, 'referrals-by-age-and-sex');
      expect(t.title).toBe('Children referred, by month, age at referral and sex, beside the children in the shelter');
      expect(nonZero(t)).toEqual([
        '2026-07/0-10|male=1',
        '2026-07/11-17|female=1',
        '2026-08/11-17|female=1',
        '2026-09/0-10|male=1',
        '2026-09/11-17|female=1',
      ]);
      expect(t.rowTotals).toEqual([2, 1, 2]);
      expect(t.grandTotal).toBe(3);
      expect(t.notes).toContain(
        'Clients in the shelter: children who lived in care (a shelter, residential care, a transit centre, a pagoda or a boarding school) on at least one day of the month.',
      );
      // In the shelter: July the girl and the boy; August the girl (A1 and A2 are one) and the boy until he ran
      // away on the 15th; September the girl and C1, not the boy.
      expect(t.besides).toEqual([
        {
          key: 'in-shelter',
          label: 'Clients in the shelter',
          position: 'before',
          counts: [2, 2, 2],
          total: 3,
        },
        { key: 'reintegrated', label: 'Children reintegrated', position: 'after', counts: [0, 0, 0], total: 0 },
      ]);
      const residents = table(report, 'residents-by-age-and-sex');
      expect(nonZero(residents)).toEqual([
        '2026-07/0-10|male=1',
        '2026-07/11-17|female=1',
        '2026-08/0-10|male=1',
        '2026-08/11-17|female=1',
        '2026-09/11-17|female=2',
      ]);
      expect(residents.rowTotals).toEqual([2, 2, 2]);
      expect(residents.grandTotal).toBe(3);
    });

    it('counts a child at a life-skills session once, whichever of their cases was marked present', () => {
      const t = table(report, 'life-skills');
      // The girl (A1 and A2) is one girl in TL and in "other"; the boy (B2) is the boy in "other".
      expect(nonZero(t)).toEqual([
        'reproductive_health/DV|female=1',
        'reproductive_health/TL|female=1',
        'reproductive_health/other|female=1',
        'reproductive_health/other|male=1',
      ]);
      expect(t.rowTotals[0]).toBe(3);
      expect(t.grandTotal).toBe(3);
    });

    it('says nothing of an unfinished period once the period has ended', () => {
      expect(report.notices).toEqual([]);
    });
  });

  it('ends a stay when the case is merged into another or the child runs away, and resumes it when they come back', async () => {
    const residence = async (from: string, to: string) => {
      const response = await api<ReportResult>(server, 'POST', '/reports/query', {
        token: shelter.user.token,
        body: {
          from,
          to,
          table: { title: 'Residents', source: 'residence', measure: 'cases', rows: ['month'] },
        },
      });
      expect(response.status).toBe(200);
      return response.body.tables[0];
    };
    // October: A1, A2 (merged only in November), C1 and D1 (until he ran away on the 10th); not B1.
    expect((await residence('2026-10-01', '2026-10-31'))?.rowTotals).toEqual([4]);
    // December: A1, C1, and D1 back since 1 November; A2 was merged into A1 on 23 November.
    const december = await residence('2026-12-01', '2026-12-31');
    expect(december?.rowTotals).toEqual([3]);
  });

  it('says on the report, in both languages, that its period has not ended yet', async () => {
    const en = await run(shelter.user, 'shelter-quarterly', 'from=2026-10-01&to=2026-12-31');
    expect(en.notices).toEqual([
      `This period has not ended yet: it runs to 2026-12-31, and these figures were counted on ${TODAY}. They will change as the period goes on.`,
    ]);
    const km = await run(shelter.user, 'shelter-quarterly', 'from=2026-10-01&to=2026-12-31&lang=km');
    expect(km.notices[0]).toContain('មិនទាន់បញ្ចប់');
    expect(km.notices[0]).toContain('2026-12-31');
  });

  describe('the floor for small counts', () => {
    const threshold = async (user: TestUser, extra = '') =>
      (await run(user, 'shelter-quarterly', `${Q3}${extra}`)).suppressionThreshold;

    it('is the data holder’s, 5 unless it set another: a reader may raise it, never lower it', async () => {
      expect(await threshold(department.user)).toBe(5);
      expect(await threshold(department.user, '&suppressBelow=2')).toBe(5);
      expect(await threshold(department.user, '&suppressBelow=8')).toBe(8);
      // The NGO's own report is anonymised only when asked, and then not below its floor either.
      expect(await threshold(shelter.user)).toBeNull();
      expect(await threshold(shelter.user, '&suppressBelow=2')).toBe(5);
      const lower = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }], reportSuppressionFloor: 3 };
      expect((await api(server, 'PUT', '/settings/cases', { token: shelter.user.token, body: lower })).status).toBe(
        200,
      );
      expect(await threshold(department.user)).toBe(3);
      expect(await threshold(department.user, '&suppressBelow=2')).toBe(3);
      const figures = await run(department.user, 'shelter-quarterly', `${Q3}&suppressBelow=2`);
      expect(table(figures, 'referrals-by-case-type').grandTotal).toBe(3);
      expect(table(figures, 'referrals-by-case-type').rowTotals.at(-1)).toBeNull();
    });

    it('is refused to a department officer who would set it', async () => {
      const lower = { approvalGates: [], followUpRule: [{ everyMonths: 1, untilMonth: 6 }], reportSuppressionFloor: 2 };
      const response = await api(server, 'PUT', '/settings/cases', { token: department.user.token, body: lower });
      expect(response.status).toBe(403);
    });
  });
});
