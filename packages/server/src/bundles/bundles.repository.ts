import type { Kysely, Transaction } from 'kysely';
import type { Database, EventOrigin, InstallationIdentityTable } from '../db/schema';
import { attachmentRow } from '../documents/attachments.repository';
import type { Sealed } from '../documents/file-crypto';

/** The SQL of case files between installations (decision 0012): identity, partners, and what was imported. */
type Executor = Kysely<Database> | Transaction<Database>;

export function readIdentity(db: Executor) {
  return db.selectFrom('installation_identity').selectAll().where('id', '=', 'this').executeTakeFirst();
}

/** Made once: two servers starting at once over one database keep the first identity written. */
export async function insertIdentityOnce(db: Executor, row: Omit<InstallationIdentityTable, 'created_at'>) {
  await db
    .insertInto('installation_identity')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** The name the card carries: the installation's first organisation, which is who partners know. */
export async function firstOrganisationName(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('organisation').select('name').orderBy('created_at').limit(1).executeTakeFirst();
  return row?.name;
}

export async function organisationName(db: Executor, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return row.name;
}

export function listPartners(db: Executor, organisationId: string) {
  return db
    .selectFrom('partner_installation as p')
    .leftJoin('app_user as u', 'u.id', 'p.added_by')
    .select(['p.id', 'p.name', 'p.fingerprint', 'p.created_at', 'u.display_name as added_by_name'])
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.name')
    .execute();
}

export function findPartner(db: Executor, organisationId: string, by: { id: string } | { fingerprint: string }) {
  let query = db.selectFrom('partner_installation').selectAll().where('organisation_id', '=', organisationId);
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('fingerprint', '=', by.fingerprint);
  return query.executeTakeFirst();
}

export async function insertPartner(
  db: Executor,
  row: {
    id: string;
    organisationId: string;
    name: string;
    fingerprint: string;
    signingKey: string;
    agreementKey: string;
    addedBy: string;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('partner_installation')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      name: row.name,
      fingerprint: row.fingerprint,
      signing_key: row.signingKey,
      agreement_key: row.agreementKey,
      added_by: row.addedBy,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'fingerprint']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deletePartner(db: Executor, organisationId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('partner_installation')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/** Every event of a case with who wrote it: the author's name and organisation here, or where it came from. */
export function eventsForBundle(db: Executor, caseId: string, organisationId: string) {
  return db
    .selectFrom('case_event as e')
    .leftJoin('app_user as author', 'author.id', 'e.author_id')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .select([
      'e.id',
      'e.type',
      'e.occurred_on',
      'e.recorded_at',
      'e.supersedes',
      'e.payload',
      'e.origin',
      'author.display_name as author_name',
      'o.name as organisation_name',
    ])
    .where('e.case_id', '=', caseId)
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.occurred_on')
    .orderBy('e.seq')
    .execute();
}

export function attachmentsForBundle(db: Executor, caseId: string, organisationId: string) {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .execute();
}

/** The cases this organisation already imported from this sender, with their number here. */
export function importedCases(db: Executor, organisationId: string, fingerprint: string, sourceCaseIds: string[]) {
  return db
    .selectFrom('imported_case as i')
    .innerJoin('child_case as c', 'c.id', 'i.case_id')
    .select(['i.source_case_id', 'i.case_id', 'c.case_number'])
    .where('i.organisation_id', '=', organisationId)
    .where('i.sender_fingerprint', '=', fingerprint)
    .where('i.source_case_id', 'in', sourceCaseIds)
    .execute();
}

/** The sender's number and organisation of an imported case, shown on the case as its reference. */
export function importReference(db: Executor, caseId: string) {
  return db
    .selectFrom('imported_case')
    .select(['source_case_number', 'sender_organisation', 'imported_at'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function insertImportedEvent(
  trx: Transaction<Database>,
  event: {
    id: string;
    caseId: string;
    organisationId: string;
    type: string;
    occurredOn: string;
    supersedes: string | null;
    payload: Record<string, unknown>;
    origin: EventOrigin;
  },
): Promise<void> {
  await trx
    .insertInto('case_event')
    .values({
      id: event.id,
      case_id: event.caseId,
      organisation_id: event.organisationId,
      type: event.type,
      occurred_on: event.occurredOn,
      author_id: null,
      supersedes: event.supersedes,
      payload: JSON.stringify(event.payload),
      origin: JSON.stringify(event.origin),
    })
    .execute();
}

export async function insertImportedAttachment(
  trx: Transaction<Database>,
  file: {
    id: string;
    caseId: string;
    organisationId: string;
    kind: string;
    title: string;
    fileName: string;
    mediaType: string;
    size: number;
    sealed: Sealed;
  },
): Promise<void> {
  await trx
    .insertInto('attachment')
    .values(attachmentRow({ ...file, uploadedBy: null }))
    .execute();
}

export async function insertImportedCase(
  trx: Transaction<Database>,
  row: {
    organisationId: string;
    senderFingerprint: string;
    sourceCaseId: string;
    sourceCaseNumber: string;
    senderOrganisation: string;
    caseId: string;
    bundleId: string;
    importedBy: string;
  },
): Promise<void> {
  await trx
    .insertInto('imported_case')
    .values({
      organisation_id: row.organisationId,
      sender_fingerprint: row.senderFingerprint,
      source_case_id: row.sourceCaseId,
      source_case_number: row.sourceCaseNumber,
      sender_organisation: row.senderOrganisation,
      case_id: row.caseId,
      bundle_id: row.bundleId,
      imported_by: row.importedBy,
    })
    .execute();
}

export async function resealIdentity(db: Executor, sealed: { signing_private: string; agreement_private: string }) {
  await db.updateTable('installation_identity').set(sealed).where('id', '=', 'this').execute();
}
