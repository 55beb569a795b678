import { describe, expect, it } from 'vitest';
import { projectCase, type ProjectedEvent } from '../src/cases/case-projection';
import { checkNewEvent, checkPhotoConsent, type NewEvent } from '../src/cases/case-rules';
import { eventPayloadSchemas, newCaseEventSchema, RECORDABLE_EVENT_TYPES } from '../src/cases/case-events';
import { DEFAULT_CASE_SETTINGS } from '../src/cases/case-settings';
import { followUpStatus } from '../src/cases/follow-up-schedule';
import { DomainError } from '../src/errors';

const TODAY = '2027-06-30';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** Builds a case's history step by step, each step checked by the rules as the server checks it. */
function history() {
  const events: ProjectedEvent[] = [
    { id: id(), type: 'intake', occurredOn: '2026-01-10', payload: { riskLevel: 'high' } },
  ];
  return {
    events,
    add(type: string, occurredOn: string, payload: Record<string, unknown> = {}, extra: Partial<NewEvent> = {}) {
      const event = { id: id(), type, occurredOn, payload, ...extra };
      checkNewEvent(events, event, { today: TODAY, ...extra });
      events.push(event);
      return event.id;
    },
    attempt(
      type: string,
      occurredOn: string,
      payload: Record<string, unknown> = {},
      context: Partial<Parameters<typeof checkNewEvent>[2]> = {},
    ) {
      return codeOf(() => checkNewEvent(events, { id: id(), type, occurredOn, payload }, { today: TODAY, ...context }));
    },
    approve(subject: string, on: string) {
      const requestId = this.add('approval_request', on, { subject });
      this.add('approval_decision', on, { requestId, decision: 'approved' });
    },
  };
}

