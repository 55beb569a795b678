import { sql, type Kysely, type Transaction } from 'kysely';
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

/** Files waiting for their operation that are sealed with another key than the current one (a key rotation). */
export function stagedFilesSealedOtherwise(db: Kysely<Database>, keyId: string, limit: number) {
  return db
    .selectFrom('sync_file')
    .select(['organisation_id', 'id', 'sha256', 'key_id', 'iv', 'auth_tag', 'content'])
    .where('key_id', '!=', keyId)
    .orderBy('organisation_id')
    .orderBy('id')
    .orderBy('sha256')
    .limit(limit)
    .execute();
}

export async function resealStagedFile(
  db: Kysely<Database>,
  file: { organisationId: string; id: string; sha256: string },
  sealed: Sealed,
): Promise<void> {
  await db
    .updateTable('sync_file')
    .set({ key_id: sealed.keyId, iv: sealed.iv, auth_tag: sealed.authTag, content: sealed.content })
    .where('organisation_id', '=', file.organisationId)
    .where('id', '=', file.id)
    .where('sha256', '=', file.sha256)
    .execute();
}

/**
 * Files sent ahead whose push never came (a phone lost or wiped between the two) and that no open held change
 * keeps. A device keeps its copy until the server answers the operation, so one that comes back sends it again.
 */
export async function dropForgottenStagedFiles(db: Executor, organisationId: string, days: number): Promise<void> {
  await db
    .deleteFrom('sync_file')
    .where('organisation_id', '=', organisationId)
    .where('received_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sync_held')
            .select('sync_held.id')
            .whereRef('sync_held.id', '=', 'sync_file.id')
            .where('sync_held.status', '=', 'open'),
        ),
      ),
    )
    .execute();
}
