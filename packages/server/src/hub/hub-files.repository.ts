import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { attachmentRow } from '../documents/attachments.repository';
import type { Sealed } from '../documents/file-crypto';

/** SQL of the photos and documents a hub copies from its central server (decision 0019). */
type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The files named by the document entries on the hub's cases that the hub does not hold: each entry names its file
 * (`attachmentId`), which is the entry's own id for a file made since decision 0020 and another id for an older one.
 */
export async function missingFiles(db: Executor): Promise<{ id: string; caseId: string }[]> {
  const rows = await db
    .selectFrom('case_event')
    .select(['case_id', sql<string>`payload->>'attachmentId'`.as('attachment_id')])
    .where('type', '=', 'document')
    .where(sql<boolean>`payload->>'attachmentId' is not null`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('attachment')
            .select('attachment.id')
            .where(sql<boolean>`attachment.id::text = case_event.payload->>'attachmentId'`),
        ),
      ),
    )
    .orderBy('case_event.seq')
    .execute();
  return [...new Map(rows.map((row) => [row.attachment_id, { id: row.attachment_id, caseId: row.case_id }])).values()];
}

export interface CentralFile {
  id: string;
  caseId: string;
  organisationId: string;
  kind: string;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  uploadedBy: string | null;
  uploadedAt: Date;
  sealed: Sealed;
}

/**
 * A file as the central server holds it, under its id, sealed with the hub's own key; marked as the central
 * server's so the hub's push never sends it back. Two rounds storing it at once store it once.
 */
export async function insertCentralFile(trx: Transaction<Database>, file: CentralFile): Promise<void> {
  await trx
    .insertInto('attachment')
    .values({ ...attachmentRow(file), created_at: file.uploadedAt })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  await trx
    .insertInto('hub_known')
    .values({ id: file.id, status: 'central' })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/** The uploader if she is a user here; a participant's is not, and her file is kept without her name. */
export async function knownUser(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
  return row?.id ?? null;
}
