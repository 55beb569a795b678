import type { CaseSection } from '@homeward/core';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { nextCaseNumber } from '../cases/case-creation.repository';
import { addParticipant, endParticipation } from './participants.repository';

export interface LeadChange {
  caseId: string;
  /** The organisation that takes the lead (a transfer's receiver). */
  toOrganisationId: string;
  /** Who of the receiver works the case; null leaves it unassigned for the receiver's manager. */
  workerId: string | null;
  /** What the former lead keeps reading besides what it wrote: none unless the child's consent allows it. */
  sectionsKept: readonly CaseSection[];
  via: 'transfer' | 'handover';
  sourceId: string;
  decidedBy: string;
  on: string;
}

/**
 * Hands the lead of a case to another organisation (decision 0010), in the caller's transaction and under the
 * case's lock: the receiver numbers the case, the sender's number is kept as a reference, the sender becomes a
 * former lead reading what it wrote (and the sections it kept), and the receiver's own participation, if it had
 * one, ends because it now leads. The history is untouched: every event keeps the organisation that wrote it.
 */
export async function changeLead(
  trx: Transaction<Database>,
  change: LeadChange,
): Promise<{ caseNumber: string; previousCaseNumber: string }> {
  const current = await trx
    .selectFrom('child_case')
    .select(['organisation_id', 'case_number'])
    .where('id', '=', change.caseId)
    .executeTakeFirstOrThrow();
  if (current.organisation_id === change.toOrganisationId) {
    return { caseNumber: current.case_number, previousCaseNumber: current.case_number };
  }
  const caseNumber = await nextCaseNumber(trx, change.toOrganisationId, Number(change.on.slice(0, 4)));
  await trx
    .insertInto('case_reference')
    .values({
      case_id: change.caseId,
      organisation_id: current.organisation_id,
      case_number: current.case_number,
      until_on: change.on,
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  await endParticipation(trx, change.caseId, change.toOrganisationId, change.on);
  await trx
    .updateTable('child_case')
    .set({
      organisation_id: change.toOrganisationId,
      case_number: caseNumber,
      assigned_worker_id: change.workerId,
    })
    .where('id', '=', change.caseId)
    .execute();
  await addParticipant(trx, {
    id: randomUUID(),
    caseId: change.caseId,
    organisationId: current.organisation_id,
    role: 'former_lead',
    sections: change.sectionsKept,
    via: change.via,
    sourceId: change.sourceId,
    note: null,
    assignedWorkerId: null,
    grantedBy: change.decidedBy,
    startedOn: change.on,
  });
  return { caseNumber, previousCaseNumber: current.case_number };
}
