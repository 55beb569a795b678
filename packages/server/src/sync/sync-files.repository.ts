import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Sealed } from '../documents/file-crypto';

type Executor = Kysely<Database> | Transaction<Database>;

export interface StagedFile {
  organisationId: string;
  id: string;
  sha256: string;
  deviceId: string;
  userId: string | null;
  size: number;
  sealed: Sealed;
}

/** Keeps a file sent ahead of its operation; the same bytes sent again (a retry) are kept once. */
export async function insertStagedFile(db: Executor, file: StagedFile): Promise<void> {
  await db
    .insertInto('sync_file')
    .values({
      organisation_id: file.organisationId,
      id: file.id,
      sha256: file.sha256,
      device_id: file.deviceId,
      user_id: file.userId,
      size: file.size,
      key_id: file.sealed.keyId,
      iv: file.sealed.iv,
      auth_tag: file.sealed.authTag,
      content: file.sealed.content,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'id', 'sha256']).doNothing())
    .execute();
}

export function readStagedFile(db: Executor, organisationId: string, id: string, sha256: string) {
  return db
    .selectFrom('sync_file')
    .select(['key_id', 'iv', 'auth_tag', 'content'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** Drops the file once its operation was applied or discarded: the attachment holds it, or nobody wants it. */
export async function deleteStagedFile(db: Executor, organisationId: string, id: string, sha256: string) {
  await db
    .deleteFrom('sync_file')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('sha256', '=', sha256)
    .execute();
}