describe('the life of a case, as a projection of its events', () => {
  it('walks a child from intake to closure and back', () => {
    const c = history();
    expect(projectCase(c.events)).toMatchObject({ status: 'active', riskLevel: 'high', hasAssessment: false });

    c.add('consent', '2026-01-10', { scope: 'services', action: 'given', givenBy: 'child_and_guardian' });
    c.add('assessment_risk', '2026-01-12', { riskLevel: 'medium' });
    const planId = c.add('care_plan', '2026-01-20', { reviewOn: '2026-07-20', goals: [] });
    expect(projectCase(c.events).carePlan).toEqual({ eventId: planId, reviewOn: '2026-07-20', approved: false });
    const request = c.add('approval_request', '2026-01-21', { subject: 'care_plan', eventId: planId });
    c.add('approval_decision', '2026-01-22', { requestId: request, decision: 'approved' });
    c.add('placement', '2026-01-25', { careType: 'shelter', facilityId: 'f-1' });

    let state = projectCase(c.events);
    expect(state).toMatchObject({ riskLevel: 'medium', hasAssessment: true, carePlan: { approved: true } });
    expect(state.placement).toEqual({ careType: 'shelter', facilityId: 'f-1', since: '2026-01-25' });
    expect(state.consents).toEqual({ services: true, sharing: false, photos: false, statistics: false });

    expect(c.attempt('reintegration', '2026-06-01', { destination: 'birth_family' })).toBe('approval_required');
    c.approve('reintegration', '2026-05-30');
    c.add('reintegration', '2026-06-01', { destination: 'birth_family' });
    state = projectCase(c.events);
    expect(state).toMatchObject({
      status: 'follow_up',
      reintegratedOn: '2026-06-01',
      placement: null,
      nextFollowUpOn: '2026-07-01',
    });
    expect(state.followUpDue).toHaveLength(14);

    c.add('follow_up_visit', '2026-07-03', { livingInGoodConditions: true });
    expect(projectCase(c.events).nextFollowUpOn).toBe('2026-08-01');
    c.add('lost_contact', '2026-08-15', { reason: 'moved_away', authoritiesInformed: true });
    expect(projectCase(c.events).status).toBe('lost_contact');
    expect(c.attempt('follow_up_visit', '2026-08-20')).toBe('not_in_follow_up');
    c.add('contact_restored', '2026-09-01', { note: 'Found working in Poipet.' });
    expect(projectCase(c.events).status).toBe('follow_up');

    expect(c.attempt('closure', '2027-01-01', { reason: 'stable_and_safe' })).toBe('approval_required');
    c.approve('closure', '2027-01-01');
    c.add('closure', '2027-01-02', { reason: 'stable_and_safe' });
    state = projectCase(c.events);
    expect(state).toMatchObject({ status: 'closed', closedOn: '2027-01-02', nextFollowUpOn: null });

    expect(c.attempt('follow_up_visit', '2027-02-01')).toBe('case_closed');
    expect(c.attempt('service', '2027-02-01', { kind: 'counselling' })).toBe('case_closed');
    c.add('note', '2027-02-01', { text: 'Called; she is well.' });
    c.add('reopening', '2027-03-01', { reason: 'Family violence reported again.' });
    state = projectCase(c.events);
    expect(state).toMatchObject({ status: 'active', closedOn: null, reintegratedOn: '2026-06-01' });
    // Reopening keeps the history: every event is still there.
    expect(c.events.filter((event) => event.type === 'closure')).toHaveLength(1);
  });

  it('knows where a reintegrated child lives, and counts a visit made in the first days home', () => {
    const c = history();
    c.approve('placement', '2026-01-25');
    c.add('placement', '2026-01-25', { careType: 'shelter', facilityId: 'f-1' });
    c.approve('reintegration', '2026-06-01');
    c.add('reintegration', '2026-06-01', {
      destination: 'relatives',
      carerName: 'Pov Sokha',
      villageCode: '01020101',
    });
    let state = projectCase(c.events);
    expect(state.placement).toBeNull();
    expect(state.livingWith).toEqual({
      destination: 'relatives',
      carerName: 'Pov Sokha',
      villageCode: '01020101',
      since: '2026-06-01',
    });
    // The first visit a week after the child went home meets the first due date, a month later.
    c.add('follow_up_visit', '2026-06-08', { livingInGoodConditions: true });
    state = projectCase(c.events);
    expect(state.nextFollowUpOn).toBe('2026-08-01');
    expect(followUpStatus(state.followUpDue, state.followUpVisits, '2026-06-09').done).toEqual(['2026-07-01']);
    // Back in care, the child no longer lives with the family.
    c.approve('placement', '2026-09-01');
    c.add('placement', '2026-09-01', { careType: 'shelter', facilityId: 'f-1' });
    expect(projectCase(c.events).livingWith).toBeNull();
  });

  it('refuses what cannot happen, with a code the screen can explain', () => {
    const c = history();
    expect(c.attempt('note', '2026-01-09', { text: 'x' })).toBe('before_intake');
    expect(c.attempt('note', '2027-07-01', { text: 'x' })).toBe('date_in_future');
    expect(c.attempt('follow_up_visit', '2026-02-01')).toBe('not_in_follow_up');
    expect(c.attempt('reopening', '2026-02-01')).toBe('not_closed');
    expect(c.attempt('contact_restored', '2026-02-01')).toBe('not_lost');
    expect(c.attempt('approval_request', '2026-02-01', { subject: 'care_plan' })).toBe('no_care_plan');
    expect(c.attempt('approval_decision', '2026-02-01', { requestId: id(), decision: 'approved' })).toBe('no_request');
    c.add('note', '2026-03-01', { text: 'later entry' });
    expect(c.attempt('placement', '2026-02-01', { careType: 'kinship' })).toBe('before_latest');
  });

  it('refuses a placement in a full facility unless a reason is given', () => {
    const c = history();
    const facility = { capacity: 4, occupancy: 4 };
    expect(c.attempt('placement', '2026-02-01', { careType: 'group_home', facilityId: 'g' }, { facility })).toBe(
      'facility_full',
    );
    expect(
      c.attempt(
        'placement',
        '2026-02-01',
        { careType: 'group_home', facilityId: 'g', overCapacityReason: 'Emergency: sister already there.' },
        { facility },
      ),
    ).toBeUndefined();
    expect(
      c.attempt(
        'placement',
        '2026-02-01',
        { careType: 'group_home', facilityId: 'g' },
        { facility: { capacity: 4, occupancy: 3 } },
      ),
    ).toBeUndefined();
  });

  it('lets an organisation drop an approval gate, and spends each approval once', () => {
    const c = history();
    const settings = { ...DEFAULT_CASE_SETTINGS, approvalGates: [] };
    expect(c.attempt('reintegration', '2026-02-01', { destination: 'relatives' }, { settings })).toBeUndefined();
    c.approve('reintegration', '2026-02-01');
    expect(c.attempt('approval_request', '2026-02-01', { subject: 'reintegration' })).toBe('approval_pending');
    c.add('reintegration', '2026-02-02', { destination: 'relatives' });
    c.add('placement', '2026-03-01', { careType: 'shelter' });
    expect(projectCase(c.events).status).toBe('active');
    // Back in care, a new reintegration needs a new approval.
    expect(c.attempt('reintegration', '2026-04-01', { destination: 'relatives' })).toBe('approval_required');
  });

  it('lets a correction supersede an event, keeping both, and refuses a correction of another kind', () => {
    const c = history();
    const wrong = c.add('assessment_risk', '2026-01-12', { riskLevel: 'low' });
    expect(projectCase(c.events).riskLevel).toBe('low');
    c.add('assessment_risk', '2026-01-12', { riskLevel: 'high' }, { supersedes: wrong });
    expect(projectCase(c.events).riskLevel).toBe('high');
    expect(c.events).toHaveLength(3);
    expect(
      codeOf(() =>
        checkNewEvent(
          c.events,
          { type: 'note', occurredOn: '2026-01-13', supersedes: wrong, payload: {} },
          { today: TODAY },
        ),
      ),
    ).toBe('bad_correction');
    expect(
      codeOf(() =>
        checkNewEvent(
          c.events,
          { type: 'assessment_risk', occurredOn: '2026-01-13', supersedes: wrong, payload: {} },
          { today: TODAY },
        ),
      ),
    ).toBe('bad_correction');
  });

  it('accepts a correction of a step that changed the status, such as a reintegration or a closure', () => {
    const c = history();
    c.approve('reintegration', '2026-02-01');
    const wrong = c.add('reintegration', '2026-02-02', { destination: 'relatives' });
    c.add('reintegration', '2026-02-02', { destination: 'birth_family' }, { supersedes: wrong });
    expect(projectCase(c.events)).toMatchObject({ status: 'follow_up', reintegratedOn: '2026-02-02' });
    c.approve('closure', '2026-03-01');
    const closure = c.add('closure', '2026-03-02', { reason: 'other' });
    c.add('closure', '2026-03-02', { reason: 'stable_and_safe' }, { supersedes: closure });
    expect(projectCase(c.events)).toMatchObject({ status: 'closed', closedOn: '2026-03-02' });
  });

  it('allows photos only while photo consent stands', () => {
    const c = history();
    expect(codeOf(() => checkPhotoConsent(projectCase(c.events)))).toBe('no_photo_consent');
    c.add('consent', '2026-01-11', { scope: 'photos', action: 'given', givenBy: 'guardian' });
    expect(codeOf(() => checkPhotoConsent(projectCase(c.events)))).toBeUndefined();
    c.add('consent', '2026-02-11', { scope: 'photos', action: 'withdrawn', givenBy: 'child' });
    expect(codeOf(() => checkPhotoConsent(projectCase(c.events)))).toBe('no_photo_consent');
  });
});

