import { randomUUID } from 'node:crypto';
import {
  birthDateOf,
  checkEventDate,
  checkNewCase,
  DomainError,
  projectCase,
  searchKey,
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  type CaseListQuery,
  type CaseSummary,
  type NewCase,
  type NewCaseEvent,
} from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseRow, Database } from '../db/schema';
import {
  caseIdOwner,
  eventsForRules,
  findEvent,
  insertCase,
  insertEvent,
  lockCaseForWrite,
  nextCaseNumber,
  readCase,
  readEvents,
  searchCases,
  updateCaseProjection,
  type CaseWithWorker,
  type EventWithAuthor,
} from './cases.repository';

export interface Clock {
  today(): string;
}
/**
 * Today in the organisation's time zone, not the server's: a case entered in Phnom Penh at 6 a.m. is dated
 * that day even though it is still yesterday in UTC.
 */
export function clockInZone(timeZone: string): Clock {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return { today: () => format.format(new Date()) };
}
export const systemClock: Clock = clockInZone(process.env.HOMEWARD_TIMEZONE ?? 'Asia/Phnom_Penh');

export async function createCase(
  db: Kysely<Database>,
  actor: Actor,
  input: NewCase,
  clock: Clock = systemClock,
): Promise<{ created: boolean; detail: CaseDetail }> {
  checkNewCase(input, clock.today());
  const id = input.id ?? randomUUID();
  const owner = await caseIdOwner(db, id);
  // A client retrying an offline create gets the case it made, not a second one.
  if (owner === actor.organisationId) return { created: false, detail: await getCase(db, actor, id) };
  if (owner) throw new DomainError('conflict', 'This case id is already used.', [], 'id_taken');

  const birth = birthDateOf(input);
  const intake = {
    type: 'intake',
    occurredOn: input.referral.referredOn,
    payload: { referral: input.referral, caseTypes: input.caseTypes, childType: input.childType ?? null },
  };
  const projection = projectCase([intake]);
  await db.transaction().execute(async (trx) => {
    const caseNumber = await nextCaseNumber(trx, actor.organisationId, Number(input.referral.referredOn.slice(0, 4)));
    await insertCase(trx, actor, {
      id,
      organisation_id: actor.organisationId,
      case_number: caseNumber,
      family_name_km: input.familyNameKm ?? null,
      given_name_km: input.givenNameKm ?? null,
      family_name_latin: input.familyNameLatin ?? null,
      given_name_latin: input.givenNameLatin ?? null,
      alias: input.alias ?? null,
      sex: input.sex,
      date_of_birth: birth.dateOfBirth,
      date_of_birth_estimated: birth.estimated,
      village_code: input.villageCode ?? null,
      child_type: input.childType ?? null,
      case_types: input.caseTypes,
      referral: JSON.stringify(input.referral),
      search_key: caseSearchKey(input, caseNumber),
      status: projection.status,
      risk_level: projection.riskLevel,
      opened_on: projection.openedOn,
      last_event_on: projection.lastEventOn,
      assigned_worker_id: actor.userId,
      created_by: actor.userId,
    });
    await insertEvent(trx, actor, { id: randomUUID(), caseId: id, ...intake });
  });
  return { created: true, detail: await getCase(db, actor, id) };
}

function caseSearchKey(input: NewCase, caseNumber: string): string {
  const { familyNameKm: fk, givenNameKm: gk, familyNameLatin: fl, givenNameLatin: gl } = input;
  // Whole names in both orders, so "Dara Sok" finds សុខ ដារា / Sok Dara as well as "Sok Dara".
  const wholeNames = [fk && gk ? fk + gk : undefined, fl && gl ? fl + gl : undefined, gl && fl ? gl + fl : undefined];
  return searchKey([...wholeNames, gk, fk, gl, fl, input.alias, caseNumber]);
}

export async function getCase(db: Kysely<Database>, actor: Actor, caseId: string): Promise<CaseDetail> {
  return toDetail(await readCase(db, actor, caseId));
}

export async function listCases(db: Kysely<Database>, actor: Actor, query: CaseListQuery): Promise<CaseList> {
  const { rows, total } = await searchCases(db, actor, query);
  return { items: rows.map(toSummary), total };
}

export async function listEvents(db: Kysely<Database>, actor: Actor, caseId: string): Promise<CaseEvent[]> {
  return (await readEvents(db, actor, caseId)).map(toEvent);
}

export async function addEvent(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  input: NewCaseEvent,
  clock: Clock = systemClock,
): Promise<{ created: boolean; event: CaseEvent }> {
  const id = input.id ?? randomUUID();
  const existing = await findEvent(db, actor, id);
  if (existing && existing.case_id === caseId) {
    return { created: false, event: mustFind(await listEvents(db, actor, caseId), id) };
  }
  if (existing) throw new DomainError('conflict', 'This event id is already used.', [], 'id_taken');
  await db.transaction().execute(async (trx) => {
    await lockCaseForWrite(trx, actor, caseId);
    const events = await eventsForRules(trx, caseId);
    checkEventDate(events, input.occurredOn, clock.today());
    await insertEvent(trx, actor, {
      id,
      caseId,
      type: input.type,
      occurredOn: input.occurredOn,
      payload: input.payload,
    });
    await updateCaseProjection(trx, caseId, projectCase([...events, input]));
  });
  return { created: true, event: mustFind(await listEvents(db, actor, caseId), id) };
}

function mustFind(events: CaseEvent[], id: string): CaseEvent {
  const event = events.find((candidate) => candidate.id === id);
  if (!event) throw new Error('A stored event was not read back.');
  return event;
}

function toSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    organisationId: row.organisation_id,
    familyNameKm: row.family_name_km,
    givenNameKm: row.given_name_km,
    familyNameLatin: row.family_name_latin,
    givenNameLatin: row.given_name_latin,
    alias: row.alias,
    sex: row.sex as CaseSummary['sex'],
    dateOfBirth: row.date_of_birth,
    dateOfBirthEstimated: row.date_of_birth_estimated,
    caseTypes: row.case_types as CaseSummary['caseTypes'],
    status: row.status as CaseSummary['status'],
    riskLevel: row.risk_level as CaseSummary['riskLevel'],
    openedOn: row.opened_on,
    villageCode: row.village_code,
    assignedWorkerId: row.assigned_worker_id,
    version: row.version,
  };
}

function toDetail(row: CaseWithWorker): CaseDetail {
  return {
    ...toSummary(row),
    childType: row.child_type as CaseDetail['childType'],
    referral: row.referral as CaseDetail['referral'],
    assignedWorkerName: row.assigned_worker_name,
    createdAt: row.created_at.toISOString(),
  };
}

function toEvent(row: EventWithAuthor): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    type: row.type as CaseEvent['type'],
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at.toISOString(),
    authorId: row.author_id,
    authorName: row.author_name,
    payload: row.payload,
  };
}
