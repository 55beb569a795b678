import {
  effectiveEvents,
  eventPayloadSchemas,
  inCaseOrder,
  type CareType,
  type CaseDetail,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type EventPayload,
  type ReintegrationDestination,
} from '@homeward/core';
import type { MosvyFormId } from './mosvy-forms';

/** A recorded step as the forms use it: its date, who recorded it, and its payload read through its schema. */
export interface Recorded<T extends CaseEventType> {
  id: string;
  on: string;
  authorName: string | null;
  payload: EventPayload<T>;
}

export interface FamilyContact {
  memberId: string;
  name: string;
  relationship: EventPayload<'family_member'>['relationship'];
  phone?: string | undefined;
  villageCode?: string | undefined;
}

/** Where the child lives now, as Form 4 asks it: a form of care, who cares, since when. */
export interface CareArrangement {
  careType: CareType | null;
  /** Set when the arrangement is a reintegration (its destination may have no care type: employment). */
  destination: ReintegrationDestination | null;
  carer: string | null;
  villageCode: string | null;
  since: string;
}

/** Everything the six forms print, gathered once from the case, its history and its derived state. */
export interface MosvyCase {
  detail: CaseDetail;
  state: CaseState | undefined;
  intake: Recorded<'intake'> | undefined;
  csi: Recorded<'assessment_csi'> | undefined;
  family: Recorded<'assessment_family'> | undefined;
  risk: Recorded<'assessment_risk'> | undefined;
  readiness: Recorded<'assessment_readiness'> | undefined;
  carePlan: Recorded<'care_plan'> | undefined;
  servicesConsent: Recorded<'consent'> | undefined;
  placements: Recorded<'placement'>[];
  reintegration: Recorded<'reintegration'> | undefined;
  followUps: Recorded<'follow_up_visit'>[];
  lostContacts: Recorded<'lost_contact'>[];
  contactsRestored: Recorded<'contact_restored'>[];
  /** The closure in force: none when the case was reopened after it. */
  closure: Recorded<'closure'> | undefined;
  familyContacts: FamilyContact[];
  arrangement: CareArrangement | null;
}

/** The events that still count, in the order they happened: corrected events give way to their corrections. */
export function activeEvents(events: readonly CaseEvent[]): CaseEvent[] {
  return effectiveEvents(inCaseOrder(events)).filter((event) => event.supersededBy === null);
}

function recorded<T extends CaseEventType>(events: readonly CaseEvent[], type: T): Recorded<T>[] {
  const found: Recorded<T>[] = [];
  for (const event of events) {
    if (event.type !== type) continue;
    // An event stored under an older shape is left out rather than printed wrong.
    const parsed = eventPayloadSchemas[type].safeParse(event.payload);
    if (parsed.success) {
      found.push({
        id: event.id,
        on: event.occurredOn,
        authorName: event.authorName,
        payload: parsed.data as EventPayload<T>,
      });
    }
  }
  return found;
}

const DESTINATION_CARE: Record<ReintegrationDestination, CareType | null> = {
  birth_family: 'birth_family',
  relatives: 'kinship',
  foster: 'foster',
  group_home: 'group_home',
  independent_living: 'independent_living',
  employment: null,
  other: null,
};

function arrangementOf(
  placement: Recorded<'placement'> | undefined,
  reintegration: Recorded<'reintegration'> | undefined,
  facilities: ReadonlyMap<string, { name: string; villageCode: string | null }>,
): CareArrangement | null {
  if (reintegration && (!placement || reintegration.on >= placement.on)) {
    const { destination, carerName, villageCode } = reintegration.payload;
    return {
      careType: DESTINATION_CARE[destination],
      destination,
      carer: carerName ?? null,
      villageCode: villageCode ?? null,
      since: reintegration.on,
    };
  }
  if (!placement) return null;
  const { careType, carerName, facilityId } = placement.payload;
  const facility = facilityId ? facilities.get(facilityId) : undefined;
  return {
    careType,
    destination: null,
    carer: carerName ?? facility?.name ?? null,
    villageCode: facility?.villageCode ?? null,
    since: placement.on,
  };
}

