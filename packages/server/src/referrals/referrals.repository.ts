import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, ReferralTable } from '../db/schema';
import type { UsedId } from '../cases/client-ids';

/**
 * The SQL of referrals for a service. Callers check who may see or change a referral (the sender's writers
 * through the case's lock, the receiver's users by organisation); these only read and write the rows.
 */
type Executor = Kysely<Database> | Transaction<Database>;

export type ReferralInsert = Insertable<ReferralTable>;

export async function insertReferral(trx: Transaction<Database>, row: ReferralInsert): Promise<void> {
  await trx.insertInto('referral').values(row).execute();
}

export async function referralIdUse(db: Executor, id: string): Promise<UsedId | undefined> {
  const row = await db
    .selectFrom('referral')
    .select(['sender_organisation_id as organisation_id', 'request_digest'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row;
}

/** Every column a referral's answer needs: both organisations, the people of each step, the child's basics. */
export function referralRows(db: Executor) {
  return db
    .selectFrom('referral as r')
    .innerJoin('child_case as c', 'c.id', 'r.case_id')
    .innerJoin('organisation as sender', 'sender.id', 'r.sender_organisation_id')
    .innerJoin('organisation as receiver', 'receiver.id', 'r.receiver_organisation_id')
    .leftJoin('app_user as sent_by', 'sent_by.id', 'r.sent_by')
    .leftJoin('app_user as answered_by', 'answered_by.id', 'r.answered_by')
    .leftJoin('app_user as override_by', 'override_by.id', 'r.override_by')
    .leftJoin('app_user as worker', 'worker.id', 'r.assigned_worker_id')
    .selectAll('r')
    .select([
      'c.case_number',
      'c.sex',
      'c.date_of_birth',
      'c.alias',
      'c.family_name_km',
      'c.given_name_km',
      'c.family_name_latin',
      'c.given_name_latin',
      'c.date_of_birth_estimated',
      'c.village_code',
      'c.case_types',
      'sender.name as sender_name',
      'receiver.name as receiver_name',
      'sent_by.display_name as sent_by_name',
      'answered_by.display_name as answered_by_name',
      'override_by.display_name as override_by_name',
      'worker.display_name as worker_name',
    ]);
}
export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralRows>['execute']>>[number];

export function referralsOfCase(db: Executor, caseId: string, onlyReceiver?: string) {
  let query = referralRows(db).where('r.case_id', '=', caseId);
  if (onlyReceiver) query = query.where('r.receiver_organisation_id', '=', onlyReceiver);
  return query.orderBy('r.sent_on', 'desc').orderBy('r.created_at', 'desc').execute();
}

/** The receiver's inbox: what waits first, then what it works on, then the rest, newest first. */
export function incomingReferrals(db: Executor, organisationId: string) {
  return referralRows(db)
    .where('r.receiver_organisation_id', '=', organisationId)
    .orderBy((eb) =>
      eb.case().when('r.status', '=', 'sent').then(0).when('r.status', '=', 'accepted').then(1).else(2).end(),
    )
    .orderBy('r.sent_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();
}

export function findReferral(db: Executor, id: string) {
  return referralRows(db).where('r.id', '=', id).executeTakeFirst();
}

/** Locks one referral for a step; the caller's transaction holds the lock until it commits. */
export function lockReferral(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateReferral(
  trx: Transaction<Database>,
  id: string,
  changes: Updateable<ReferralTable>,
): Promise<void> {
  await trx.updateTable('referral').set(changes).where('id', '=', id).execute();
}

/** Organisations a child can be referred to: every other one on this server, by service and province. */
export function referralReceivers(
  db: Executor,
  senderOrganisationId: string,
  filter: { service?: string | undefined; province?: string | undefined },
) {
  let query = db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'province_code as provinceCode', 'services'])
    .where('id', '!=', senderOrganisationId);
  if (filter.province) query = query.where('province_code', '=', filter.province);
  const rows = query.orderBy('name').execute();
  return filter.service ? rows.then((all) => all.filter((row) => row.services.includes(filter.service!))) : rows;
}

export async function organisationServices(db: Executor, organisationId: string): Promise<string[]> {
  const row = await db
    .selectFrom('organisation')
    .select('services')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return row.services;
}

export async function setOrganisationServices(db: Executor, organisationId: string, services: string[]) {
  await db.updateTable('organisation').set({ services }).where('id', '=', organisationId).execute();
}

/** Referrals an organisation must answer, for the navigation's count. */
export function waitingReferrals(db: Executor, organisationId: string) {
  return db
    .selectFrom('referral')
    .select(['urgency', 'sent_on', 'status'])
    .where('receiver_organisation_id', '=', organisationId)
    .where('status', '=', 'sent')
    .execute();
}

/** Every referral still waiting for an answer, across organisations, for the reminder job. */
export function allWaitingReferrals(db: Executor) {
  return db
    .selectFrom('referral')
    .select([
      'id',
      'case_id as caseId',
      'urgency',
      'sent_on as sentOn',
      'status',
      'sent_by as sentBy',
      'sender_organisation_id as senderOrganisationId',
      'receiver_organisation_id as receiverOrganisationId',
    ])
    .where('status', '=', 'sent')
    .orderBy('sent_on')
    .execute();
}

/** A worker of the receiving organisation who can take the child on. */
export function caseWorkerOf(db: Executor, organisationId: string, workerId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'roles'])
    .where('id', '=', workerId)
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Locks a case row by id, for the receiver's steps on a case it does not lead. */
export function lockCaseRow(trx: Transaction<Database>, caseId: string) {
  return trx
    .selectFrom('child_case')
    .select(['id', 'organisation_id', 'status'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}
