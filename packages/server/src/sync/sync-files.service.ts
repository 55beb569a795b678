import { createHash } from 'node:crypto';
import { DomainError, type StagedFile } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { attachmentIdUse } from '../documents/attachments.repository';
import type { FileKeys } from '../documents/attachments.service';
import { seal } from '../documents/file-crypto';
import { dropForgottenStagedFiles, insertStagedFile } from './sync-files.repository';

/** How long a file sent ahead waits for its push before it is taken for forgotten. */
const STAGED_FILE_DAYS = 30;

const DAMAGED = 'The file arrived other than it was sent (its SHA-256 differs): send it again.';

/**
 * A file sent ahead of its `attachment` operation (decision 0020), kept sealed under the operation's id and the
 * hash of its bytes until the push applies it. Sending it again is a retry; once the attachment is written with
 * these bytes there is nothing to keep. Nothing here reads a case: what the file is for is decided by the push.
 */
export async function stageFile(
  db: Kysely<Database>,
  actor: Actor,
  deviceId: string,
  file: { id: string; sha256: string; data: Buffer },
  keys: FileKeys,
): Promise<StagedFile> {
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  if (sha256 !== file.sha256) throw new DomainError('invalid', DAMAGED, [], 'file_damaged');
  if (file.data.length === 0) throw new DomainError('invalid', 'The file is empty.', [], 'empty_file');
  const stored = await attachmentIdUse(db, file.id);
  const alreadyWritten = stored?.organisation_id === actor.organisationId && stored.sent_sha256 === sha256;
  if (!alreadyWritten) {
    await insertStagedFile(db, {
      organisationId: actor.organisationId,
      id: file.id,
      sha256,
      deviceId,
      userId: actor.userId,
      size: file.data.length,
      sealed: seal(keys.current, file.data),
    });
  }
  await dropForgottenStagedFiles(db, actor.organisationId, STAGED_FILE_DAYS);
  return { id: file.id, sha256, size: file.data.length };
}
