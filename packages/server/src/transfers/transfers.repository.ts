import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The rows of `case_transfer` and what the answers need around them. Callers hold the case's lock for writes
 * and have checked the actor's rights (transfers.service).
 */
type Executor = Kysely<Database> | Transaction<Database>;

export const TRANSFER_NOT_FOUND = 'No transfer with this id.';

export function transferById(db: Executor, transferId: string) {
  return db.selectFrom('case_transfer').selectAll().where('id', '=', transferId).executeTakeFirst();
}

export function openTransferOf(db: Executor, caseId: string) {
  return db
    .selectFrom('case_transfer')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'offered')
    .executeTakeFirst();
}

/** Transfers with the names an answer shows: both organisations, who offered and who decided. */
function transfersWithNames(db: Executor) {
  return db
    .selectFrom('case_transfer as t')
    .innerJoin('organisation as sender', 'sender.id', 't.from_organisation_id')
    .innerJoin('organisation as receiver', 'receiver.id', 't.to_organisation_id')
    .leftJoin('app_user as offerer', 'offerer.id', 't.offered_by')
    .leftJoin('app_user as decider', 'decider.id', 't.decided_by')
    .selectAll('t')
    .select([
      'sender.name as from_organisation_name',
      'receiver.name as to_organisation_name',
      'offerer.display_name as offered_by_name',
      'decider.display_name as decided_by_name',
    ]);
}

export type TransferRow = Awaited<ReturnType<typeof transfersOfCase>>[number];

/** A case's transfers, newest first: all of them for its lead, those naming its organisation for anyone else. */
export function transfersOfCase(db: Executor, caseId: string, onlyOrganisation: string | null) {
  let query = transfersWithNames(db).where('t.case_id', '=', caseId);
  if (onlyOrganisation) {
    query = query.where((eb) =>
      eb.or([eb('t.from_organisation_id', '=', onlyOrganisation), eb('t.to_organisation_id', '=', onlyOrganisation)]),
    );
  }
  return query.orderBy('t.created_at', 'desc').execute();
}

export function transferWithNames(db: Executor, transferId: string) {
  return transfersWithNames(db).where('t.id', '=', transferId).executeTakeFirstOrThrow();
}

/** The offers waiting for an organisation, with what anyone outside the case may know of the child. */
export function incomingOffers(db: Executor, organisationId: string) {
  return transfersWithNames(db)
    .innerJoin('child_case as c', 'c.id', 't.case_id')
    .select(['c.alias', 'c.sex', 'c.date_of_birth', 'c.case_types', 'c.current_facility_id'])
    .where('t.to_organisation_id', '=', organisationId)
    .where('t.status', '=', 'offered')
    .orderBy('t.offered_on')
    .orderBy('t.created_at')
    .execute();
}

export async function incomingOfferCount(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('case_transfer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('to_organisation_id', '=', organisationId)
    .where('status', '=', 'offered')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The case's earlier numbers under earlier leads, oldest first: "transferred from X, their number Y". */
export function referencesOf(db: Executor, caseId: string) {
  return db
    .selectFrom('case_reference as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(['r.organisation_id', 'o.name as organisation_name', 'r.case_number', 'r.until_on'])
    .where('r.case_id', '=', caseId)
    .orderBy('r.until_on')
    .orderBy('r.created_at')
    .execute();
}

/** Organisations that may lead a case: on this server, not a department (which oversees, never leads). */
export function receiversFor(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'province_code as provinceCode'])
    .where('kind', '!=', 'government')
    .where('id', '!=', organisationId)
    .orderBy('name')
    .execute();
}

export function receiverOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

/** One of the receiver's people who may work a case: a caseworker or supervisor, not disabled. */
export async function caseWorkerOf(db: Executor, organisationId: string, userId: string): Promise<boolean> {
  const worker = await db
    .selectFrom('app_user')
    .select('roles')
    .where('id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return !!worker && worker.roles.some((role) => role === 'caseworker' || role === 'supervisor');
}

/** Locks the case row whoever leads it: the receiver's side of a transfer, which does not lead it yet. */
export function lockCaseRow(trx: Transaction<Database>, caseId: string) {
  return trx
    .selectFrom('child_case')
    .select(['id', 'organisation_id', 'case_number', 'assigned_worker_id', 'current_facility_id'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}
