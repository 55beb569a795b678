import { DomainError, type SyncOperation } from '@homeward/core';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { lockCaseForEvent } from '../cases/case-reads.repository';
import type { Database } from '../db/schema';
import { attachmentIdUse } from '../documents/attachments.repository';
import { writeAttachment, type FileKeys } from '../documents/attachments.service';
import { checkedFile } from '../documents/file-check';
import { open, seal } from '../documents/file-crypto';
import { deleteStagedFile, readStagedFile } from './sync-files.repository';

type AttachmentOperation = Extract<SyncOperation, { kind: 'attachment' }>;

const ID_TAKEN = 'Another file was already stored under this identifier.';

/**
 * A photo or document added offline (decision 0020), with the online upload's checks on the bytes sent ahead of
 * it: type by content, size, metadata removed, sealed at rest, and the case's rules and photo consent as they
 * stand on arrival. The file and its timeline entry take the operation's id, so a retry (or ten at once,
 * serialised by the case's lock) finds it written and is `applied`; other bytes under that id are refused
 * (`id_taken`) and kept with their file. `missing` when the bytes have not arrived: the device sends them again.
 */
export async function applyAttachment(
  db: Kysely<Database>,
  actor: Actor,
  operation: AttachmentOperation,
  keys: FileKeys,
  today: string,
): Promise<'applied' | 'missing'> {
  const { opId: id, caseId, body } = operation;
  if (await alreadyWritten(db, actor, operation)) {
    await deleteStagedFile(db, actor.organisationId, id, body.sha256);
    return 'applied';
  }
  const staged = await readStagedFile(db, actor.organisationId, id, body.sha256);
  if (!staged) return 'missing';
  const sent = open(keys.all, {
    keyId: staged.key_id,
    iv: staged.iv,
    authTag: staged.auth_tag,
    content: staged.content,
  });
  const file = await checkedFile(body.kind, sent);
  await db.transaction().execute(async (trx) => {
    const locked = await lockCaseForEvent(trx, actor, caseId, 'document');
    // A copy of this operation may have written it while this one waited for the case's lock.
    if (await alreadyWritten(trx, actor, operation)) return;
    await writeAttachment(trx, actor, locked.organisation_id, caseId, {
      id,
      fields: { kind: body.kind, title: body.title },
      fileName: body.fileName,
      file,
      sealed: seal(keys.current, file.data),
      sentSha256: body.sha256,
      today,
    });
    await deleteStagedFile(trx, actor.organisationId, id, body.sha256);
  });
  return 'applied';
}

/** Whether this very file is stored under the id; an id used otherwise is refused, saying nothing of its use. */
async function alreadyWritten(
  db: Kysely<Database>,
  actor: Actor,
  { opId, caseId, body }: AttachmentOperation,
): Promise<boolean> {
  const used = await attachmentIdUse(db, opId);
  if (!used) return false;
  if (used.organisation_id === actor.organisationId && used.case_id === caseId && used.sent_sha256 === body.sha256) {
    return true;
  }
  throw new DomainError('conflict', ID_TAKEN, [], 'id_taken');
}