export function gatherCase(
  detail: CaseDetail,
  events: readonly CaseEvent[],
  state: CaseState | undefined,
  facilities: ReadonlyMap<string, { name: string; villageCode: string | null }> = new Map(),
): MosvyCase {
  const active = activeEvents(events);
  const last = <T>(items: T[]): T | undefined => items[items.length - 1];
  const placements = recorded(active, 'placement');
  const reintegration = last(recorded(active, 'reintegration'));
  const closure = last(recorded(active, 'closure'));
  const reopening = last(recorded(active, 'reopening'));
  const contacts = new Map<string, FamilyContact>();
  for (const member of recorded(active, 'family_member')) {
    const { memberId, name, relationship, phone, villageCode } = member.payload;
    contacts.set(memberId, { memberId, name, relationship, phone, villageCode });
  }
  return {
    detail,
    state,
    intake: recorded(active, 'intake')[0],
    csi: last(recorded(active, 'assessment_csi')),
    family: last(recorded(active, 'assessment_family')),
    risk: last(recorded(active, 'assessment_risk')),
    readiness: last(recorded(active, 'assessment_readiness')),
    carePlan: last(recorded(active, 'care_plan')),
    servicesConsent: last(recorded(active, 'consent').filter((consent) => consent.payload.scope === 'services')),
    placements,
    reintegration,
    followUps: recorded(active, 'follow_up_visit'),
    lostContacts: recorded(active, 'lost_contact'),
    contactsRestored: recorded(active, 'contact_restored'),
    closure: closure && (!reopening || reopening.on < closure.on) ? closure : undefined,
    familyContacts: [...contacts.values()],
    arrangement: arrangementOf(last(placements), reintegration, facilities),
  };
}

/** The date of the records a form is filled from, or null when nothing is recorded for it yet. */
export function filledFrom(form: MosvyFormId, data: MosvyCase): string | null {
  const latest = (...dates: (string | undefined)[]) =>
    dates
      .filter((date): date is string => Boolean(date))
      .sort()
      .pop() ?? null;
  switch (form) {
    case 'initial-information':
      return data.intake?.on ?? data.detail.openedOn;
    case 'assessment':
      return latest(data.csi?.on, data.family?.on);
    case 'service-plan':
      return data.carePlan?.on ?? null;
    case 'placement':
      return data.arrangement?.since ?? null;
    case 'follow-up':
      return latest(...data.followUps.map((visit) => visit.on), ...data.lostContacts.map((lost) => lost.on));
    case 'closure':
      return data.closure?.on ?? null;
  }
}

/**
 * The child code of the MoSVY forms: the 8-digit village code, then a 4-digit child number, here the serial
 * at the end of the case number ("TO-2026-0012" → 0012). Missing parts are null, to print as empty boxes.
 */
export function childCode(villageCode: string | null, caseNumber: string): { village: string | null; child: string } {
  const digits = /(\d+)\D*$/.exec(caseNumber)?.[1] ?? '';
  return {
    village: villageCode && /^\d{8}$/.test(villageCode) ? villageCode : null,
    child: digits.slice(-4).padStart(4, '0'),
  };
}

/** Whole years, months and days from one date to another, as Form 6 counts the time in care. */
export function durationBetween(from: string, to: string): { years: number; months: number; days: number } {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  let days = td - fd;
  if (days < 0) {
    months -= 1;
    // Days left in the month before `to`'s month.
    days += new Date(Date.UTC(ty, tm - 1, 0)).getUTCDate();
  }
  if (months < 0) return { years: 0, months: 0, days: 0 };
  return { years: Math.floor(months / 12), months: months % 12, days };
}
