import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseSummary, ReferralSource, ReportResult, ReportTable } from '@homeward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aNewCase } from './support/cases';
import { describeOnEachEngine } from './support/engines';
import { testEngines } from './support/test-db';
import {
  api,
  createTestOrganisation,
  startTestServer,
  type TestOrganisation,
  type TestServer,
  type TestUser,
} from './support/test-server';

/**
 * A small shelter in Svay Rieng over the second quarter of 2026, every number below counted by hand from the
 * events recorded in `beforeAll`. Children (age on 2026-06-30):
 *   C1 girl 14, TL+RC, referred 5 Apr by Poipet Transit Centre; shelter F1 6 Apr - reintegrated 20 May (birth family)
 *   C2 boy 8, DV, referred 2 Apr by Police Svay Rieng (by the caseworker W); shelter F1 from 3 Apr
 *   C3 girl who turns 18 on 30 Jun, SA, referred 15 May by RAO; shelter F1 from 16 May
 *   C4 girl 16, NC, referred 10 Mar (before the quarter) by W; residential care F2 11 Mar - reintegrated 10 Apr (relatives)
 *   C5 boy 14 (15 on 1 Jul), SW+NC, referred 2 Jun by Poipet Transit Centre; kinship care from 3 Jun
 * Another NGO has one child in Banteay Meanchey (TL, referred 15 Apr).
 */
const Q2 = 'from=2026-04-01&to=2026-06-30';
const quarterlyByEngine: Record<string, unknown> = {};

