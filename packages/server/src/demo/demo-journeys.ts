import { randomUUID } from 'node:crypto';
import {
  addDays,
  newCaseEventSchema,
  type ApprovalSubject,
  type CaseDetail,
  type NewCaseEventInput,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { addEvent } from '../cases/case-events.service';
import type { Clock } from '../cases/cases.service';
import type { Database } from '../db/schema';
import { insertFacility } from '../facilities/facilities.repository';

/**
 * Takes demo children through the life of a case to different points, so that someone trying Homeward sees
 * every step: assessed, planned, placed, reintegrated and followed up, lost to contact, closed.
 */
export interface DemoStaff {
  worker: Actor;
  supervisor: Actor;
  admin: Actor;
}

type Step = Omit<NewCaseEventInput, 'occurredOn'> & { day: number };

async function walk(
  db: Kysely<Database>,
  staff: DemoStaff,
  child: CaseDetail,
  steps: Step[],
  clock: Clock,
): Promise<void> {
  for (const { day, ...step } of steps) {
    const occurredOn = addDays(child.openedOn, day);
    if (occurredOn > clock.today()) return;
    const actor = step.type === 'approval_decision' ? staff.supervisor : staff.worker;
    await addEvent(db, actor, child.id, newCaseEventSchema.parse({ ...step, occurredOn }), clock);
  }
}

function approval(subject: ApprovalSubject, day: number): Step[] {
  const requestId = randomUUID();
  return [
    { id: requestId, type: 'approval_request', day, payload: { subject } },
    {
      type: 'approval_decision',
      day: day + 1,
      payload: { requestId, decision: 'approved', comment: 'Agreed at the case conference.' },
    },
  ];
}

function intoCare(facilityId: string, careType: 'shelter' | 'group_home', planApproved: boolean): Step[] {
  const planId = randomUUID();
  const requestId = randomUUID();
  return [
    { type: 'consent', day: 0, payload: { scope: 'services', action: 'given', givenBy: 'child_and_guardian' } },
    { type: 'consent', day: 0, payload: { scope: 'statistics', action: 'given', givenBy: 'guardian' } },
    { type: 'placement', day: 0, payload: { careType, facilityId } },
    { type: 'assessment_risk', day: 2, payload: { riskLevel: 'medium', concerns: 'Recruiter still in the village.' } },
    {
      type: 'assessment_csi',
      day: 7,
      payload: {
        scores: [
          { domain: 'emotional_health', score: 2, reason: 'Sad, sleeps badly, improving with counselling.' },
          { domain: 'education_work', score: 1, reason: 'Out of school for two years.' },
          { domain: 'shelter', score: 4, reason: 'Safe place in the shelter.' },
          { domain: 'abuse_exploitation', score: 2, reason: 'Risk from the recruiter.' },
        ],
      },
    },
    {
      id: planId,
      type: 'care_plan',
      day: 14,
      payload: {
        reviewOn: '2026-12-15',
        goals: [
          {
            domain: 'education_work',
            goal: 'Back in school at the right grade',
            actions: [{ action: 'Enrol in the catch-up class', who: 'Caseworker', by: '2026-12-01' }],
          },
        ],
      },
    },
    { id: requestId, type: 'approval_request', day: 15, payload: { subject: 'care_plan', eventId: planId } },
    ...(planApproved
      ? [
          {
            type: 'approval_decision',
            day: 16,
            payload: { requestId, decision: 'approved', comment: 'Good plan.' },
          } as Step,
        ]
      : []),
    { type: 'service', day: 20, payload: { kind: 'counselling', provider: 'in_house' } },
    {
      type: 'education',
      day: 30,
      payload: { school: 'Local primary school', grade: 'grade_6', schoolYear: '2025-2026', rank: 2, classSize: 40 },
    },
  ];
}

/** Built afresh for each child: event ids must be unique. */
const reintegrated = (): Step[] => [
  {
    type: 'family_member',
    day: 40,
    payload: {
      memberId: '7d0c8a9e-0000-4000-8000-000000000001',
      name: 'Mother',
      relationship: 'mother',
      whereaboutsKnown: true,
    },
  },
  {
    type: 'family_visit',
    day: 60,
    payload: { kind: 'worker_visits_family', occasion: 'routine', note: 'Family ready to receive the child.' },
  },
  {
    type: 'assessment_family',
    day: 70,
    payload: {
      scores: [
        { domain: 'protection_care', score: 3 },
        { domain: 'attachment', score: 4 },
      ],
      conclusion: 'can_reintegrate',
    },
  },
  ...approval('reintegration', 80),
  { type: 'reintegration', day: 85, payload: { destination: 'birth_family', childConsents: true } },
  {
    type: 'follow_up_visit',
    day: 115,
    payload: { mode: 'home_visit', livingInGoodConditions: true, schoolOrWork: 'in_school' },
  },
  {
    type: 'follow_up_visit',
    day: 146,
    payload: { mode: 'phone', livingInGoodConditions: true, schoolOrWork: 'in_school' },
  },
];

export async function demoFacilities(
  db: Kysely<Database>,
  admin: Actor,
): Promise<{ shelter: string; groupHome: string }> {
  const shelter = randomUUID();
  const groupHome = randomUUID();
  await insertFacility(db, admin, shelter, {
    name: 'Tonle shelter',
    careType: 'shelter',
    capacity: 30,
    status: 'operating',
    villageCode: '01020101',
  });
  await insertFacility(db, admin, groupHome, {
    name: 'Group home 1',
    careType: 'group_home',
    capacity: 4,
    status: 'operating',
    villageCode: '01020103',
  });
  return { shelter, groupHome };
}

/** Sends each child down one of the journeys in turn: in care, reintegrated, lost to contact, closed. */
export async function walkDemoChildren(
  db: Kysely<Database>,
  staff: DemoStaff,
  children: CaseDetail[],
  first: number,
  facilities: { shelter: string; groupHome: string },
  clock: Clock,
): Promise<void> {
  for (const [offset, child] of children.entries()) {
    const index = first + offset;
    const journey = index % 6;
    const care =
      journey === 5 && index < 24
        ? intoCare(facilities.groupHome, 'group_home', true)
        : intoCare(facilities.shelter, 'shelter', journey !== 1);
    if (journey === 0) continue; // just referred: nothing done yet
    if (journey === 1 || journey === 5) await walk(db, staff, child, care, clock);
    if (journey === 2) await walk(db, staff, child, [...care, ...reintegrated()], clock);
    if (journey === 3) {
      await walk(
        db,
        staff,
        child,
        [
          ...care,
          ...reintegrated(),
          {
            type: 'lost_contact',
            day: 170,
            payload: { reason: 'moved_away', authoritiesInformed: true, informedWhom: 'Commune police and CCWC' },
          },
        ],
        clock,
      );
    }
    if (journey === 4) {
      await walk(
        db,
        staff,
        child,
        [
          ...care,
          ...reintegrated(),
          ...approval('closure', 400),
          {
            type: 'closure',
            day: 402,
            payload: {
              reason: 'stable_and_safe',
              summary: 'Working in a garment factory, living safely with her family.',
            },
          },
        ],
        clock,
      );
    }
  }
}