describe('event schemas', () => {
  const valid: Record<string, unknown> = {
    note: { text: 'Visit' },
    consent: { scope: 'photos', action: 'given', givenBy: 'guardian' },
    assessment_csi: { scores: [{ domain: 'shelter', score: 3, reason: 'Dry, safe room' }] },
    assessment_family: { scores: [{ domain: 'attachment', score: 2 }], conclusion: 'continue_case' },
    assessment_risk: { riskLevel: 'low' },
    assessment_readiness: { readiness: 'not_yet', summary: 'Family not yet traced.' },
    care_plan: {
      goals: [
        {
          domain: 'education_work',
          goal: 'Back to school',
          actions: [{ action: 'Enrol', who: 'Sothea', by: '2026-09-01' }],
        },
      ],
      reviewOn: '2026-12-01',
    },
    approval_request: { subject: 'closure' },
    approval_decision: {
      requestId: '00000000-0000-4000-8000-000000000001',
      decision: 'rejected',
      comment: 'Visit once more first.',
    },
    placement: { careType: 'kinship', carerName: 'Aunt' },
    service: { kind: 'legal_aid', provider: 'partner', partnerName: 'LICADHO' },
    education: { school: 'Poipet Primary', grade: 'grade_8', schoolYear: '2025-2026', rank: 2, classSize: 40 },
    vocational_training: { skill: 'hairdressing', completed: true, outcome: 'employed' },
    health_check: { condition: 'Treated for scabies', hivStatus: 'negative', medication: 'Permethrin at night' },
    family_member: {
      memberId: '00000000-0000-4000-8000-000000000002',
      name: 'Chan Sophy',
      relationship: 'mother',
      whereaboutsKnown: false,
    },
    tracing_attempt: { method: 'Village chief asked', outcome: 'in_progress' },
    family_visit: { kind: 'child_visits_home', occasion: 'khmer_new_year' },
    reintegration: { destination: 'birth_family', childConsents: true },
    follow_up_visit: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
    lost_contact: { reason: 'moved_away', authoritiesInformed: true, informedWhom: 'CCWC', informedOn: '2026-08-20' },
    contact_restored: { note: 'Phoned from Poipet.' },
    closure: { reason: 'stable_and_safe', summary: 'Working and safe.' },
    reopening: { reason: 'New report.' },
  };

  it('accepts a valid payload of every recordable event', () => {
    expect(Object.keys(valid).sort()).toEqual([...RECORDABLE_EVENT_TYPES].sort());
    for (const type of RECORDABLE_EVENT_TYPES) {
      const result = newCaseEventSchema.safeParse({ type, occurredOn: '2026-06-01', payload: valid[type] });
      expect(result.success, `${type}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('refuses an empty payload of every event that needs content', () => {
    for (const type of RECORDABLE_EVENT_TYPES) {
      expect(eventPayloadSchemas[type].safeParse({}).success, type).toBe(false);
    }
  });

  it('refuses a score outside 1 to 4, a domain scored twice, and a reintegration without the child’s consent', () => {
    const csi = eventPayloadSchemas.assessment_csi;
    expect(csi.safeParse({ scores: [{ domain: 'shelter', score: 5, reason: 'x' }] }).success).toBe(false);
    expect(
      csi.safeParse({
        scores: [
          { domain: 'shelter', score: 2, reason: 'x' },
          { domain: 'shelter', score: 3, reason: 'y' },
        ],
      }).success,
    ).toBe(false);
    expect(
      eventPayloadSchemas.reintegration.safeParse({ destination: 'birth_family', childConsents: false }).success,
    ).toBe(false);
  });
});
