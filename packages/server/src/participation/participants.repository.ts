import { CASE_SECTIONS, type CaseSection, type ParticipationRole } from '@homeward/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The organisations other than the lead that take part in a case (decision 0010). Callers hold the case's lock
 * and have checked the actor's rights; these only keep the rows right: one active participation per case and
 * organisation, ended rather than deleted so the organisation still reads what it wrote.
 */
type Executor = Kysely<Database> | Transaction<Database>;

export interface NewParticipation {
  id: string;
  caseId: string;
  organisationId: string;
  role: ParticipationRole;
  sections: readonly CaseSection[];
  via: 'referral' | 'handover' | 'transfer';
  sourceId: string | null;
  note: string | null;
  assignedWorkerId: string | null;
  grantedBy: string | null;
  startedOn: string;
}

/** Starts a participation, or widens the organisation's active one to the new role and sections. */
export async function addParticipant(trx: Transaction<Database>, participation: NewParticipation): Promise<string> {
  const sections = CASE_SECTIONS.filter((section) => participation.sections.includes(section));
  const current = await activeParticipation(trx, participation.caseId, participation.organisationId);
  if (current) {
    const merged = CASE_SECTIONS.filter((section) => sections.includes(section) || current.sections.includes(section));
    await trx
      .updateTable('case_participant')
      .set({ role: participation.role, sections: merged, note: participation.note ?? current.note })
      .where('id', '=', current.id)
      .execute();
    return current.id;
  }
  await trx
    .insertInto('case_participant')
    .values({
      id: participation.id,
      case_id: participation.caseId,
      organisation_id: participation.organisationId,
      role: participation.role,
      sections,
      via: participation.via,
      source_id: participation.sourceId,
      note: participation.note,
      assigned_worker_id: participation.assignedWorkerId,
      granted_by: participation.grantedBy,
      started_on: participation.startedOn,
    })
    .execute();
  return participation.id;
}

export function activeParticipation(db: Executor, caseId: string, organisationId: string) {
  return db
    .selectFrom('case_participant')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
}

/** Ends the organisation's participation: from then on it reads only what it wrote itself. */
export async function endParticipation(
  trx: Transaction<Database>,
  caseId: string,
  organisationId: string,
  endedOn: string,
): Promise<void> {
  await trx
    .updateTable('case_participant')
    .set({ ended_on: endedOn })
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('ended_on', 'is', null)
    .execute();
}

/** Gives the participation to one of the receiving organisation's workers, whose scope then reaches it. */
export async function assignParticipation(
  trx: Transaction<Database>,
  caseId: string,
  organisationId: string,
  workerId: string | null,
): Promise<void> {
  await trx
    .updateTable('case_participant')
    .set({ assigned_worker_id: workerId })
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('ended_on', 'is', null)
    .execute();
}

/** Every organisation that takes or took part in the case, for the lead's "who works on this child" panel. */
export function participantsOf(db: Executor, caseId: string) {
  return db
    .selectFrom('case_participant as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.organisation_id as organisationId',
      'o.name as organisationName',
      'p.role',
      'p.sections',
      'p.via',
      'p.started_on as startedOn',
      'p.ended_on as endedOn',
    ])
    .where('p.case_id', '=', caseId)
    .orderBy('p.started_on')
    .orderBy('p.created_at')
    .execute();
}