function table(result: ReportResult, id: string): ReportTable {
  const found = result.tables.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No table ${id}`);
  return found;
}

function rowIndex(t: ReportTable, key: string): number {
  const index = t.rows.findIndex((row) => row.key === key);
  if (index < 0) throw new Error(`No row ${key} in ${t.id}: ${t.rows.map((row) => row.key).join(', ')}`);
  return index;
}

function columnIndex(t: ReportTable, key: string): number {
  const index = t.columns.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`No column ${key} in ${t.id}`);
  return index;
}

const cell = (t: ReportTable, row: string, column: string) => t.cells[rowIndex(t, row)]?.[columnIndex(t, column)];
const rowTotal = (t: ReportTable, row: string) => t.rowTotals[rowIndex(t, row)];
const columnTotal = (t: ReportTable, column: string) => t.columnTotals[columnIndex(t, column)];
/** Every non-zero cell as `row/column=n`, to check that nothing else was counted. */
const nonZero = (t: ReportTable) =>
  t.cells.flatMap((cells, r) => cells.flatMap((n, c) => (n ? [`${t.rows[r]?.key}/${t.columns[c]?.key}=${n}`] : [])));

describeOnEachEngine('reports', (engine) => {
  let server: TestServer;
  let shelter: TestOrganisation;
  let worker: TestUser;
  let other: TestOrganisation;
  let province: TestOrganisation;
  let country: TestOrganisation;
  const ids: Record<string, string> = {};
  let f1 = '';
  let f2 = '';

  async function post(user: TestUser, path: string, body: unknown) {
    const response = await api<{ id: string }>(server, 'POST', path, { token: user.token, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function child(user: TestUser, name: string, overrides: Parameters<typeof aNewCase>[0]) {
    const created = (await post(user, '/cases', aNewCase({ givenNameLatin: name, ...overrides }))) as CaseDetail;
    ids[name] = created.id;
  }

  async function events(user: TestUser, name: string, list: [string, string, Record<string, unknown>][]) {
    for (const [occurredOn, type, payload] of list)
      await post(user, `/cases/${ids[name]}/events`, { type, occurredOn, payload });
  }

  const referral = (source: ReferralSource, sourceName: string, referredOn: string) => ({
    source,
    sourceName,
    referredOn,
  });
  const familyAssessment = { scores: [{ domain: 'protection_care', score: 3 }], conclusion: 'continue_case' };
  const school = (grade: string) => ({ school: 'Svay Rieng school', grade, schoolYear: '2025-2026' });
  const visit = (kind: string) => ({ kind, occasion: 'routine' });
  const followUp = (livingInGoodConditions: boolean, schoolOrWork: string) => ({
    mode: 'home_visit',
    livingInGoodConditions,
    schoolOrWork,
  });
  const carePlan = {
    goals: [{ domain: 'family', goal: 'Return home', actions: [{ action: 'Visit', who: 'Worker', by: '2026-05-15' }] }],
    reviewOn: '2026-07-30',
  };

  async function run(user: TestUser, id: string, query = Q2) {
    return api<ReportResult>(server, 'GET', `/reports/${id}?${query}`, { token: user.token });
  }

  beforeAll(async () => {
    server = await startTestServer(engine);
    shelter = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Shelter A' });
    worker = await shelter.addUser(['caseworker']);
    other = await createTestOrganisation(server, { withUser: ['org_admin'], name: 'Other NGO' });
    province = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      name: 'DoSVY Svay Rieng',
      kind: 'government',
      provinceCode: '20',
    });
    country = await createTestOrganisation(server, {
      withUser: ['government_officer'],
      name: 'MoSVY',
      kind: 'government',
    });
    const admin = shelter.user;
    for (const org of [shelter, other]) {
      // Both NGOs let anonymised outputs show counts from 2, so that the department's counts can be checked.
      const settings = {
        approvalGates: [],
        followUpRule: [{ everyMonths: 1, untilMonth: 6 }],
        reportSuppressionFloor: 2,
      };
      const saved = await api(server, 'PUT', '/settings/cases', { token: org.user.token, body: settings });
      expect(saved.status).toBe(200);
    }
    f1 = (await post(admin, '/facilities', { name: 'Shelter F1', careType: 'shelter', capacity: 30 })).id;
    f2 = (await post(admin, '/facilities', { name: 'Children home F2', careType: 'residential_care', capacity: 30 }))
      .id;

    await child(admin, 'C1', {
      sex: 'female',
      dateOfBirth: '2012-05-10',
      caseTypes: ['TL', 'RC'],
      villageCode: '20010301',
      referral: referral('transit_centre', 'Poipet Transit Centre', '2026-04-05'),
    });
    await child(worker, 'C2', {
      sex: 'male',
      dateOfBirth: '2018-01-01',
      caseTypes: ['DV'],
      villageCode: '20010302',
      referral: referral('police', 'Police Svay Rieng', '2026-04-02'),
    });
    await child(admin, 'C3', {
      sex: 'female',
      dateOfBirth: '2008-06-30',
      caseTypes: ['SA'],
      villageCode: '20010303',
      referral: referral('ngo', 'RAO', '2026-05-15'),
    });
    await child(worker, 'C4', {
      sex: 'female',
      dateOfBirth: '2010-02-02',
      caseTypes: ['NC'],
      villageCode: '20010304',
      referral: referral('police', 'Police Svay Rieng', '2026-03-10'),
    });
    await child(admin, 'C5', {
      sex: 'male',
      dateOfBirth: '2011-07-01',
      caseTypes: ['SW', 'NC'],
      villageCode: '20010301',
      referral: referral('transit_centre', 'Poipet Transit Centre', '2026-06-02'),
    });
    await child(other.user, 'B1', {
      sex: 'female',
      dateOfBirth: '2012-01-01',
      caseTypes: ['TL'],
      villageCode: '01020101',
      referral: referral('police', 'Police Poipet', '2026-04-15'),
    });

    await events(admin, 'C1', [
      ['2026-04-06', 'placement', { careType: 'shelter', facilityId: f1 }],
      ['2026-04-10', 'service', { kind: 'counselling', provider: 'in_house' }],
      ['2026-04-14', 'family_visit', { kind: 'child_visits_home', occasion: 'khmer_new_year' }],
      ['2026-04-15', 'education', school('grade_5')],
      ['2026-04-20', 'vocational_training', { skill: 'sewing' }],
      ['2026-04-25', 'assessment_family', familyAssessment],
      ['2026-04-30', 'care_plan', carePlan],
      ['2026-05-03', 'service', { kind: 'counselling', provider: 'in_house' }],
      ['2026-05-10', 'family_visit', visit('worker_visits_family')],
      ['2026-05-20', 'reintegration', { destination: 'birth_family', childConsents: true }],
      ['2026-06-15', 'education', school('grade_5')],
      ['2026-06-20', 'follow_up_visit', followUp(false, 'training')],
      ['2026-07-01', 'lost_contact', { reason: 'moved_away', authoritiesInformed: false }],
    ]);
    await events(worker, 'C2', [
      ['2026-04-03', 'placement', { careType: 'shelter', facilityId: f1 }],
      ['2026-04-25', 'service', { kind: 'medical_care', provider: 'partner', partnerName: 'Referral Hospital' }],
      ['2026-05-05', 'assessment_family', familyAssessment],
      ['2026-05-12', 'family_visit', visit('worker_visits_family')],
      ['2026-05-30', 'family_visit', visit('family_visits_child')],
      ['2026-06-01', 'education', school('grade_1')],
    ]);
    await events(admin, 'C3', [
      ['2026-05-16', 'placement', { careType: 'shelter', facilityId: f1 }],
      ['2026-05-17', 'assessment_risk', { riskLevel: 'medium' }],
      ['2026-05-20', 'service', { kind: 'scholarship', provider: 'partner', partnerName: 'COSECAM' }],
      ['2026-05-20', 'education', school('grade_9')],
      ['2026-05-25', 'vocational_training', { skill: 'sewing' }],
      ['2026-06-12', 'vocational_training', { skill: 'hairdressing' }],
    ]);
    await events(worker, 'C4', [
      ['2026-03-11', 'placement', { careType: 'residential_care', facilityId: f2 }],
      ['2026-04-10', 'reintegration', { destination: 'relatives', childConsents: true }],
      ['2026-05-10', 'follow_up_visit', followUp(true, 'in_school')],
      ['2026-06-10', 'follow_up_visit', followUp(true, 'in_school')],
    ]);
    await events(admin, 'C5', [
      ['2026-06-03', 'placement', { careType: 'kinship' }],
      ['2026-06-10', 'service', { kind: 'legal_aid', provider: 'partner', partnerName: 'CWDA' }],
      ['2026-06-15', 'assessment_family', familyAssessment],
      ['2026-06-20', 'assessment_family', familyAssessment],
    ]);
    await events(other.user, 'B1', [['2026-04-16', 'placement', { careType: 'shelter' }]]);
    const sessions: [string, string, string[]][] = [
      ['2026-05-16', 'reproductive_health', ['C1', 'C2', 'C3']],
      ['2026-05-18', 'hygiene', ['C1', 'C3']],
      ['2026-06-05', 'reproductive_health', ['C2', 'C3']],
    ];
    for (const [occurredOn, topic, children] of sessions)
      await post(admin, '/group-activities', { topic, occurredOn, caseIds: children.map((name) => ids[name]) });

    // Referrals for a service (issue 10), sent on the days given: the partner-referral table counts these.
    const partners = new Map<string, string>();
    for (const name of ['COSECAM', 'CWDA', 'Referral Hospital'])
      partners.set(name, (await createTestOrganisation(server, { withUser: ['org_admin'], name })).id);
    const refer = async (user: TestUser, name: string, partner: string, sentOn: string, withdraw = false) => {
      const sent = await post(user, `/cases/${ids[name]}/referrals`, {
        id: randomUUID(),
        receiverOrganisationId: partners.get(partner),
        services: ['counselling'],
        sections: ['services'],
        consent: { kind: 'on_file' },
      });
      if (withdraw) await post(user, `/referrals/${sent.id}/withdraw`, {});
      await server.db.kysely.updateTable('referral').set({ sent_on: sentOn }).where('id', '=', sent.id).execute();
    };
    await refer(worker, 'C2', 'Referral Hospital', '2026-04-25');
    await refer(admin, 'C3', 'COSECAM', '2026-05-20');
    await refer(admin, 'C3', 'COSECAM', '2026-06-02'); // the same child again: one child
    await refer(admin, 'C5', 'CWDA', '2026-06-10');
    await refer(admin, 'C1', 'COSECAM', '2026-05-01', true); // withdrawn: not counted
    await refer(worker, 'C4', 'CWDA', '2026-03-12'); // before the quarter
    await refer(other.user, 'B1', 'CWDA', '2026-04-20'); // another NGO's
  });
  afterAll(() => server.close());

  describe('shelter quarterly report', () => {
    let report: ReportResult;
    beforeAll(async () => {
      const response = await run(shelter.user, 'shelter-quarterly', `${Q2}&planned=60`);
      expect(response.status).toBe(200);
      report = response.body;
      const { generatedAt, ...stable } = report;
      expect(Date.parse(generatedAt)).toBeGreaterThan(0);
      quarterlyByEngine[engine] = stable;
    });

    it('says what it counts: title, period, reference date, scope', () => {
      expect(report).toMatchObject({
        reportId: 'shelter-quarterly',
        title: 'Shelter quarterly report',
        from: '2026-04-01',
        to: '2026-06-30',
        referenceDate: '2026-06-30',
        scopeLabel: 'Shelter A',
        language: 'en',
      });
      expect(report.tables.map((t) => t.id)).toEqual([
        'referrals-by-case-type',
        'referrals-by-month-and-sex',
        'referrals-by-age-and-sex',
        'residents-by-age-and-sex',
        'referral-sources',
        'services',
        'education-by-grade',
        'life-skills',
        'vocational-training',
        'family-assessments',
        'family-visits',
        'reintegrations',
        'partner-referrals',
        'follow-ups',
        'follow-up-schooling-children',
        'follow-up-schooling-times',
      ]);
    });

    it('referrals by case type and month: a child of two types is one child in the column total', () => {
      const t = table(report, 'referrals-by-case-type');
      expect(t.rows.map((row) => row.key)).toEqual(['DV', 'SA', 'NC', 'TL', 'ST', 'RC', 'SW', 'other']);
      expect(t.columns.map((column) => column.label)).toEqual(['Apr 2026', 'May 2026', 'Jun 2026']);
      expect(nonZero(t)).toEqual([
        'DV/2026-04=1',
        'SA/2026-05=1',
        'NC/2026-06=1',
        'TL/2026-04=1',
        'RC/2026-04=1',
        'SW/2026-06=1',
      ]);
      expect(t.rowTotals).toEqual([1, 1, 1, 1, 0, 1, 1, 0]);
      // April: C1 (TL and RC) and C2 (DV) are two children, not three; June: C5 (NC and SW) is one.
      expect(t.columnTotals).toEqual([2, 1, 1]);
      expect(t.grandTotal).toBe(4);
      expect(t.targets).toContainEqual({ rowKey: 'TL', columnKey: null, value: 60 });
      expect(t.targets).toHaveLength(7);
    });

    it('referrals by month, case type and sex', () => {
      const t = table(report, 'referrals-by-month-and-sex');
      expect(t.columns).toHaveLength(24);
      expect(cell(t, '2026-04', 'TL|female')).toBe(1);
      expect(cell(t, '2026-04', 'DV|male')).toBe(1);
      expect(cell(t, '2026-06', 'SW|male')).toBe(1);
      expect(nonZero(t)).toEqual([
        '2026-04/DV|male=1',
        '2026-04/TL|female=1',
        '2026-04/RC|female=1',
        '2026-05/SA|female=1',
        '2026-06/NC|male=1',
        '2026-06/SW|male=1',
      ]);
      expect(t.rowTotals).toEqual([2, 1, 1]);
      expect(columnTotal(t, 'NC|male')).toBe(1);
      expect(columnTotal(t, 'NC|female')).toBe(0);
      expect(t.grandTotal).toBe(4);
      expect(t.columns[columnIndex(t, 'TL|female')]?.label).toBe('Trafficking for labour (TL) · Female');
    });

    it('referrals by month, age at the referral date and sex', () => {
      const t = table(report, 'referrals-by-age-and-sex');
      expect(t.title).toBe('Children referred, by month, age at referral and sex, beside the children in the shelter');
      // C3 was 17 when referred on 15 May (18 only on 30 Jun): she counts at 11-17; C1 was 13, C5 14, C2 8.
      expect(nonZero(t)).toEqual([
        '2026-04/0-10|male=1',
        '2026-04/11-17|female=1',
        '2026-05/11-17|female=1',
        '2026-06/11-17|male=1',
      ]);
      expect(t.rowTotals).toEqual([2, 1, 1]);
      expect(t.grandTotal).toBe(4);
      expect(t.notes).toContain('Ages on the day each child was referred.');
      expect(t.notes.join(' ')).not.toContain('Ages on 2026-06-30');
    });

    it('residents by month, age at the end of the period and sex; each child once in the totals', () => {
      const t = table(report, 'residents-by-age-and-sex');
      expect(t.title).toBe(
        'Children living in care (any day of the month), by month, age at the end of the period and sex',
      );
      expect(t.rows.map((row) => row.key)).toEqual(['2026-04', '2026-05', '2026-06']);
      // C3 turns 18 on the reference date: she is counted at 18-25.
      expect(nonZero(t)).toEqual([
        '2026-04/0-10|male=1',
        '2026-04/11-17|female=2',
        '2026-05/0-10|male=1',
        '2026-05/11-17|female=1',
        '2026-05/18-25|female=1',
        '2026-06/0-10|male=1',
        '2026-06/18-25|female=1',
      ]);
      expect(t.rowTotals).toEqual([3, 3, 2]);
      expect(columnTotal(t, '11-17|female')).toBe(2);
      expect(t.grandTotal).toBe(4);
      expect(t.notes).toContain('Ages on 2026-06-30.');
    });

    it('referral sources by name and sex, with shares of the total', () => {
      const t = table(report, 'referral-sources');
      expect(t.rows.map((row) => row.label)).toEqual(['Poipet Transit Centre', 'Police Svay Rieng', 'RAO']);
      expect(t.cells).toEqual([
        [1, 1, 0],
        [0, 1, 0],
        [1, 0, 0],
      ]);
      expect(t.rowTotals).toEqual([2, 1, 1]);
      expect(t.columnTotals).toEqual([2, 2, 0]);
      expect(t.grandTotal).toBe(4);
      expect(t.percentOf).toBe('total');
    });

    it('services by kind and month: C1 counselled twice is one child', () => {
      const t = table(report, 'services');
      expect(nonZero(t)).toEqual([
        'counselling/2026-04=1',
        'counselling/2026-05=1',
        'medical_care/2026-04=1',
        'legal_aid/2026-06=1',
        'scholarship/2026-05=1',
      ]);
      expect(rowTotal(t, 'counselling')).toBe(1);
      expect(t.columnTotals).toEqual([2, 2, 1]);
      expect(t.grandTotal).toBe(4);
    });

    it('education by grade and month', () => {
      const t = table(report, 'education-by-grade');
      expect(nonZero(t)).toEqual(['grade_1/2026-06=1', 'grade_5/2026-04=1', 'grade_5/2026-06=1', 'grade_9/2026-05=1']);
      expect(rowTotal(t, 'grade_5')).toBe(1);
      expect(t.columnTotals).toEqual([1, 1, 2]);
      expect(t.grandTotal).toBe(3);
    });

    it('life-skills sessions by topic, case type and sex, as the seed report splits them', () => {
      const t = table(report, 'life-skills');
      expect(t.title).toBe('Children at life-skills sessions, by topic, case type and sex');
      expect(t.columns[columnIndex(t, 'DV|male')]?.label).toBe('Domestic violence (DV) · Male');
      expect(nonZero(t)).toEqual([
        'reproductive_health/DV|male=1',
        'reproductive_health/SA|female=1',
        'reproductive_health/TL|female=1',
        'reproductive_health/RC|female=1',
        'hygiene/SA|female=1',
        'hygiene/TL|female=1',
        'hygiene/RC|female=1',
      ]);
      expect(rowTotal(t, 'reproductive_health')).toBe(3);
      expect(rowTotal(t, 'hygiene')).toBe(2);
      expect(columnTotal(t, 'SA|female')).toBe(1);
      expect(columnTotal(t, 'DV|female')).toBe(0);
      expect(t.grandTotal).toBe(3);
    });

    it('vocational training by skill and month', () => {
      const t = table(report, 'vocational-training');
      expect(nonZero(t)).toEqual(['sewing/2026-04=1', 'sewing/2026-05=1', 'hairdressing/2026-06=1']);
      expect(rowTotal(t, 'sewing')).toBe(2);
      expect(t.columnTotals).toEqual([1, 1, 1]);
      // C3 trained in sewing and hairdressing: two children in all.
      expect(t.grandTotal).toBe(2);
    });

    it('family assessments by case type and month: C5 assessed twice is one child', () => {
      const t = table(report, 'family-assessments');
      expect(nonZero(t)).toEqual(['DV/2026-05=1', 'NC/2026-06=1', 'TL/2026-04=1', 'RC/2026-04=1', 'SW/2026-06=1']);
      expect(t.columnTotals).toEqual([1, 1, 1]);
      expect(t.grandTotal).toBe(3);
    });

    it('family visits by case type and month, counted as visits', () => {
      const t = table(report, 'family-visits');
      expect(t.measureLabel).toBe('Times');
      expect(nonZero(t)).toEqual(['DV/2026-05=2', 'TL/2026-04=1', 'TL/2026-05=1', 'RC/2026-04=1', 'RC/2026-05=1']);
      expect(rowTotal(t, 'TL')).toBe(2);
      // May: C1's visit (TL and RC) and C2's two are three visits, not four.
      expect(t.columnTotals).toEqual([1, 3, 0]);
      expect(t.grandTotal).toBe(4);
    });

    it('reintegrations by destination and month', () => {
      const t = table(report, 'reintegrations');
      expect(nonZero(t)).toEqual(['birth_family/2026-05=1', 'relatives/2026-04=1']);
      expect(t.grandTotal).toBe(2);
    });

    it('children referred to partner organisations, by receiver and case type, from the referrals sent', () => {
      const t = table(report, 'partner-referrals');
      expect(t.rows.map((row) => row.label)).toEqual(['COSECAM', 'CWDA', 'Referral Hospital']);
      // C3 (SA) twice to COSECAM is one child; C5 (SW and NC) to CWDA; C2 (DV) to the hospital. C1's withdrawn
      // referral, C4's in March and the other NGO's are not counted.
      expect(nonZero(t)).toEqual(['COSECAM/SA=1', 'CWDA/NC=1', 'CWDA/SW=1', 'Referral Hospital/DV=1']);
      expect(t.rowTotals).toEqual([1, 1, 1]);
      expect(t.grandTotal).toBe(3);
    });

    it('follow-ups by case type and living conditions', () => {
      const t = table(report, 'follow-ups');
      expect(nonZero(t)).toEqual(['NC/good=1', 'TL/not_good=1', 'RC/not_good=1']);
      expect(t.columns.map((column) => column.label)).toEqual(['Living in good conditions', 'Not in good conditions']);
      expect(t.columnTotals).toEqual([1, 1]);
      expect(t.grandTotal).toBe(2);
      expect(t.percentOf).toBe('row');
    });

    it('follow-up on training and schooling: children and number of times', () => {
      const children = table(report, 'follow-up-schooling-children');
      const times = table(report, 'follow-up-schooling-times');
      expect(rowTotal(children, 'in_school')).toBe(1);
      expect(rowTotal(children, 'training')).toBe(1);
      expect(children.grandTotal).toBe(2);
      expect(rowTotal(times, 'in_school')).toBe(2);
      expect(rowTotal(times, 'training')).toBe(1);
      expect(times.grandTotal).toBe(3);
      expect(times.columns).toEqual([{ key: 'all', label: 'Times' }]);
    });

    it('answers in Khmer', async () => {
      const km = (await run(shelter.user, 'shelter-quarterly', `${Q2}&lang=km`)).body;
      expect(km.title).toBe('របាយការណ៍ប្រចាំត្រីមាសរបស់មណ្ឌលស្នាក់នៅ');
      expect(table(km, 'referrals-by-case-type').columns[0]?.label).toBe('ខែមេសា 2026');
      expect(table(km, 'referrals-by-case-type').grandTotal).toBe(4);
    });
  });

  it('alternative-care progress: children in care at the start, reintegrated since, against 30 %', async () => {
    const response = await run(shelter.user, 'alternative-care-progress', 'from=2026-04-08&to=2026-06-30');
    expect(response.status).toBe(200);
    const progress = table(response.body, 'progress-by-facility');
    expect(progress.rows.map((row) => [row.key, row.label])).toEqual([
      [f2, 'Children home F2'],
      [f1, 'Shelter F1'],
    ]);
    expect(progress.cells).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(progress.rowTotals).toEqual([1, 2]);
    expect(progress.columnTotals).toEqual([3, 2]);
    expect(progress.grandTotal).toBe(3);
    expect(progress.targets).toEqual([{ rowKey: null, columnKey: 'reintegrated', value: 1 }]);
    expect(progress.notes).toContain('Target: 30 % of the 3 children in care at the start, that is 1 children.');
    const destinations = table(response.body, 'reintegrated-by-destination');
    expect(nonZero(destinations)).toEqual([`${f2}/relatives=1`, `${f1}/birth_family=1`]);
    expect(destinations.grandTotal).toBe(2);
  });

  it('follow-up compliance by worker and organisation', async () => {
    const result = (await run(shelter.user, 'follow-up-compliance')).body;
    const byWorker = table(result, 'compliance-by-worker');
    // C1 (the administrator's) was visited, then contact was lost; C4 (W's) was visited and is overdue now.
    expect(cell(byWorker, shelter.user.id, 'due')).toBe(1);
    expect(cell(byWorker, shelter.user.id, 'done')).toBe(1);
    expect(cell(byWorker, shelter.user.id, 'lost_contact')).toBe(1);
    expect(cell(byWorker, shelter.user.id, 'overdue')).toBe(0);
    expect(cell(byWorker, worker.id, 'overdue')).toBe(1);
    expect(rowTotal(byWorker, worker.id)).toBe(1);
    expect(byWorker.columnTotals).toEqual([2, 2, 1, 1]);
    expect(byWorker.grandTotal).toBe(2);
    const byOrganisation = table(result, 'compliance-by-organisation');
    expect(byOrganisation.rows).toEqual([{ key: shelter.id, label: 'Shelter A' }]);
    expect(byOrganisation.cells).toEqual([[2, 2, 1, 1]]);
  });

  it('caseload: open cases by worker and stage, days to assessment and to care plan', async () => {
    const result = (await run(shelter.user, 'caseload')).body;
    const open = table(result, 'open-cases-by-worker');
    expect(cell(open, shelter.user.id, 'active')).toBe(2);
    expect(cell(open, shelter.user.id, 'lost_contact')).toBe(1);
    expect(cell(open, worker.id, 'active')).toBe(1);
    expect(cell(open, worker.id, 'follow_up')).toBe(1);
    expect(open.columnTotals).toEqual([3, 1, 1, 0]);
    expect(open.grandTotal).toBe(5);
    const assessment = table(result, 'days-to-assessment');
    // C3 in 2 days; C1 in 20 and C5 in 13; C2 in 33. C4 was referred before the quarter.
    expect(assessment.cells[rowIndex(assessment, shelter.user.id)]).toEqual([1, 2, 0, 0, 0]);
    expect(assessment.cells[rowIndex(assessment, worker.id)]).toEqual([0, 0, 1, 0, 0]);
    expect(assessment.grandTotal).toBe(4);
    const carePlan = table(result, 'days-to-care-plan');
    expect(carePlan.cells[rowIndex(carePlan, shelter.user.id)]).toEqual([0, 1, 0, 0, 2]);
    expect(columnTotal(carePlan, 'not_yet')).toBe(3);
  });

  describe('ad-hoc queries', () => {
    async function query(user: TestUser, body: Record<string, unknown>) {
      return api<ReportResult>(server, 'POST', '/reports/query', {
        token: user.token,
        body: { from: '2026-04-01', to: '2026-06-30', ...body },
      });
    }

    it('counts sessions and attendances of group sessions', async () => {
      const base = { title: 'Sessions', source: 'group_session', rows: ['topic'] };
      const sessions = await query(shelter.user, { table: { ...base, measure: 'sessions' } });
      expect(sessions.status).toBe(200);
      const s = table(sessions.body, 'table');
      expect([rowTotal(s, 'reproductive_health'), rowTotal(s, 'hygiene'), s.grandTotal]).toEqual([2, 1, 3]);
      const attendances = table(
        (await query(shelter.user, { table: { ...base, measure: 'participants' } })).body,
        'table',
      );
      expect([rowTotal(attendances, 'reproductive_health'), attendances.grandTotal]).toEqual([5, 7]);
    });

    it('computes ages at the reference date asked for', async () => {
      const body = {
        referenceDate: '2026-06-29',
        table: { title: 'Ages', source: 'referral', measure: 'children', rows: ['age_band'], columns: ['sex'] },
      };
      const t = table((await query(shelter.user, body)).body, 'table');
      // The day before her 18th birthday, C3 is 17; C5 is still 14.
      expect(cell(t, '11-17', 'female')).toBe(2);
      expect(cell(t, '18-25', 'female')).toBe(0);
      expect(cell(t, '0-10', 'male')).toBe(1);
      const banded = await query(shelter.user, {
        ...body,
        referenceDate: '2026-06-30',
        ageBands: [{ from: 0, to: 14 }],
      });
      const bands = table(banded.body, 'table');
      expect(bands.rows.map((row) => row.key)).toEqual(['0-14', 'other']);
      expect(rowTotal(bands, 'other')).toBe(1);
    });

    it('refuses a dimension the source does not have, naming it', async () => {
      const response = await query(shelter.user, {
        table: { title: 'x', source: 'education', measure: 'children', rows: ['skill'] },
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'dimension_not_available' });
    });
  });

  describe('scope', () => {
    it('never counts another organisation’s cases', async () => {
      const mine = table((await run(other.user, 'shelter-quarterly')).body, 'referrals-by-case-type');
      expect(mine.grandTotal).toBe(1);
      expect(rowTotal(mine, 'TL')).toBe(1);
    });

    it('gives a provincial department every organisation’s cases in its province, and the ministry the country', async () => {
      // A department's figures are always anonymised, at the floor the NGOs set (2 here, so that the counts can be
      // checked); the reader may ask for more.
      const anonymised = (await run(province.user, 'shelter-quarterly', `${Q2}&suppressBelow=5`)).body;
      expect(anonymised.suppressionThreshold).toBe(5);
      expect(table(anonymised, 'referrals-by-case-type').grandTotal).toBeNull();
      expect((await run(province.user, 'shelter-quarterly')).body.suppressionThreshold).toBe(2);
      const svayRieng = (await run(province.user, 'shelter-quarterly', `${Q2}&suppressBelow=2`)).body;
      expect(svayRieng.scopeLabel).toBe('All organisations in Svay Rieng');
      expect(table(svayRieng, 'referrals-by-case-type').grandTotal).toBe(4);
      const whole = (await run(country.user, 'shelter-quarterly', `${Q2}&suppressBelow=2`)).body;
      expect(table(whole, 'referrals-by-case-type').grandTotal).toBe(5);
      expect(table(whole, 'referrals-by-case-type').rowTotals[3]).toBe(2);
      const compliance = (await run(country.user, 'follow-up-compliance', `${Q2}&suppressBelow=2`)).body;
      const organisations = table(compliance, 'compliance-by-organisation');
      expect(organisations.rows.map((row) => row.label)).toEqual(['Shelter A']);
    });

    it('refuses reports to a caseworker without the permission', async () => {
      expect((await api(server, 'GET', '/reports', { token: worker.token })).status).toBe(403);
      expect((await run(worker, 'shelter-quarterly')).status).toBe(403);
    });
  });

  describe('drilldown', () => {
    const drill = (user: TestUser, query: string) =>
      api<{ items: CaseSummary[] }>(server, 'GET', `/reports/drilldown?${Q2}&report=shelter-quarterly&${query}`, {
        token: user.token,
      });

    it('lists the cases behind a cell, a row total and the grand total', async () => {
      const april = await drill(shelter.user, 'table=referrals-by-case-type&rowKey=TL&columnKey=2026-04');
      expect(april.status).toBe(200);
      expect(april.body.items.map((item) => item.id)).toEqual([ids.C1]);
      const nc = await drill(shelter.user, 'table=referrals-by-case-type&rowKey=NC');
      expect(nc.body.items.map((item) => item.id)).toEqual([ids.C5]);
      const all = await drill(shelter.user, 'table=referrals-by-case-type');
      expect(all.body.items.map((item) => item.id).sort()).toEqual([ids.C1, ids.C2, ids.C3, ids.C5].sort());
      const audit = await server.db.kysely
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'case.list')
        .where('user_id', '=', shelter.user.id)
        .execute();
      // The read is audited with the cases it showed.
      expect(audit.map((entry) => entry.detail)).toContainEqual({
        reason: 'report.drilldown',
        results: 4,
        caseIds: expect.arrayContaining([ids.C1, ids.C2, ids.C3, ids.C5]) as unknown,
      });
    });

    it('gives a government officer counts, and behind them only the cases referred to the department', async () => {
      const drilled = await drill(province.user, 'table=referrals-by-case-type');
      expect(drilled.status).toBe(200);
      expect(drilled.body.items).toEqual([]);
    });

    it('lists another organisation only its own cases', async () => {
      const theirs = await drill(other.user, 'table=referrals-by-case-type&rowKey=TL');
      expect(theirs.body.items.map((item) => item.id)).toEqual([ids.B1]);
    });

    it('lists the cases behind a number of an ad-hoc table that was never saved', async () => {
      const drillAdHoc = (user: TestUser, keys: Record<string, string>) =>
        api<{ items: CaseSummary[] }>(server, 'POST', '/reports/query/drilldown', {
          token: user.token,
          body: {
            from: '2026-04-01',
            to: '2026-06-30',
            table: {
              title: 'Referrals',
              source: 'referral',
              measure: 'children',
              rows: ['case_type'],
              columns: ['month'],
            },
            ...keys,
          },
        });
      const april = await drillAdHoc(shelter.user, { rowKey: 'TL', columnKey: '2026-04' });
      expect(april.status).toBe(200);
      expect(april.body.items.map((item) => item.id)).toEqual([ids.C1]);
      const theirs = await drillAdHoc(other.user, { rowKey: 'TL' });
      expect(theirs.body.items.map((item) => item.id)).toEqual([ids.B1]);
      expect((await drillAdHoc(worker, {})).status).toBe(403);
      const impossible = await api<{ code: string }>(server, 'POST', '/reports/query/drilldown', {
        token: shelter.user.token,
        body: { from: '2026-04-01', to: '2026-06-30', table: { title: 'x', source: 'service', measure: 'sessions' } },
      });
      expect(impossible.status).toBe(400);
    });
  });

  describe('saved reports', () => {
    const definition = {
      name: 'Referrals by province',
      tables: [
        { id: 'by-province', title: 'By province', source: 'referral', measure: 'children', rows: ['province'] },
      ],
    };

    it('saves, shares within the organisation, runs and deletes a report', async () => {
      const saved = await api<{ id: string }>(server, 'POST', '/reports/saved', {
        token: shelter.user.token,
        body: definition,
      });
      expect(saved.status).toBe(201);
      const again = await api(server, 'POST', '/reports/saved', { token: shelter.user.token, body: definition });
      expect(again.status).toBe(409);
      const list = await api<{ items: { id: string; title: string }[] }>(server, 'GET', '/reports', {
        token: shelter.user.token,
      });
      expect(list.body.items.map((item) => item.title)).toContain('Referrals by province');
      const result = (await run(shelter.user, saved.body.id)).body;
      expect(table(result, 'by-province').rows).toEqual([{ key: '20', label: 'Svay Rieng' }]);
      expect(table(result, 'by-province').grandTotal).toBe(4);

      expect((await run(other.user, saved.body.id)).status).toBe(404);
      const theirs = await api(server, 'DELETE', `/reports/saved/${saved.body.id}`, { token: other.user.token });
      expect(theirs.status).toBe(404);
      const deleted = await api(server, 'DELETE', `/reports/saved/${saved.body.id}`, { token: shelter.user.token });
      expect(deleted.status).toBe(204);
      expect((await run(shelter.user, saved.body.id)).status).toBe(404);
    });

    it('refuses to save a table the engine cannot run, and changes nothing', async () => {
      const response = await api(server, 'POST', '/reports/saved', {
        token: shelter.user.token,
        body: { name: 'Broken', tables: [{ title: 'x', source: 'service', measure: 'sessions' }] },
      });
      expect(response.status).toBe(400);
      const rows = await server.db.kysely
        .selectFrom('saved_report')
        .select('id')
        .where('name', '=', 'Broken')
        .execute();
      expect(rows).toEqual([]);
    });
  });
});

describe('reports on both engines', () => {
  it('the quarterly report is the same JSON on each engine', () => {
    const results = testEngines().map((engine) => quarterlyByEngine[engine]);
    expect(results.every((result) => result !== undefined)).toBe(true);
    for (const result of results) expect(result).toEqual(results[0]);
  });
});
